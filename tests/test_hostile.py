"""Hostile and clumsy input, as a user would give it: every case ends in a one-line message that names what is wrong
(exit code 1, or 2 for a usage error) — never a traceback — and the stored data is byte-for-byte what it was before
(SHA-256 of every file under the data folder). Then a fuzz of the validator and of Store.merge with hypothesis."""
import hashlib, math, os, warnings
from pathlib import Path
import numpy as np, pandas as pd, pytest, torch
from hypothesis import given, settings, strategies as st, HealthCheck
from tradenb.cli import main
from tradenb.config import TradenbError
from tradenb.data.ohlcv import synthetic_ohlcv, validate_ohlcv, OHLCV
from tradenb.data.store import Store
from tradenb.data.download import download


def checksums(root: Path) -> dict:
    "SHA-256 of every stored bar file and run file (lock files aside)."
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob('*')) if p.is_file() and not p.name.endswith('.lock')}


def cli(capsys, *argv):
    "Run the CLI in-process: (exit code, stdout, stderr)."
    try: code = main(list(argv))
    except SystemExit as e: code = e.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope='module')
def data(tmp_path_factory):
    "A data folder with AAPL, IBM and ^GSPC stored and a one-epoch tiny run 'r' trained on them."
    d = tmp_path_factory.mktemp('hostile')
    assert main(['--data-dir', str(d), 'train', '--symbols', 'AAPL,IBM', '--epochs', '1', '--run-id', 'r']) == 0
    return d


def refused(capsys, data, argv, code, *words):
    "Run `argv` against the data folder: the exit code, one line naming `words`, no traceback, nothing changed."
    before = checksums(data)
    got, out, err = cli(capsys, '--data-dir', str(data), *argv)
    assert got == code, (got, out, err)
    msg = err.strip()
    assert 'Traceback' not in err + out, err
    if code == 1: assert msg.startswith('tradenb: error: ') and '\n' not in msg, msg
    for w in words: assert w in msg, (w, msg)
    assert checksums(data) == before
    return msg


CASES = [  # (argv, exit code, words the message must hold)
    (['backtest', '--run', 'r', '--capital', '-100'], 1, ['--capital must be a positive amount', '-100']),
    (['backtest', '--run', 'r', '--capital', '0'], 1, ['--capital']),
    (['backtest', '--run', 'r', '--capital', 'nan'], 1, ['--capital', 'nan']),
    (['backtest', '--run', 'r', '--start', '2005-01-01'], 1, ["before run r's test period", '--in-sample']),
    (['backtest', '--run', 'r', '--start', '2012-13-45'], 1, ["'2012-13-45'", 'YYYY-MM-DD']),
    (['backtest', '--run', 'r', '--start', '2012-06-01', '--end', '2012-01-01'], 1, ['comes before the start']),
    (['backtest', '--run', 'nope'], 1, ["no trained run 'nope'", 'trained runs: r']),
    (['backtest', '--run', '../../etc'], 1, ["'../../etc'"]),   # refused as a name, or as no trained run where it exists
    (['backtest', '--run', 'a/../../b'], 1, ['is not a name']),
    (['train', '--symbols', 'AAPL', '--run-id', 'r'], 1, ['run r already exists', '--resume', '--overwrite']),
    (['train', '--symbols', 'AAPL', '--run-id', '../../x'], 1, ['is not a name']),
    (['train', '--symbols', 'AAPL', '--run-id', '/tmp/x'], 1, ['is not a name']),
    (['train', '--symbols', 'AAPL', '--epochs', '0'], 1, ['--epochs must be a whole number in [1, 100000], not 0']),
    (['train', '--symbols', 'AAPL', '--batch-size', '0'], 1, ['--batch-size must be']),
    (['train', '--symbols', 'AAPL', '--resume', 'nothing'], 1, ['run nothing has nothing to resume']),
    (['train', '--symbols', 'NOPE', '--epochs', '1', '--run-id', 'n'], 1, ['NOPE']),
    (['compare', '--presets', 'nope', '--epochs', '1'], 1, ["unknown preset 'nope'"]),
    (['compare', '--seeds', 'a,b'], 2, ['expected comma-separated ints']),
    (['download', '--symbols', ''], 2, ['give at least one value']),
    (['download', '--symbols', 'AAPL', '--start', '2012-01-01', '--end', '2010-01-01'], 1, ['comes after --end']),
    (['download', '--symbols', 'AAPL', '--interval', '7x'], 2, ["invalid choice: '7x'"]),
    (['data', 'quality', '--interval', '7x'], 2, ["invalid choice: '7x'"]),
    (['download', '--source', 'nope'], 2, ["invalid choice: 'nope'"]),
]


