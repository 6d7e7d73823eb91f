"""The README's promises, checked end to end: it is generated from nbs/index.ipynb, it states exactly two
commands, and the console script it names runs the main job on the embedded data."""
import os, re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def _commands():
    section = (ROOT/'README.md').read_text().split('## Two commands', 1)[1].split('\n## ', 1)[0]
    return re.findall(r'```sh\n(.*?)\n```', section, re.S)

def test_readme_in_sync_with_index_notebook():
    r = subprocess.run([sys.executable, 'tools/make_readme.py', '--check'], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr

def test_readme_states_exactly_two_commands():
    run, test = _commands()
    assert run.endswith('tradenb quickstart') and 'pip install -e .' in run
    assert 'nbdev_test --flags slow' in test and 'pytest' in test and '.[dev,ray]' in test

def test_quickstart_console_script(tmp_path):
    done = os.environ.get('TRADENB_QUICKSTART_DONE')
    if done:      # .ci/run has just run the README's main command: check what it printed and left, not a second run
        tmp_path, out = Path(done)/'data', (Path(done)/'stdout').read_text()
    else:
        env = {**os.environ, 'TRADENB_DATA_DIR': str(tmp_path)}
        # no wall-clock limit: tests bound the work they do, not the time a busy machine takes (speed lives in bench/)
        r = subprocess.run(['tradenb', 'quickstart'], env=env, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        out = r.stdout
    env = {**os.environ, 'TRADENB_DATA_DIR': str(tmp_path)}
    assert '25 symbols: 25 updated, 0 up to date, 0 failed' in out
    assert 'TOTAL' in out
    assert len(list((tmp_path/'raw').glob('*/*.parquet'))) == 25
    assert 'look-ahead check (AAPL, 25 random truncations): all unchanged' in out
    assert 'VERDICT: ' in out and 'linear (last bar)' in out
    assert 'per date (the cross-section of' in out and 'rank_icir' in out     # per-date IC beside the pooled figures
    assert '== Backtest over the test period of run quickstart-tiny-s0' in out and 'in-sample' not in out
    run = tmp_path/'models'/'quickstart-tiny-s0'
    assert {'best_model.pt', 'training_history.json', 'loss_curves.png', 'metrics.txt'} <= {p.name for p in run.iterdir()}
    # a second run is incremental: no bar is downloaded again (one epoch is enough to check that)
    r2 = subprocess.run(['tradenb', 'quickstart', '--epochs', '1'], env=env, capture_output=True, text=True)
    assert '0 updated, 25 up to date' in r2.stdout, r2.stdout
