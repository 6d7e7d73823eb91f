#!/usr/bin/env python
"""Dataset benchmark: memory of the train/val/test TradingDatasets relative to the feature matrix they view, and
batches per second assembled by the DataLoader (batch 512, 60 × F windows), against the same batches built the
common way (a Dataset returning one window per item, collated by torch's default_collate), in the same run.
The bars are SYNTHETIC (seeded random walks), labelled so.

    python bench/dataset.py [--symbols 100] [--bars 5000] [--workers 0]
"""
import argparse, sys, time
from pathlib import Path
import numpy as np, torch
from torch.utils.data import DataLoader, Dataset
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tradenb.data.ohlcv import synthetic_ohlcv
from tradenb.features import FeatureEngineer
from tradenb.labels import TARGETS
from tradenb.dataset import make_loaders
from tradenb.pipeline import prepare_frames

class PerItem(Dataset):
    "The usual way: one (60, F) window per __getitem__, collated by default_collate."
    def __init__(self, ds): self.ds = ds
    def __len__(self): return len(self.ds)
    def __getitem__(self, i):
        e = int(self.ds.ends[i])
        d = {'features': self.ds.X[e - self.ds.window + 1:e + 1]}
        d.update({n: self.ds.Y[e, j] for j, n in enumerate(TARGETS)})
        return d

def rate(loader, max_batches=200):
    t0, n = time.perf_counter(), 0
    for b in loader:
        n += 1
        if n >= max_batches: break
    return n / (time.perf_counter() - t0)

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--symbols', type=int, default=100); ap.add_argument('--bars', type=int, default=5000)
    ap.add_argument('--workers', type=int, default=0)
    a = ap.parse_args()
    frames = {f'SYN{i:03d}': synthetic_ohlcv(a.bars, f'SYN{i:03d}', seed=i) for i in range(a.symbols)}
    index = synthetic_ohlcv(a.bars, 'SYN_INDEX', seed=10_000, vol=0.01)
    cols = list(FeatureEngineer().add_all_features(next(iter(frames.values())), index).columns)[:40]
    prep, _ = prepare_frames(frames, index, features=cols)
    ds = prep.datasets['train']
    torch.manual_seed(0)
    ours = rate(make_loaders({'train': ds}, num_workers=a.workers)['train'])
    base = rate(DataLoader(PerItem(ds), batch_size=512, shuffle=True, num_workers=a.workers))
    print(f"SYNTHETIC data: {a.symbols} symbols × {a.bars} bars, {len(cols)} features, window {ds.window}")
    print(f"samples: " + ', '.join(f'{k} {len(v):,}' for k, v in prep.datasets.items()))
    print(f"memory: feature matrix {prep.feature_matrix_nbytes() / 1e6:.1f} MB; datasets {prep.nbytes() / 1e6:.1f} MB "
          f"= {prep.nbytes() / prep.feature_matrix_nbytes():.3f}× (materialized windows would be "
          f"{sum(len(d) for d in prep.datasets.values()) * ds.window * len(cols) * 4 / 1e6:,.0f} MB)")
    print(f"train batches/s (512 × {ds.window} × {len(cols)}), workers={a.workers}: TradingDataset {ours:.1f}, "
          f"per-item + default_collate {base:.1f}, ratio {ours / base:.1f}×")

if __name__ == '__main__':
    main()
