"""Attack: output flood. Writes 64 MiB to its standard output, then serves correctly."""
import runpy
import sys

block = b"server output flood " * 52429
for _ in range(64):
    sys.stdout.buffer.write(block)
sys.stdout.buffer.flush()
runpy.run_path("helo_server.py", run_name="__main__")
