"""Qlib's own Alpha158 values on embedded bars: the fixture `nbs/04b_features.alpha158.ipynb` checks tradenb against.

pyqlib 0.9.7 predates pandas 3, so this runs in a virtual environment of its own (not tradenb's):

    python3.11 -m venv /tmp/qlibvenv && /tmp/qlibvenv/bin/pip install "pyqlib==0.9.7" "pandas<2.3"
    /tmp/qlibvenv/bin/python tools/qlib_alpha158.py          # writes nbs/fixtures/qlib_alpha158.parquet

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

def bars(symbol:str) -> pd.DataFrame:
    "The last BARS daily bars of `symbol` from the embedded data, as float32 values (Qlib's storage precision)."
    df = pd.read_parquet(ROOT / 'tradenb' / 'sample_data' / 'stocks' / f'{symbol}.parquet')
    if 'timestamp' in df.columns: df = df.set_index('timestamp')
    df = df[['open', 'high', 'low', 'close', 'volume']].iloc[-BARS:]
    df.index = pd.DatetimeIndex(df.index).tz_convert(None).as_unit('ns')
    return df.astype(np.float32)

def write_qlib(frames:dict, root:Path):
    "Qlib's binary layout of `frames` under `root`."
    cal = sorted(set().union(*(f.index for f in frames.values())))
    (root / 'calendars').mkdir(parents=True); (root / 'instruments').mkdir()
    (root / 'calendars' / 'day.txt').write_text('\n'.join(pd.Timestamp(t).strftime('%Y-%m-%d') for t in cal) + '\n')
    rows = []
    for s, df in frames.items():
        df = df.reindex(cal)
        d = root / 'features' / s.lower(); d.mkdir(parents=True)
        fields = dict(df.items()); fields['vwap'] = (df.high + df.low + df.close) / 3
        fields['factor'] = pd.Series(np.float32(1.0), index=df.index)
        for k, v in fields.items():
            np.concatenate([[np.float32(0)], v.to_numpy(np.float32)]).astype('<f4').tofile(d / f'{k}.day.bin')
        rows.append(f"{s}\t{pd.Timestamp(cal[0]):%Y-%m-%d}\t{pd.Timestamp(cal[-1]):%Y-%m-%d}")
    (root / 'instruments' / 'all.txt').write_text('\n'.join(rows) + '\n')
    return cal

def main():
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
