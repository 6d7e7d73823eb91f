"""The house rules that no notebook test sees: every front end's default is the library's, no module reaches into
another's private names, no library file grows into a hub, and the import-linter contracts hold (and can fail)."""
import ast, shutil, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT/'tradenb'


def _cli_defaults(command:str) -> dict:
    "{dest: default} of one `tradenb` subcommand's options."
    from tradenb.cli import parser
    sub = next(a for a in parser()._actions if a.dest == 'command').choices[command]
    return {a.dest: a.default for a in sub._actions if a.dest != 'help'}


def test_cli_defaults_are_the_librarys():
    from tradenb.pipeline import BacktestConfig, QUICK_TRAIN, QUICK_SYMBOLS, QUICK_INDEX, TrainConfig
    from tradenb.research.compare import COMPARE_TRAIN
    lib = BacktestConfig()
    paper = _cli_defaults('paper')
    assert (paper['capital'], paper['threshold'], paper['daily_loss_limit'], paper['max_drawdown']) == \
           (lib.cash, lib.confidence_threshold, lib.daily_loss_limit, lib.max_drawdown)
    assert _cli_defaults('backtest')['capital'] == lib.cash == _cli_defaults('report')['capital']
    for cmd, base in (('train', TrainConfig()), ('compare', COMPARE_TRAIN), ('controls', QUICK_TRAIN)):
        d = _cli_defaults(cmd)
        assert (d['epochs'], d['batch_size'], d['lr'], d['patience'], d['monitor'], d['focus']) == \
               (base.epochs, base.batch_size, base.lr, base.patience, base.monitor, base.focus), cmd
    q = _cli_defaults('quickstart')
    assert (q['epochs'], q['seed']) == (QUICK_TRAIN.epochs, QUICK_TRAIN.seed)
    t = _cli_defaults('train')
    assert (t['symbols'], t['index']) == (QUICK_SYMBOLS, QUICK_INDEX)


def test_api_defaults_are_the_librarys():
    from tradenb.pipeline import BacktestConfig, QUICK_TRAIN, QUICK_SYMBOLS, QUICK_INDEX
    from tradenb.api.schemas import BacktestIn, PaperIn, TrainIn
    lib = BacktestConfig()
    bt = BacktestIn(run='r')
    assert (bt.capital, bt.commission, bt.slippage_bps) == (lib.cash, lib.commission, lib.slippage_bps)
    pp = PaperIn(run='r')
    assert (pp.capital, pp.threshold, pp.daily_loss_limit, pp.max_drawdown, pp.commission, pp.slippage_bps) == \
           (lib.cash, lib.confidence_threshold, lib.daily_loss_limit, lib.max_drawdown, lib.commission, lib.slippage_bps)
    tr = TrainIn()
    assert (tr.symbols, tr.index) == (QUICK_SYMBOLS, QUICK_INDEX)          # the CLI's `train` and the quickstart's
    assert (tr.epochs, tr.batch_size, tr.lr, tr.patience, tr.seed, tr.monitor) == \
           (QUICK_TRAIN.epochs, QUICK_TRAIN.batch_size, QUICK_TRAIN.lr, QUICK_TRAIN.patience, QUICK_TRAIN.seed,
            QUICK_TRAIN.monitor)


def test_api_jobs_fill_in_the_librarys_defaults():
    "A job given only what its request set uses the library's values for the rest (no copy of them in the jobs)."
    from tradenb.api.jobs import costs
    from tradenb.pipeline import BacktestConfig
    assert costs({}) == BacktestConfig()
    assert costs({'commission': 0.0}, confidence_threshold=None, cash=5.0) == BacktestConfig(commission=0.0, cash=5.0)


def _modules() -> dict:
    return {'.'.join(p.relative_to(ROOT).with_suffix('').parts).removesuffix('.__init__'): p
            for p in LIB.rglob('*.py') if '_modidx' not in p.name}


