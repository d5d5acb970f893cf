#!/usr/bin/python3
"""make bench: clerk's whole run, YAML to HTML and PDF, against a bare
libharu program writing the same words over the same pages with one face.

Reports: content/lewisham/improvement-plan.yaml (the fixed paper) and
reports of 10, 100, 1,000 and 10,000 actions from bench/gen_report.py.
Each clerk run is paired with a baseline run on the words pdftotext reads
from clerk's PDF, the pairs interleaved so that the machine's load falls on
both alike. Every run goes through /usr/bin/time, which gives its wall time
and peak RSS; medians are printed. Then 100 copies of the paper are built
with `clerk build -j 1` and `-j 2 --force`, in reports per second.
Usage: whole.py BUILD [RUNS]"""
import os, shutil, statistics, subprocess, sys, tempfile, time

build = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
clerk = os.path.abspath("clerk")
base = os.path.join(build, "bench", "baseline")
tmp = tempfile.mkdtemp(prefix="clerk-bench-")
PAPER = "content/lewisham/improvement-plan.yaml"


def timed(cmd):
    """Wall seconds and peak RSS in KiB of one run of `cmd`: the RSS from
    /usr/bin/time (its %e counts in hundredths, too coarse for a 30 ms run,
    so the wall time is the clock's around it)."""
    out = os.path.join(tmp, "time")
    t = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-o", out, "-f", "%M"] + cmd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t = time.perf_counter() - t
    return t, int(open(out).read().split()[-1])


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int([l for l in info.splitlines() if l.startswith("Pages:")][0].split()[1])


cases = [("paper", PAPER, None)] + [(f"{n} actions", None, n) for n in (10, 100, 1000, 10000)]
print(f"{'report':<14}{'clerk ms':>10}{'base ms':>10}{'ratio':>7}{'pages':>7}{'base pp':>8}"
      f"{'RSS KiB':>9}{'PDF bytes':>11}")
results = {}
for name, src, n in cases:
    if n is not None:
        src = os.path.join(tmp, f"plan-{n}.yaml")
        with open(src, "w") as f:
            subprocess.run([sys.executable, "bench/gen_report.py", str(n)], stdout=f, check=True)
    out = os.path.join(tmp, "out")
    cmd = [clerk, "-q", "render", src, "-o", out]
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    stem = os.path.splitext(os.path.basename(src))[0]
    pdf = os.path.join(out, stem + ".pdf")
    txt = os.path.join(tmp, stem + ".txt")
    subprocess.run(["pdftotext", pdf, txt], check=True)
    bpdf = os.path.join(tmp, "base.pdf")
    bcmd = [base, txt, bpdf]
    r = runs if n != 10000 else max(1, runs // 2)
    ct, cm, bt = [], [], []
    for _ in range(r):
        t, m = timed(cmd)
        ct.append(t)
        cm.append(m)
        bt.append(timed(bcmd)[0])
    c, b = statistics.median(ct), statistics.median(bt)
    results[name] = (c, statistics.median(cm))
    print(f"{name:<14}{c * 1000:>10.0f}{b * 1000:>10.0f}{c / max(b, 1e-3):>7.2f}{pages(pdf):>7}"
          f"{pages(bpdf):>8}{statistics.median(cm):>9.0f}{os.path.getsize(pdf):>11}")
t1, m1 = results["1000 actions"]
t2, m2 = results["10000 actions"]
print(f"10,000 / 1,000 actions: time {t2 / t1:.1f}x, memory {(m2 - m1) / 9000:.1f} KiB per action")

# A build of 100 reports.
content = os.path.join(tmp, "content")
os.makedirs(content)
for i in range(100):
    shutil.copy(PAPER, os.path.join(content, f"paper-{i:03}.yaml"))
site = os.path.join(tmp, "site")
for jobs, extra in (("1", ["--force"]), ("2", ["--force"])):
    cmd = [clerk, "-q", "build", content, "-o", site, "-j", jobs] + extra
    ts = [timed(cmd)[0] for _ in range(max(1, runs // 2))]
    t = statistics.median(ts)
    print(f"clerk build -j {jobs} --force, 100 reports: {t:.2f} s, {100 / t:.0f} reports/s")
shutil.rmtree(tmp)
