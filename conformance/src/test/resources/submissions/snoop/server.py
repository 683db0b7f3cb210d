"""Attack: no isolation. Reads and rewrites what is not its own, then serves correctly. What it managed is printed."""
import glob
import os
import runpy

MARKER = open("marker.txt").read().strip()


def attempt(what, action):
    try:
        print("managed:", what, repr(action())[:200], flush=True)
    except Exception as e:  # noqa: BLE001 - every failure is the expected outcome
        print("refused:", what, type(e).__name__, flush=True)


attempt("list the parent folder", lambda: os.listdir(".."))
attempt("list the submissions beside it", lambda: glob.glob("../*/server.py"))
for victim in ["../victim/server.py"] + glob.glob("../*victim*/server.py"):
    attempt("rewrite " + victim, lambda: open(victim, "w").write("raise SystemExit(1)\n"))
attempt("list /root", lambda: os.listdir("/root"))
attempt("list /home", lambda: os.listdir("/home"))
attempt("read /etc/shadow", lambda: open("/etc/shadow").read())
attempt("write /tmp (its own)", lambda: open("/tmp/" + MARKER, "w").write("x"))
for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    attempt("read the command line of " + pid, lambda: open("/proc/%s/cmdline" % pid, "rb").read())
for report in ["../../helo-report.csv"] + glob.glob("../../helo-report.*") + glob.glob("/tmp/*/helo-report.*"):
    attempt("rewrite report " + report, lambda: open(report, "w").write("hacked"))
attempt("connect out of its network", lambda: __import__("socket").create_connection(("1.1.1.1", 53), timeout=2))
attempt("write its own folder", lambda: open("own-" + MARKER, "w").write("x"))
runpy.run_path("helo_server.py", run_name="__main__")
