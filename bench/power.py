#!/usr/bin/env python
"""The power of the quickstart's verdict: how often a model with a planted accuracy edge over the best baseline is
called an edge ("the paired 95% block-bootstrap interval of model − baseline accuracy lies above 0", exactly as
`tradenb.evaluation` decides) on the quickstart's real test split — beside the same figure on the test split the
quickstart had before issue 12 (5 stocks against ^GSPC, a 70/15/15 split), measured in the same run:

    python bench/power.py [--trials 300] [--edges 0,0.03,0.06] [--boot 1000]

Planting: the best baseline (the linear model, fit on the training split and chosen on validation, as the evaluation
does) gives each test sample a hit or a miss. The planted model agrees with it except on a fraction `d` of samples
(its discordance), where it is right on (d + edge)/2 and wrong on (d − edge)/2 of all samples, each drawn at random;
`d` is measured from the quickstart's trained run when one is given (--run DIR), and 0.3 and 0.5 are shown besides.
Each trial draws new flips and new bootstrap blocks. An edge of 0 gives the false-alarm rate (about 2.5% expected).
"""
import argparse, sys, tempfile, time, warnings
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tradenb.data.store import Store
from tradenb.evaluation import samples, block_bootstrap, ci, linear_baseline
from tradenb import pipeline

def split_hits(prep):
    "The test split's dates and the linear baseline's hits on it."
    te, tr, va = prep.datasets['test'], prep.datasets['train'], prep.datasets['val']
    S = samples(te); y = S.target_direction.to_numpy().astype(int)
    last = lambda ds: ds.X[ds.ends.long()].numpy().astype(np.float64)
    Ytr, Yva = (d.Y[d.ends.long()].numpy() for d in (tr, va))
    _, lin_d, _ = linear_baseline(last(tr), Ytr, last(va), Yva, last(te))
    return S.timestamp, (lin_d.argmax(1) == y).astype(float), y

def lower_bound(ts, diff, boot, seed, block=20):
    """The verdict's lower 95% bound — `ci(np.mean, block_bootstrap(ts, boot, block, seed), diff)[0]` — computed from
    per-date sums (the same draws of date blocks, the same statistic, without materialising each resample)."""
    rng = np.random.default_rng(seed)
    _, inv = np.unique(ts.to_numpy(), return_inverse=True)
    D = inv.max() + 1; nb = max(int(np.ceil(D / block)), 1)
    sums, counts = np.bincount(inv, diff, D), np.bincount(inv, minlength=D)
    starts = np.stack([rng.integers(0, max(D - block + 1, 1), nb) for _ in range(boot)])   # the generator's order
    days = np.minimum((starts[:, :, None] + np.arange(block)).reshape(boot, -1)[:, :D], D - 1)
    return float(np.percentile(sums[days].sum(1) / counts[days].sum(1), 2.5))

def power(ts, base, edge, d, trials, boot, seed=0):
    "Share of trials whose planted model (edge, discordance d) the verdict calls an edge."
    rng, acc = np.random.default_rng(seed), base.mean()
    up, down = (d + edge) / 2 / (1 - acc), (d - edge) / 2 / acc        # P(miss → hit), P(hit → miss)
    if not (0 <= up <= 1 and 0 <= down <= 1): return float('nan')
    hits = 0
    for t in range(trials):
        u = rng.random(len(base))
        model = np.where(base == 1, u >= down, u < up).astype(float)
        hits += lower_bound(ts, model - base, boot, seed * 100_000 + t) > 0
    return hits / trials

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--trials', type=int, default=300); ap.add_argument('--boot', type=int, default=1000)
    ap.add_argument('--edges', default='0,0.03,0.06'); ap.add_argument('--run', default=None,
                    help='a trained quickstart run directory, to measure the real model-vs-baseline discordance')
    a = ap.parse_args()
    warnings.simplefilter('ignore')
    st = Store(tempfile.mkdtemp())
    setups = {'before (5 stocks vs ^GSPC, 70/15/15)':
                  pipeline.prepare(['AAPL', 'IBM', 'MSFT', 'GOOG', 'FB'], '^GSPC', st, fill_from='sample')[0],
              'now (quickstart)': pipeline.quick_prepare(st)[0]}
    ds = [0.3, 0.5]
    if a.run:
        from tradenb.runs import Run
        from tradenb.signals import predict
        prep = setups['now (quickstart)']; run = Run.open(a.run)
        ts, base, y = split_hits(prep)
        m = (predict(run.load_model(prep.features), prep.datasets['test'])['direction'].argmax(1) == y).astype(float)
        ds.insert(0, round(float((m != base).mean()), 3)); print(f'measured discordance of {run.id}: {ds[0]}')
    edges = [float(e) for e in a.edges.split(',')]
    ts, base, _ = split_hits(setups['now (quickstart)'])                  # the fast bound is the verdict's bound
    diff = np.random.default_rng(1).random(len(base)) - base
    assert abs(lower_bound(ts, diff, 200, 7) - ci(np.mean, block_bootstrap(ts, 200, seed=7), diff)[0]) < 1e-12
    res = {}
    for name, prep in setups.items():
        ts, base, _ = split_hits(prep)
        print(f"\n{name}: {len(base):,} test samples over {ts.nunique()} dates "
              f"({ts.min():%Y-%m-%d} → {ts.max():%Y-%m-%d}); linear baseline accuracy {base.mean():.3f}")
        for d in ds:
            t0 = time.time()
            res[name, d] = [power(ts, base, e, d, a.trials, a.boot) for e in edges]
            print(f"  discordance {d:.3f}: " + ', '.join(f"edge {e:+.2f} → {p:.0%}" for e, p in zip(edges, res[name, d]))
                  + f"  ({time.time() - t0:.0f} s)")
    b, n = list(setups)
    print('\nratio of power, now / before:')
    for d in ds:
        print(f"  discordance {d:.3f}: " + ', '.join(f"edge {e:+.2f}: {pn / pb:.2f}×" if pb else f"edge {e:+.2f}: —"
                                                      for e, pb, pn in zip(edges, res[b, d], res[n, d]) if e))

if __name__ == '__main__':
    main()
