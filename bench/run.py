#!/usr/bin/env python3
"""make bench-pdf: clerk's PDF path on a generated 12-page committee paper
against a bare libharu program writing the same words.

Prints the median wall time of repeated whole-process runs, the time of each
stage (parse and layout, writing), peak memory, and the ratio to the
baseline. Usage: run.py BUILD [RUNS]"""
import os, statistics, subprocess, sys, tempfile, time

build = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 21
tool = os.path.join(build, "tests", "html2pdf")
base = os.path.join(build, "bench", "baseline")
tmp = tempfile.mkdtemp()
html = os.path.join(tmp, "paper.html")
with open(html, "w") as f:
    subprocess.run([sys.executable, "bench/gen_paper.py", "8"], stdout=f, check=True)
pdf = os.path.join(tmp, "paper.pdf")
subprocess.run([tool, "-d", "2020-01-14", html, pdf], check=True)
pages = int([l for l in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout.splitlines()
             if l.startswith("Pages:")][0].split()[1])
txt = os.path.join(tmp, "paper.txt")
subprocess.run(["pdftotext", pdf, txt], check=True)
words = len(open(txt, encoding="utf-8").read().split())

def timed(cmd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, min(times) * 1000

stages = []
for _ in range(runs):
    r = subprocess.run([tool, "-t", "-d", "2020-01-14", html, pdf], capture_output=True, text=True, check=True)
    parts = r.stderr.split()
    stages.append((float(parts[1]), float(parts[4])))
clerk_med, clerk_min = timed([tool, "-d", "2020-01-14", html, pdf])
# Peak memory of one clerk run alone, measured from a fresh parent.
probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
peak = int(subprocess.run([sys.executable, "-c", probe, tool, "-d", "2020-01-14", html, pdf],
                          capture_output=True, text=True, check=True).stdout) / 1024
b1_med, b1_min = timed([base, txt, os.path.join(tmp, "b1.pdf")])
b3_med, b3_min = timed([base, "-f", "3", txt, os.path.join(tmp, "b3.pdf")])
print(f"paper: {pages} pages, {words} words, {os.path.getsize(pdf)} bytes")
print(f"clerk html2pdf:        median {clerk_med:6.1f} ms (min {clerk_min:5.1f}) over {runs} runs")
print(f"  parse+layout median  {statistics.median(s[0] for s in stages):6.1f} ms")
print(f"  write median         {statistics.median(s[1] for s in stages):6.1f} ms")
print(f"  peak memory          {peak:6.1f} MiB (getrusage of one run)")
print(f"baseline, 1 face:      median {b1_med:6.1f} ms (min {b1_min:5.1f})  ratio {clerk_med / b1_med:.2f}")
print(f"baseline, 3 faces:     median {b3_med:6.1f} ms (min {b3_min:5.1f})  ratio {clerk_med / b3_med:.2f}")