@pytest.mark.parametrize('argv,code,words', CASES, ids=[' '.join(c[0])[:60] for c in CASES])
def test_refused_in_one_line(capsys, data, argv, code, words):
    refused(capsys, data, argv, code, *words)


def test_data_dir_that_is_a_file(capsys, tmp_path):
    f = tmp_path/'afile'; f.write_text('x')
    code, out, err = cli(capsys, '--data-dir', str(f), 'data', 'quality')
    assert code == 1 and 'is a file: give --data-dir' in err and 'Traceback' not in err
    assert f.read_text() == 'x'


def test_partial_download_fails_loudly(capsys, tmp_path):
    code, out, err = cli(capsys, '--data-dir', str(tmp_path), 'download', '--symbols', 'AAPL,NOPE')
    assert code == 1 and 'FAILED NOPE' in out and '1 updated' in out
    assert Store(tmp_path).find('AAPL') is not None       # the others go on


def test_damaged_files_are_named_and_repairable(capsys, tmp_path):
    "Truncated, empty and text-timestamp files: every read command names the file and the repair, the rest go on."
    s = Store(tmp_path); download(['AAPL', 'IBM', '^GSPC'], store=s)
    good = s.find('AAPL').read_bytes()
    texts = s.read('AAPL').reset_index(); texts['timestamp'] = texts.timestamp.astype(str)
    for damage in ('truncated', 'empty', 'text timestamps'):
        p = s.find('AAPL')
        if damage == 'truncated': p.write_bytes(good[:len(good) // 3])
        elif damage == 'empty': p.write_bytes(b'')
        else: texts.to_parquet(p, index=False)
        ibm = checksums(tmp_path)['raw/stocks/IBM.parquet']
        for argv in (['data', 'quality'], ['data', 'list'], ['download', '--symbols', 'AAPL'],
                     ['train', '--symbols', 'AAPL', '--epochs', '1']):
            code, out, err = cli(capsys, '--data-dir', str(tmp_path), *argv)
            assert code == 1 and 'Traceback' not in err + out, (damage, argv, err)
            assert 'AAPL.parquet' in err + out and 'tradenb data repair AAPL' in err + out, (damage, argv, err, out)
            assert checksums(tmp_path)['raw/stocks/IBM.parquet'] == ibm
        code, out, err = cli(capsys, '--data-dir', str(tmp_path), 'data', 'quality')
        assert 'IBM' in out and '^GSPC' in out          # the other symbols' reports go on
    code, out, err = cli(capsys, '--data-dir', str(tmp_path), 'data', 'repair', 'AAPL')
    assert code == 0 and 'moved the old file aside' in out
    assert len(s.read('AAPL')) == 3270


def test_malicious_checkpoint_refused_by_name(capsys, data):
    class Evil:
        def __reduce__(self): return (os.system, ('echo pwned > /tmp/tradenb-pwned',))
    run = data/'models'/'evil'; run.mkdir(exist_ok=True)
    torch.save({'format': 2, 'x': Evil()}, run/'best_model.pt')
    msg = refused(capsys, data, ['backtest', '--run', 'evil'], 1, 'evil/best_model.pt', 'refused to load it')
    assert 'weights_only=False' not in msg and not Path('/tmp/tradenb-pwned').exists()


def test_altered_checkpoint_refused(capsys, data):
    ck = torch.load(data/'models'/'r'/'best_model.pt', weights_only=True)
    ck['features'] = ck['features'][:-1]
    (data/'models'/'odd').mkdir(exist_ok=True); torch.save(ck, data/'models'/'odd'/'best_model.pt')
    refused(capsys, data, ['backtest', '--run', 'odd'], 1, 'features but its model takes')


def test_suspect_bars_are_stored_with_a_warning_and_named(capsys, tmp_path):
    bars = synthetic_ohlcv(300, 'ODD', seed=3, start='2020-01-01', freq='B')
    bars.iloc[100, :4] = 1e12                                   # a bad tick
    bars.iloc[200:, :4] = bars.iloc[200:, :4] / 10              # a 90% one-day drop (an unadjusted 10:1 split)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always'); Store(tmp_path).merge(bars)
    assert any('ODD' in str(x.message) and 'split' in str(x.message) for x in w)
    code, out, err = cli(capsys, '--data-dir', str(tmp_path), 'data', 'quality')
    assert code == 0 and f'{bars.index[100]:%Y-%m-%d}' in out and 'split-like (10:1 split?)' in out, out


def test_text_in_a_price_column():
    b = synthetic_ohlcv(10, 'TXT', start='2020-01-01', freq='D'); b['close'] = b.close.astype(object)
    b.iloc[4, b.columns.get_loc('close')] = 'abc'
    with pytest.raises(TradenbError, match=r"TXT: close holds values that are not numbers \(e.g. 'abc'\) in 1 row at 2020"):
        validate_ohlcv(b)


# -- fuzz: random frames through the validator and the store ---------------------------------------------------------
VALUES = st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=64), st.just(0.0), st.just(-1.0),
                   st.floats(0.5, 200.0))


