"""Run the notebooks whose examples keep their output and save it: the tables and charts a reader of the docs wants to
see (the quickstart's stages, the features, the backtest's accounting, a dashboard building block).

    python tools/run_examples.py            # execute them (execnb, as nbdev_test does) and save their outputs
    python tools/run_examples.py --check    # each keeps outputs and none holds an error (tests/test_layering.py)

`nbdev_clean` keeps outputs here (`clear_all = False` in settings.ini); it drops execution counts and metadata.
"""
import argparse, json, os, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ['04_features', '13_backtest.engine', '15d_pipeline.mainjob', '16_widgets']

def path(name: str) -> Path: return ROOT/'nbs'/f'{name}.ipynb'

def shown(nb: dict) -> list:
    "The outputs of the cells a reader sees (not `#| hide`), in order."
    return [o for c in nb['cells'] if c['cell_type'] == 'code' and '#| hide' not in ''.join(c['source'])
            for o in c.get('outputs', [])]

def problems(name: str) -> list[str]:
    "What is wrong with one notebook's saved outputs (nothing when it shows results and no error)."
    nb = json.loads(path(name).read_text())
    outs, errs = shown(nb), [o for c in nb['cells'] for o in c.get('outputs', []) if o.get('output_type') == 'error']
    rich = [o for o in outs if o.get('output_type') in ('display_data', 'execute_result')]
    return ([f'{name}: an error is saved in its outputs ({errs[0].get("ename")})'] if errs else []) + \
           ([f'{name}: its examples keep no table or chart — run `python tools/run_examples.py`'] if not rich else [])

def run(name: str):
    from execnb.shell import CaptureShell
    from execnb.nbio import read_nb, write_nb
    nb = read_nb(path(name))
    sh = CaptureShell(path(name).parent, mpl_format='png')
    sh.run_all(nb, exc_stop=True)
    write_nb(nb, path(name))

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--check', action='store_true', help='check the saved outputs instead of running the notebooks')
    ap.add_argument('names', nargs='*', default=EXAMPLES, help=f'notebooks (default: {" ".join(EXAMPLES)})')
    a = ap.parse_args()
    if a.check:
        bad = [p for n in a.names for p in problems(n)]
        print('\n'.join(bad) or f'{len(a.names)} notebooks keep their examples\' outputs'); sys.exit(bool(bad))
    os.environ.setdefault('OMP_NUM_THREADS', '1')
    for n in a.names: print('running', n, flush=True); run(n)
    subprocess.run(['nbdev_clean'], cwd=ROOT, check=True)
