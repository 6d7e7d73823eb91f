#!/usr/bin/env python
"""Training throughput through the library's own path (`tradenb.pipeline.train_and_evaluate` into a `Run`), on the
quickstart's real data (`pipeline.quick_prepare`: 12 embedded daily stocks against SPY, 2004-08 → 2013-03, features
selected on the training split), on each
device asked for, in one run — so the ratio between devices is measured on the same machine, same data, same code:

    python bench/training.py [--presets tiny,SimplexLSTM] [--epochs 3] [--devices cpu,cuda] [--batch 512]

Per preset and device: seconds per epoch (after the first, which pays warm-up), training samples/s, the evaluation's
test accuracy (a check that the run is complete, not a claim), and the ratio of samples/s to the first device's.
"""
import argparse, sys, tempfile, time
from dataclasses import replace
from pathlib import Path
import torch
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tradenb.data.store import Store
from tradenb.training import TrainConfig
from tradenb.models.hybrid import PRESETS
from tradenb import pipeline

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--presets', default='tiny,SimplexLSTM'); ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--devices', default='cpu,cuda' if torch.cuda.is_available() else 'cpu')
    ap.add_argument('--batch', type=int, default=512)
    a = ap.parse_args()
    st = Store(tempfile.mkdtemp())
    prep, _ = pipeline.quick_prepare(st)
    n = len(prep.datasets['train'])
    names = {d: (torch.cuda.get_device_name() if d == 'cuda' else f'CPU, {torch.get_num_threads()} threads')
             for d in a.devices.split(',')}
    print(f"REAL data: {', '.join(prep.symbols)} vs {prep.index_symbol}; {n:,} training samples × {prep.window} bars × "
          f"{len(prep.features)} features; batch {a.batch}; torch {torch.__version__}")
    for preset in a.presets.split(','):
        if PRESETS[preset].position_dim:
            print(f"{preset:>12}: skipped — it needs a position state, which nothing produces yet"); continue
        base = None
        for dev in names:
            cfg = TrainConfig(epochs=a.epochs, patience=a.epochs, batch_size=a.batch, seed=0)
            t0 = time.perf_counter()
            tr = pipeline.train_and_evaluate(prep, preset, cfg, f'{preset}-{dev}', root=st.root, n_boot=100, device=dev)
            secs = [h['seconds'] for h in tr.trainer.history]
            per = sum(secs[1:]) / max(len(secs) - 1, 1)
            rate = n / per; base = base or rate
            print(f"{preset:>12} on {names[dev]:<32} {per:7.2f} s/epoch (first {secs[0]:.2f} s)  {rate:9,.0f} samples/s  "
                  f"×{rate / base:5.1f}  test accuracy {tr.evaluation.table.loc['model', 'accuracy']:.3f}  "
                  f"wall {time.perf_counter() - t0:.1f} s")

if __name__ == '__main__':
    main()