@st.composite
def frames(draw):
    "A frame in (roughly) the canonical layout with any of: NaN, inf, zero, negative, duplicate, unsorted, text, empty."
    n = draw(st.integers(0, 12))
    days = draw(st.lists(st.integers(0, 40), min_size=n, max_size=n))           # duplicates and disorder included
    idx = pd.DatetimeIndex(pd.Timestamp('2021-01-01', tz='UTC') + pd.to_timedelta(days, unit='D'), name='timestamp')
    base = np.array(draw(st.lists(st.floats(1.0, 100.0), min_size=n, max_size=n)), dtype=float)
    df = pd.DataFrame({'open': base, 'high': base * 1.01, 'low': base * 0.99, 'close': base, 'volume': base * 10},
                      index=idx)
    for _ in range(draw(st.integers(0, 3))):                                   # break some cells
        if n:
            i, c = draw(st.integers(0, n - 1)), draw(st.sampled_from(list(OHLCV)))
            df.iloc[i, df.columns.get_loc(c)] = draw(VALUES)
    if n and draw(st.booleans()):
        c = draw(st.sampled_from(list(OHLCV))); df[c] = df[c].astype(object); df.iloc[0, df.columns.get_loc(c)] = 'x'
    if draw(st.booleans()): df.index = df.index.tz_localize(None)               # tz-naive
    df.attrs = {'symbol': 'FUZZ', 'interval': '1d', 'asset_class': 'stocks', 'fields': OHLCV, 'repairs': []}
    return df


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frames())
def test_fuzz_validate(df):
    "The validator either returns a valid frame or raises tradenb's own error; the input frame is never changed."
    before = df.copy()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try: out = validate_ohlcv(df)
        except TradenbError: out = None
    pd.testing.assert_frame_equal(df, before)
    if out is not None:
        assert out.index.is_monotonic_increasing and out.index.is_unique and str(out.index.tz) == 'UTC'
        assert np.isfinite(out.close.to_numpy()).all() and (out.close > 0).all()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frames())
def test_fuzz_merge_never_loses_the_stored_file(tmp_path_factory, df):
    "Merging anything into a stored symbol: tradenb's error or a merge; the stored bars are never lost or damaged."
    s = Store(tmp_path_factory.mktemp('fuzz'))
    stored = synthetic_ohlcv(30, 'FUZZ', seed=1, start='2021-01-01', freq='D'); s.write(stored)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try: s.merge(df)
        except TradenbError: pd.testing.assert_frame_equal(s.read('FUZZ'), stored, check_freq=False)
    after = s.read('FUZZ')                                                      # readable whatever happened
    assert after.index.is_unique and len(after) >= len(stored) - 0 and np.isfinite(after.close).all()
    assert set(stored.index) <= set(after.index)                                # no stored bar lost


def test_unknown_feature_names_are_named():
    "A feature list from elsewhere (an altered checkpoint, a typo) is refused with the names tradenb does not make."
    from tradenb.features import FeatureEngineer
    from tradenb.data.sources import SampleSource
    with pytest.raises(TradenbError, match=r"AAPL: \['return_1x'\] are not features tradenb makes"):
        FeatureEngineer().add_all_features(SampleSource().fetch('AAPL'), require=['return_1', 'return_1x'])


# ---- Round two (issue 31): no run lost to a mistyped option, nothing written outside the data folder, stored files
# checked on read, every option validated, OS errors and user functions' errors in one line.

