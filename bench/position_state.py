#!/usr/bin/env python
"""Does the position state help? `tiny` against `tiny-state` (the same model reading the position state) on the same
seeds, on the quickstart's REAL data (12 embedded daily stocks against SPY, 2004-08 → 2013-03, the quickstart's split
and training budget). Each run is evaluated on the test split beside the naive baselines and backtested over its test
period (every signal, default costs) beside buy & hold; then `tiny-state` minus `tiny`, seed by seed, with a 95%
t-interval over the seeds, and the plain verdict. Not a test: a measurement, printed and written under DATA/results.

    python bench/position_state.py [--seeds 0,1,2] [--epochs 12] [--data DIR]
"""
import argparse, sys, tempfile, time, warnings
from dataclasses import replace
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
warnings.filterwarnings('ignore')
import pandas as pd, torch
from tradenb import pipeline
from tradenb.research.compare import compare_presets
from tradenb.data.store import Store

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--seeds', default='0,1,2'); p.add_argument('--epochs', type=int, default=pipeline.QUICK_TRAIN.epochs)
p.add_argument('--data', help='data folder (default: a temporary one)'); p.add_argument('--threads', type=int, default=2)
a = p.parse_args()
torch.set_num_threads(a.threads)
st = Store(a.data or tempfile.mkdtemp(prefix='tradenb-posstate-'))
t0 = time.time()
prep, _ = pipeline.quick_prepare(st)
print(f'data: {len(prep.symbols)} symbols, {prep.shapes()}, reference policy {prep.position_policy}', flush=True)
seeds = [int(s) for s in a.seeds.split(',')]
agg = compare_presets(prep, ('tiny', 'tiny-state'), seeds, replace(pipeline.QUICK_TRAIN, epochs=a.epochs),
                               st.root, n_boot=1000, backtest=True)
runs = agg.attrs['runs']
pd.set_option('display.width', 200)
cols = ['preset', 'seed', 'test_accuracy', 'test_accuracy_lo', 'test_accuracy_hi', 'vs_best_baseline',
        'vs_best_baseline_lo', 'vs_best_baseline_hi', 'test_ic_1d', 'sharpe', 'sharpe_ci_low', 'sharpe_ci_high',
        'total_return', 'trades', 'buy_hold_sharpe', 'best_epoch']
print(runs[cols].to_string(index=False, float_format=lambda v: f'{v:.3f}'))
print('\n== tiny-state minus tiny, seed by seed (95% t-interval over the seeds)')
print(agg.attrs['paired'].to_string(float_format=lambda v: f'{v:+.4f}'))
print('VERDICT: ' + agg.attrs['verdict'])
print(f"\n{time.time() - t0:.0f} s on {torch.get_num_threads()} threads; saved in {agg.attrs['out_dir']}")
