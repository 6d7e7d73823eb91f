"""Qlib's own Alpha158 values on embedded bars: the fixture `nbs/04b_features.alpha158.ipynb` checks tradenb against.

pyqlib 0.9.7 predates pandas 3, so this runs in a virtual environment of its own (not tradenb's):

    python3.11 -m venv /tmp/qlibvenv && /tmp/qlibvenv/bin/pip install "pyqlib==0.9.7" "pandas<2.3"
    /tmp/qlibvenv/bin/python tools/qlib_alpha158.py          # writes nbs/fixtures/qlib_alpha158.parquet
    /tmp/qlibvenv/bin/python tools/qlib_alpha158.py --bench AAPL,IBM   # times Qlib on all their bars (bench/alpha158.py)

It takes the last `BARS` daily bars of `SYMBOLS` from the embedded data (tradenb/sample_data, read with pandas only),
rounds them to float32 (Qlib stores float32), writes them in Qlib's binary layout (calendars/day.txt,
instruments/all.txt, features/<symbol>/<field>.day.bin: a float32 array whose first value is the start index in the
calendar) with vwap = (high + low + close) / 3 and factor 1 (the bars have neither), runs Qlib's `Alpha158` handler
with no processors over the whole span, and saves its raw feature values beside the float32 bars they came from.
"""
import sys, tempfile
from pathlib import Path
import numpy as np
import pandas as pd

SYMBOLS, BARS = ('AAPL', 'IBM'), 160
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / 'nbs' / 'fixtures' / 'qlib_alpha158.parquet'

def bars(symbol:str, n:int|None=BARS) -> pd.DataFrame:
    "The last `n` (None: all) daily bars of `symbol` from the embedded data, as float32 values (Qlib's storage precision)."
    df = pd.read_parquet(ROOT / 'tradenb' / 'sample_data' / 'stocks' / f'{symbol}.parquet')
    if 'timestamp' in df.columns: df = df.set_index('timestamp')
    df = df[['open', 'high', 'low', 'close', 'volume']].iloc[-n if n else 0:]
    df.index = pd.DatetimeIndex(df.index).tz_convert(None).as_unit('ns')
    return df.astype(np.float32)

def write_qlib(frames:dict, root:Path):
    "Qlib's binary layout of `frames` under `root`."
    cal = sorted(set().union(*(f.index for f in frames.values())))
    (root / 'calendars').mkdir(parents=True); (root / 'instruments').mkdir()
    (root / 'calendars' / 'day.txt').write_text('\n'.join(pd.Timestamp(t).strftime('%Y-%m-%d') for t in cal) + '\n')
    rows, pos = [], {t: i for i, t in enumerate(cal)}
    for s, df in frames.items():
        first, last = df.index[0], df.index[-1]
        df = df.reindex([t for t in cal if first <= t <= last])       # its own span of the calendar, gaps as NaN
        d = root / 'features' / s.lower(); d.mkdir(parents=True)
        fields = dict(df.items()); fields['vwap'] = (df.high + df.low + df.close) / 3
        fields['factor'] = pd.Series(np.float32(1.0), index=df.index)
        for k, v in fields.items():
            np.concatenate([[np.float32(pos[first])], v.to_numpy(np.float32)]).astype('<f4').tofile(d / f'{k}.day.bin')
        rows.append(f"{s}\t{pd.Timestamp(first):%Y-%m-%d}\t{pd.Timestamp(last):%Y-%m-%d}")
    (root / 'instruments' / 'all.txt').write_text('\n'.join(rows) + '\n')
    return cal

def bench(symbols:list) -> dict:
    "Seconds Qlib's Alpha158 handler takes (data load and every expression, one worker) on all bars of `symbols`."
    import json, time, qlib
    from qlib.contrib.data.handler import Alpha158
    frames = {s: bars(s, None) for s in symbols}
    with tempfile.TemporaryDirectory() as tmp:
        cal = write_qlib(frames, Path(tmp))
        qlib.init(provider_uri=tmp, region='us', kernels=1, expression_cache=None, dataset_cache=None)
        t = time.perf_counter()
        h = Alpha158(instruments=list(symbols), start_time=cal[0], end_time=cal[-1], fit_start_time=cal[0],
                     fit_end_time=cal[-1], infer_processors=[], learn_processors=[])
        n = len(h.fetch(col_set='feature'))
        print(json.dumps({'seconds': time.perf_counter() - t, 'rows': n, 'symbols': len(symbols)}))

def main():
    if len(sys.argv) > 2 and sys.argv[1] == '--bench': return bench(sys.argv[2].split(','))
    import qlib
    from qlib.contrib.data.handler import Alpha158
    from qlib.data.dataset.handler import DataHandlerLP
    frames = {s: bars(s) for s in SYMBOLS}
    with tempfile.TemporaryDirectory() as tmp:
        cal = write_qlib(frames, Path(tmp))
        qlib.init(provider_uri=tmp, region='us', kernels=1)
        span = dict(start_time=cal[0], end_time=cal[-1], fit_start_time=cal[0], fit_end_time=cal[-1])
        h = Alpha158(instruments=list(SYMBOLS), infer_processors=[], learn_processors=[], **span)
        feats = h.fetch(col_set='feature', data_key=DataHandlerLP.DK_R)
    feats.index = feats.index.set_names(['timestamp', 'symbol'])
    feats = feats.swaplevel().sort_index()
    inputs = pd.concat({s: f for s, f in frames.items()}, names=['symbol', 'timestamp'])
    out = inputs.add_prefix('bar_').join(feats.astype(np.float32), how='left')
    out.attrs = {}
    out.to_parquet(OUT)
    print(f'{OUT.relative_to(ROOT)}: {len(out)} rows, {feats.shape[1]} Alpha158 features of {", ".join(SYMBOLS)} '
          f'(pyqlib {qlib.__version__}, pandas {pd.__version__})')

if __name__ == '__main__': sys.exit(main())