def _absolute(mod:str, node:ast.ImportFrom, is_pkg:bool) -> str:
    if not node.level: return node.module or ''
    base = mod.split('.') if is_pkg else mod.split('.')[:-1]
    base = base[:len(base) - (node.level - 1)]
    return '.'.join(base + ([node.module] if node.module else []))


def test_no_module_uses_another_modules_private_names():
    mods, bad = _modules(), []
    for mod, path in mods.items():
        tree = ast.parse(path.read_text())
        aliases = {}                                   # local name -> tradenb module it stands for
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                src = _absolute(mod, node, path.name == '__init__.py')
                for a in node.names:
                    if src.startswith('tradenb') and a.name.startswith('_') and src != mod:
                        bad.append(f'{mod}: from {src} import {a.name}')
                    if f'{src}.{a.name}' in mods: aliases[a.asname or a.name] = f'{src}.{a.name}'
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in mods and a.asname: aliases[a.asname] = a.name
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases \
               and node.attr.startswith('_') and not node.attr.startswith('__') and aliases[node.value.id] != mod:
                bad.append(f'{mod}: {aliases[node.value.id]}.{node.attr}')
    assert not bad, bad


LIMIT = 500

def test_no_library_file_is_a_hub():
    "No generated module over 500 lines: a file past it holds two things and gets split (the generated index aside)."
    big = {str(p.relative_to(ROOT)): n for p in LIB.rglob('*.py')
           if '_modidx' not in p.name and (n := len(p.read_text().splitlines())) > LIMIT}
    assert not big, f'over {LIMIT} lines: {big}'


@pytest.mark.skipif(shutil.which('lint-imports') is None, reason='import-linter is a dev tool: pip install -e ".[dev]"')
def test_layering_contracts_hold_and_a_broken_one_fails(tmp_path):
    ok = subprocess.run(['lint-imports'], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout[-3000:]
    # the same contracts over a copy of the library with `import torch` planted in the backtest engine must fail
    dst = tmp_path/'tradenb'
    shutil.copytree(LIB, dst, ignore=shutil.ignore_patterns('sample_data', 'web', '__pycache__'))
    eng = dst/'backtest'/'engine.py'
    eng.write_text('import torch\n' + eng.read_text())
    shutil.copy(ROOT/'.importlinter', tmp_path/'.importlinter')
    env = {'PYTHONPATH': str(tmp_path), 'PATH': str(Path(sys.executable).parent) + ':/usr/bin:/bin'}
    bad = subprocess.run(['lint-imports', '--no-cache'], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert bad.returncode != 0 and 'tradenb.backtest.engine -> torch' in bad.stdout, bad.stdout[-3000:]


def test_type_check_covers_every_module():
    "mypy.ini switches the check off for no module of tradenb/."
    import configparser
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'mypy.ini')
    skipped = [s for s in cfg.sections() if s.startswith('mypy-') and cfg[s].getboolean('ignore_errors', False)]
    assert not skipped, f'mypy.ini leaves modules unchecked: {skipped}'


@pytest.mark.skipif(shutil.which('mypy') is None, reason='mypy is a dev tool: pip install -e ".[dev]"')
def test_type_check_passes():
    r = subprocess.run(['mypy', 'tradenb'], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:]

def test_examples_keep_their_outputs():
    "The notebooks a docs reader most wants to see run (tools/run_examples.py) keep their tables and charts, no error."
    r = subprocess.run([sys.executable, 'tools/run_examples.py', '--check'], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr

def test_long_cells_are_few():
    "No notebook code cell over 150 lines (the issue's rule for notebooks that read as documentation)."
    import json
    long = [f'{p.name} cell {i}: {len(c["source"])} lines' for p in sorted((ROOT/'nbs').rglob('*.ipynb'))
            for i, c in enumerate(json.loads(p.read_text())['cells'])
            if c['cell_type'] == 'code' and len(c['source']) > 150]
    assert not long, long