ROUND_TWO = [  # (argv, exit code, words the message must hold); `refused` checks the data folder is unchanged
    # a bad option never costs the run it would replace, nor rewrites the run it would resume
    (['train', '--run-id', 'r', '--overwrite', '--symbols', 'NOPE', '--epochs', '1'], 1, ['NOPE']),
    (['train', '--run-id', 'r', '--overwrite', '--symbols', 'AAPL', '--index', 'NOPE', '--epochs', '1'], 1, ['NOPE']),
    (['train', '--run-id', 'r', '--overwrite', '--symbols', 'AAPL', '--set', 'dropout=7'], 1,
     ['dropout must be a number in [0, 1), not 7']),
    (['train', '--resume', 'r', '--symbols', 'AAPL,MSFT', '--index', 'SPY', '--epochs', '2'], 1,
     ['run r cannot be resumed with symbols AAPL, MSFT (the run was trained with AAPL, IBM)']),
    (['train', '--resume', 'r', '--symbols', 'AAPL,IBM', '--epochs', '2', '--lr', '0.01'], 1,
     ['run r cannot be resumed with lr 0.01']),
    # names that would become paths outside the data folder
    (['paper', '--run', 'r', '--replay', '--session', '../../../../x'], 1, ["session '../../../../x' is not a name"]),
    (['walkforward', '--symbols', 'AAPL', '--name', '../../../../x'], 1, ["walk-forward name '../../../../x' is not a name"]),
    (['data', 'repair', '../../x'], 1, ["symbol '../../x' is not a name"]),
    (['backtest', '--run', 'r', '--symbols', '../../x'], 1, ["symbol '../../x' is not a name"]),
    (['train', '--symbols', 'AAPL', '--run-id', ''], 1, ["run id '' is not a name"]),
    # numeric options: a declared range, checked before any work
    (['train', '--symbols', 'AAPL', '--set', 'dropout=nan'], 1, ['dropout must be a number in [0, 1), not nan']),
    (['train', '--symbols', 'AAPL', '--set', 'xlstm_dim=31'], 1, ['xlstm_dim (31) must divide into xlstm_heads']),
    (['train', '--symbols', 'AAPL', '--lr', '1e308'], 1, ['--lr must be a number in [0, 10], not 1e+308']),
    (['walkforward', '--symbols', 'AAPL', '--folds', '-1'], 1, ['--folds must be a whole number in [0, 1000], not -1']),
    (['walkforward', '--symbols', 'AAPL', '--folds', '1000'], 1, ['--folds 1000: only', 'fit in']),
    (['walkforward', '--symbols', 'AAPL', '--step', '0'], 1, ['--step must be a whole number of at least 1, not 0']),
    (['update', '--runs', 'r', '--replay', 'nan'], 1, ['--replay must be a number in [0, 100], not nan']),
    (['update', '--runs', 'r', '--lr', 'nan'], 1, ['--lr must be a number in [0, 10], not nan']),
    (['update', '--runs', 'r', '--lr', '-1'], 1, ['--lr must be a number in [0, 10], not -1']),
    (['update', '--runs', 'r,r'], 1, ['--runs names r more than once']),
    (['audit', 'features', 'tradenb.features:rolling_sum', '--cuts', '0'], 1, ['--cuts must be a whole number in [1, 10000], not 0']),
    (['audit', 'features', 'tradenb.features:rolling_sum', '--cuts', '-3'], 1, ['--cuts must be']),
    (['paper', '--run', 'r', '--every', '-5'], 1, ['--every must be a number in [0, 86400], not -5']),
    # files the system refuses: one line naming the file
    (['data', 'quality', '--csv', '/nonexistent-folder/q.csv'], 1, ['non-existent directory', '/nonexistent-folder']),
]


@pytest.mark.parametrize('argv,code,words', ROUND_TWO, ids=[' '.join(c[0])[:60] for c in ROUND_TWO])
def test_round_two_refused_in_one_line(capsys, data, argv, code, words):
    refused(capsys, data, argv, code, *words)


def test_nothing_written_outside_the_data_folder(capsys, data, tmp_path):
    "Hostile names for a paper session, a sweep and a walk-forward write nothing anywhere: the names are refused first."
    outside = data.parent/'x'
    grid = tmp_path/'g.yaml'; grid.write_text('preset: [tiny]\nseed: [0]\ntrain: {epochs: 1}\n')
    for argv in (['paper', '--run', 'r', '--replay', '--session', f'../../{outside.name}'],
                 ['sweep', '--grid', str(grid), '--name', f'../../{outside.name}'],
                 ['walkforward', '--symbols', 'AAPL', '--name', f'../../{outside.name}']):
        refused(capsys, data, argv, 1, 'is not a name')
        assert not outside.exists() and not (data/'results'/'x').exists()


