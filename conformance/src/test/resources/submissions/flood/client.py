"""Attack: output flood. A client that writes 2.2 GiB to its standard output."""
import sys

block = b"x" * (1 << 20)
for _ in range(2253):
    sys.stdout.buffer.write(block)
