#!/usr/bin/env python
"""Alpha158 on the embedded stocks: tradenb's vectorized code against Qlib's own expression engine, on the same bars.

tradenb: `tradenb.alpha158.alpha158` over every daily bar of the quickstart's 12 stocks, one process, best of 3.
Qlib: pyqlib 0.9.7's `Alpha158` handler (no processors, one worker, no caches) over the same bars written in its
binary format, timed by `tools/qlib_alpha158.py --bench` in Qlib's own virtual environment (it predates pandas 3):

    python3.11 -m venv /tmp/qlibvenv && /tmp/qlibvenv/bin/pip install "pyqlib==0.9.7" "pandas<2.3"
    python bench/alpha158.py --qlib-python /tmp/qlibvenv/bin/python
"""
import argparse, json, subprocess, sys, time
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tradenb.alpha158 import alpha158
from tradenb.data.sources import SampleSource
from tradenb.pipeline import QUICK_SYMBOLS

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--qlib-python', help="a Python with pyqlib 0.9.7 installed (without it: tradenb's time only)")
    a = ap.parse_args()
    smp = SampleSource()
    frames = {s: smp.fetch(s) for s in QUICK_SYMBOLS}
    rows = sum(len(f) for f in frames.values())
    best = float('inf')
    for _ in range(3):
        t = time.perf_counter()
        for f in frames.values(): alpha158(f, warmup=False)
        best = min(best, time.perf_counter() - t)
    print(f'{len(frames)} stocks, {rows:,} daily bars, 158 factors')
    print(f'tradenb alpha158:       {best:.3f} s')
    if a.qlib_python:
        out = subprocess.run([a.qlib_python, str(ROOT / 'tools' / 'qlib_alpha158.py'), '--bench', ','.join(frames)],
                             capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        q = json.loads(out)
        assert q['rows'] == rows, (q, rows)
        print(f"Qlib Alpha158 handler:  {q['seconds']:.3f} s")
        print(f"ratio:                  {q['seconds'] / best:.1f}x faster")

if __name__ == '__main__': main()
