"""The React app (app/web) in a real browser: its unit tests (vitest), its build, then the whole flow driven in Debian's
Chromium (playwright-core, headless) against `tradenb serve` on the embedded data — download → train tiny (the loss
curve grows) → backtest (equity curve, trades) → paper replay (bars arrive live) → settings (a key never shows).
Screenshots of every page go to tests/artifacts/."""
import os, shutil, subprocess, sys
from pathlib import Path
import pytest
sys.path.insert(0, str(Path(__file__).parent))
from test_api import Server, TOKEN

WEB = Path(__file__).resolve().parents[1]/'app'/'web'
CHROMIUM = os.environ.get('CHROMIUM', '/usr/bin/chromium')
pytestmark = pytest.mark.skipif(not shutil.which('npm') or not Path(CHROMIUM).exists(),
                                reason='needs Node (npm) and Debian chromium (apt-get install chromium)')


def npm(*args, timeout=600):
    r = subprocess.run(['npm', *args], cwd=WEB, capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f'npm {" ".join(args)}:\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}'
    return r.stdout


@pytest.fixture(scope='module')
def built():
    if not (WEB/'node_modules').exists(): npm('ci', '--no-audit', '--no-fund')
    npm('run', 'build')
    return WEB/'dist'


def test_unit(built):
    out = npm('test')
    assert 'failed' not in out.lower(), out


def test_flow_in_chromium(built, tmp_path):
    s = Server(tmp_path/'data', tmp_path/'server.log')
    try:
        assert '<div id="root">' in s.http.get('/').text
        art = Path(__file__).parent/'artifacts'
        r = subprocess.run(['node', 'e2e/flow.mjs'], cwd=WEB, capture_output=True, text=True, timeout=900,
                           env={**os.environ, 'TRADENB_URL': s.url, 'TRADENB_API_TOKEN': TOKEN, 'ARTIFACTS': str(art),
                                'CHROMIUM': CHROMIUM})
        print(r.stdout)
        assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-4000:]
        assert {f'app-{p}.png' for p in ('data', 'training', 'backtest', 'paper', 'settings', 'dashboard')} <= \
               {p.name for p in art.iterdir()}
    finally: s.stop()
