#!/usr/bin/env python
"""Live-path latency: signals for 100 symbols in one pass, and one paper-loop step for 100 symbols.

1. Signals: a `tiny` run (trained 1 epoch on the embedded AAPL and IBM against ^GSPC, CPU) and 100 SYNTHETIC daily
   symbols stored as parquet (400 bars each, ending on ^GSPC's last bar). Timed: loading the 100 symbols' bars from the
   store (the baseline), the one batched forward pass over 100 windows, and the whole `latest_signals` call (load,
   features, windows, forward pass, sizing).
2. Paper step: `PaperLoop` over the same 100 symbols with a journal in a SQLite app.db (WAL): each bar books the fills
   from the last bar, marks, runs the risk checks and the monitor, journals each intent before sending it to the
   SimBroker, and stores the bar. Timed per bar over 200 bars with orders on most bars, beside the backtester's own
   time per bar on the same signals (no journal) and the bar loading above.
Targets: ≤ 20 ms for the signals' forward pass, ≤ 100 ms for a whole paper step.

    python bench/live.py [--symbols 100] [--threads 1]
"""
import argparse, sys, tempfile, time, warnings
from pathlib import Path
import numpy as np, pandas as pd, torch
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
warnings.filterwarnings('ignore')
from tradenb.data.store import Store
from tradenb.data.download import download
from tradenb.data.ohlcv import synthetic_ohlcv
from tradenb.training import TrainConfig
from tradenb.backtest.engine import Backtester, BacktestConfig, signal_frame
from tradenb.live.signals import latest_signals
from tradenb.live.db import open_db
from tradenb.live.journal import Journal
from tradenb.live.paper import PaperLoop
from tradenb import pipeline

ap = argparse.ArgumentParser(); ap.add_argument('--symbols', type=int, default=100); ap.add_argument('--threads', type=int, default=1)
a = ap.parse_args(); torch.set_num_threads(a.threads)
best = lambda f, n=5: min((lambda t0: (f(), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(n))

tmp = Path(tempfile.mkdtemp()); st = Store(tmp/'data')
download(['AAPL', 'IBM', '^GSPC'], store=st)
tr = pipeline.train(['AAPL', 'IBM'], '^GSPC', st, cfg=TrainConfig(epochs=1, batch_size=256), run_id='bench', n_boot=10,
                    importance=0)
gspc = st.read('^GSPC'); end = gspc.index[-1]
syms = [f'S{k:03d}' for k in range(a.symbols)]
for k, s in enumerate(syms):
    df = synthetic_ohlcv(400, s, seed=k, start='2000-01-03')
    df.index = gspc.index[-400:]; st.write(df)
now = end + pd.Timedelta(days=1, hours=1)

load = best(lambda: {s: st.read(s) for s in syms})
model, ck = tr.run.load_model().eval(), tr.run.checkpoint
x = torch.randn(a.symbols, ck.window, len(ck.features))
with torch.no_grad(): fwd = best(lambda: model(x), 20)
sig_all = best(lambda: latest_signals(tr.run, st, now, symbols=syms), 3)
out = latest_signals(tr.run, st, now, symbols=syms); assert len(out) == a.symbols

px = {s: st.read(s) for s in syms}
rng = np.random.default_rng(0)
d = pd.DataFrame(rng.choice([-1.0, 0.0, 1.0], size=(400, a.symbols), p=[0.1, 0.8, 0.1]), index=gspc.index[-400:], columns=syms)
sig = signal_frame(d, 1.0)
cfg = BacktestConfig(confidence_threshold=0.5, max_correlation=1.0, position_size=0.01, max_positions=100)
bt_bar = best(lambda: Backtester(px, cfg).run(sig), 3) / 400
eng = open_db(tmp/'app.db')
from types import SimpleNamespace
run = SimpleNamespace(id='bench', best_path=tr.run.best_path, checkpoint=ck)
loop = PaperLoop(px, sig, cfg, None, Journal.start(eng, 'b', run, 'sim', 'replay'), 'bench')
for t in range(100): loop.step(t)                          # warm: positions and orders in flight
times, orders = [], 0
for t in range(100, 300):
    n0 = len(loop.broker.orders); t0 = time.perf_counter(); loop.step(t); times.append(time.perf_counter() - t0)
    orders += len(loop.broker.orders) - n0
step = float(np.median(times))
print(f'tradenb live path, {a.symbols} symbols, CPU, {a.threads} torch thread(s)')
print('| what | time | target | ratio to loading the bars |\n|---|---|---|---|')
print(f'| load {a.symbols} symbols\' bars from the store (baseline) | {load * 1e3:.1f} ms | | 1.00 |')
print(f'| signals: one batched forward pass, {a.symbols} windows | {fwd * 1e3:.1f} ms | ≤ 20 ms | {fwd / load:.2f} |')
print(f'| signals: whole `latest_signals` (load, features, forward, sizing) | {sig_all * 1e3:.0f} ms | | {sig_all / load:.2f} |')
print(f'| paper step, median of 200 bars ({orders / 200:.1f} orders per bar, journaled) | {step * 1e3:.1f} ms | ≤ 100 ms | {step / load:.2f} |')
print(f'| backtester, one bar on the same signals (no journal) | {bt_bar * 1e3:.2f} ms | | {bt_bar / load:.3f} |')
print(f'paper step p95 {np.percentile(times, 95) * 1e3:.1f} ms, max {max(times) * 1e3:.1f} ms')
