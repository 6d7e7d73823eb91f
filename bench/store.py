#!/usr/bin/env python
"""Store benchmark: write and read 100 symbols × 5,000 daily bars through tradenb's parquet Store, against
the same frames through CSV with pandas, measured in the same run. The bars are SYNTHETIC (a seeded random
walk), labelled so; only their size and shape matter here.

    python bench/store.py [--symbols 100] [--bars 5000] [--repeat 3]
"""
import argparse, sys, tempfile, time
from pathlib import Path
import numpy as np, pandas as pd
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tradenb.data.ohlcv import synthetic_ohlcv
from tradenb.data.store import Store

def synthetic(n_sym, n_bars):
    "SYNTHETIC daily bars, one seeded random walk per symbol."
    return [synthetic_ohlcv(n_bars, f'SYN{i:03d}', seed=i) for i in range(n_sym)]

def best(f, repeat):
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return min(ts)

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--symbols', type=int, default=100)
    ap.add_argument('--bars', type=int, default=5000); ap.add_argument('--repeat', type=int, default=3)
    a = ap.parse_args()
    frames = synthetic(a.symbols, a.bars)
    syms = [f.attrs['symbol'] for f in frames]
    with tempfile.TemporaryDirectory() as d:
        st, csv = Store(Path(d)/'pq'), Path(d)/'csv'; csv.mkdir()
        w_pq = best(lambda: [st.write(f) for f in frames], a.repeat)
        w_csv = best(lambda: [f.to_csv(csv/f"{f.attrs['symbol']}.csv") for f in frames], a.repeat)
        r_pq = best(lambda: st.read_many(syms), a.repeat)
        r_csv = best(lambda: pd.concat({s: pd.read_csv(csv/f'{s}.csv', index_col='timestamp', parse_dates=['timestamp'])
                                        for s in syms}, names=['symbol', 'timestamp']), a.repeat)
        size_pq = sum(p.stat().st_size for p in (Path(d)/'pq').rglob('*.parquet'))
        size_csv = sum(p.stat().st_size for p in csv.iterdir())
    n = a.symbols * a.bars
    print(f"SYNTHETIC data: {a.symbols} symbols × {a.bars} daily bars = {n:,} bars; best of {a.repeat}")
    print(f"{'':28}{'tradenb Store':>15}{'pandas CSV':>14}{'ratio':>9}")
    print(f"{'write (validated, atomic)':28}{w_pq:>14.3f}s{w_csv:>13.3f}s{w_csv / w_pq:>8.1f}×")
    print(f"{'read all (one call)':28}{r_pq:>14.3f}s{r_csv:>13.3f}s{r_csv / r_pq:>8.1f}×")
    print(f"{'size on disk':28}{size_pq / 1e6:>13.1f}MB{size_csv / 1e6:>12.1f}MB{size_csv / size_pq:>8.1f}×")

if __name__ == '__main__':
    main()