def test_grid_files_checked_before_the_first_trial(capsys, data, tmp_path):
    bad = tmp_path/'bad.yaml'; bad.write_text('preset: [tiny]\nseed: [abc]\n')
    refused(capsys, data, ['sweep', '--grid', str(bad)], 1, 'trial', "--seed must be a whole number in [0, 4294967295], not 'abc'")
    refused(capsys, data, ['sweep', '--grid', str(tmp_path)], 1, 'is a folder: give the grid file')


def test_report_into_a_folder(capsys, data, tmp_path):
    refused(capsys, data, ['report', '--run', 'r', '--out', str(tmp_path)], 1, str(tmp_path))


def test_user_function_errors_are_named_as_theirs(capsys, data, tmp_path):
    (tmp_path/'mine.py').write_text('import pandas as pd\n'
                                    'def boom(df): raise KeyError("my_column")\n'
                                    'def short(df): return df[["close"]].iloc[:-5]\n')
    refused(capsys, data, ['audit', 'features', f'{tmp_path}/mine.py:boom', '--cuts', '2'], 1,
            'your function', 'raised KeyError', 'my_column')
    refused(capsys, data, ['audit', 'features', f'{tmp_path}/mine.py:short', '--cuts', '2'], 1,
            'rows for', 'return one row per input bar')


def test_a_store_that_cannot_be_written_is_one_line(capsys, data, tmp_path):
    """A store whose files cannot be written (read-only for a user; for root, which ignores permissions, a lock folder that
    is a file): `data repair` says which file and why in one line, and the stored bars stay as they were."""
    import shutil, stat
    ro = tmp_path/'ro'; shutil.copytree(data/'raw', ro/'raw', ignore=shutil.ignore_patterns('.locks'))
    before = checksums(ro)
    if os.geteuid() == 0: (ro/'raw'/'.locks').write_text('not a folder')
    else:
        for p in [ro, *ro.rglob('*')]: p.chmod(p.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        code, out, err = cli(capsys, '--data-dir', str(ro), 'data', 'repair', 'AAPL')
        assert code == 1 and 'Traceback' not in err + out, err
        msg = err.strip().splitlines()[0]
        assert msg.startswith('tradenb: error: ') and '.locks' in msg, msg
        assert ('permission denied' if os.geteuid() else 'file exists') in msg, msg
    finally:
        for p in [ro, *ro.rglob('*')]: p.chmod(p.stat().st_mode | stat.S_IWUSR)
    if os.geteuid() == 0: (ro/'raw'/'.locks').unlink()
    assert checksums(ro) == before


def _copy_run(data, name, edit):
    "A copy of run r whose best_model.pt was edited by `edit(checkpoint dict)`, under another name."
    import shutil
    d = data/'models'/name
    if d.exists(): shutil.rmtree(d)
    shutil.copytree(data/'models'/'r', d)
    ck = torch.load(d/'best_model.pt', weights_only=True); edit(ck); torch.save(ck, d/'best_model.pt')


def test_edited_checkpoints_refused(capsys, data):
    def both(ck, edit):            # the feature list and the scaler's copy of it, edited alike (as a careful hand would)
        for f in (ck['features'], ck['scaler']['features']): edit(f)
    def swap(ck): both(ck, lambda f: f.__setitem__(slice(0, 2), f[1::-1]))
    def rename(ck): both(ck, lambda f: f.__setitem__(2, f[2] + '_x'))
    def garbage_period(ck): ck['test_period'] = ['soon', 'later']
    for name, edit, words in (('swapped', swap, 'feature list or scaler statistics were changed'),
                              ('renamed', rename, 'feature list or scaler statistics were changed'),
                              ('garbled', garbage_period, 'is not two dates')):
        _copy_run(data, name, edit)
        refused(capsys, data, ['backtest', '--run', name], 1, f'{name}/best_model.pt', words)


def test_resume_refuses_code_in_last_pt(capsys, data):
    class Evil:
        def __reduce__(self): return (os.system, ('echo pwned > /tmp/tradenb-pwned-last',))
    _copy_run(data, 'evil-last', lambda ck: None)
    torch.save({'model': Evil()}, data/'models'/'evil-last'/'last.pt')
    msg = refused(capsys, data, ['train', '--resume', 'evil-last', '--symbols', 'AAPL,IBM', '--epochs', '2'], 1,
                  'evil-last/last.pt', 'refused to load it')
    assert 'weights_only' not in msg and not Path('/tmp/tradenb-pwned-last').exists()


def test_overwrite_replaces_a_run_only_when_the_new_one_is_complete(capsys, data):
    "A training that replaces a run writes beside it: the old run stays whole until the new one is evaluated."
    _copy_run(data, 'old', lambda ck: None)
    before = checksums(data/'models'/'old')
    from tradenb.pipeline import train
    from tradenb.training import TrainConfig
    seen = []
    def peek(e):                   # during the training: the old run is still there, untouched
        if e.get('job') == 'epoch' and not seen: seen.append(checksums(data/'models'/'old'))
    tr = train(['AAPL', 'IBM'], '^GSPC', Store(data), 'tiny', TrainConfig(epochs=1, seed=3), 'old', 'overwrite',
               progress=peek, importance=0, n_boot=50)
    assert seen and seen[0] == before
    assert tr.run.path == data/'models'/'old' and tr.run.checkpoint.seed == 3
    assert not list((data/'models').glob('.staging-*')) and not list((data/'models').glob('.old.old-*'))


def test_damaged_values_in_a_file_another_tool_wrote(capsys, tmp_path):
    "NaN closes, a high below its low, negative prices, duplicate timestamps: every command names the file and the fix."
    import pyarrow as pa, pyarrow.parquet as pq, json
    s = Store(tmp_path); download(['AAPL', 'IBM', '^GSPC'], store=s)
    p, ok = s.find('AAPL'), s.read('AAPL')
    meta = {'symbol': 'AAPL', 'interval': '1d', 'asset_class': 'stocks', 'fields': list(OHLCV), 'source': 'other-tool'}
    def write(df):
        t = pa.Table.from_pandas(df, preserve_index=True)
        pq.write_table(t.replace_schema_metadata({**t.schema.metadata, b'tradenb': json.dumps(meta).encode()}), p)
    bad = ok.copy(); bad.iloc[100:105, 3] = np.nan; bad.iloc[200, 1] = bad.iloc[200, 2] / 2; bad.iloc[300, 0] = -1.0
    dup = pd.concat([ok.iloc[:50], ok.iloc[[49]].assign(close=ok.close.iloc[49] * 1.01), ok.iloc[50:]])
    for damaged, words in ((bad, 'open is not positive in 1 row at'), (dup, 'are duplicated with different values')):
        write(damaged)
        for argv in (['data', 'quality'], ['download', '--symbols', 'AAPL'],
                     ['train', '--symbols', 'AAPL', '--epochs', '1', '--run-id', 'nanrun']):
            code, out, err = cli(capsys, '--data-dir', str(tmp_path), *argv)
            assert code == 1 and 'Traceback' not in err + out, (argv, err)
            assert 'AAPL.parquet: damaged' in err + out and words in err + out and 'tradenb data repair AAPL' in err + out, (argv, err, out)
        assert not (tmp_path/'models'/'nanrun'/'best_model.pt').exists()
    assert cli(capsys, '--data-dir', str(tmp_path), 'data', 'repair', 'AAPL')[0] == 0
    assert len(s.read('AAPL')) == 3270


def test_two_paper_replays_of_one_session_at_once(data, tmp_path):
    "Started together, one replay runs the session and the other is refused in one line: one clean session."
    import subprocess, sys, sqlite3
    code = 'import sys; from tradenb.cli import main; sys.exit(main())'
    argv = ['--data-dir', str(data), 'paper', '--run', 'r', '--replay', '--session', 'twice']
    env = {**os.environ, 'OMP_NUM_THREADS': '1'}
    ps = [subprocess.Popen([sys.executable, '-c', code, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, env=env) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in ps]
    codes = sorted(p.returncode for p in ps)
    errs = ' '.join(e for _, e in outs)
    assert 'Traceback' not in errs and 'IntegrityError' not in errs, errs
    if codes == [0, 1]: assert 'paper session twice is running in another process' in errs, errs
    else: assert codes == [0, 0], (codes, errs)       # the second began after the first had ended: it resumed it
    db = sqlite3.connect(data/'app.db')
    assert db.execute("select count(*) from sessions where id = 'twice'").fetchone()[0] == 1
    intents = db.execute("select count(*) from intents where session_id = 'twice'").fetchone()[0]
    orders = db.execute("select count(*) from orders where client_order_id in "
                        "(select client_order_id from intents where session_id = 'twice')").fetchone()[0]
    assert intents == orders, (intents, orders)
