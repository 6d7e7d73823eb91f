"""Each Voila dashboard, served by voila on 127.0.0.1 and opened in Debian's headless Chromium (driven by Playwright,
no browser download): the kernel runs the notebook, the page must show the dashboard's content and no error, and a
screenshot of each goes to tests/artifacts/ (CI keeps that folder). Needs /usr/bin/chromium (`apt-get install chromium`;
.ci/run installs it)."""
import os, re, shutil, socket, subprocess, sys, time
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
DASH = ROOT/'nbs'/'dashboards'
ART = ROOT/'tests'/'artifacts'
CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
# what each dashboard shows once its kernel has run, and a plotted element that must be drawn
READY = {'data_explorer': ('daily series of real market data', 'g.trace'),
         'training': ('features kept on the training split', 'g.trace'),
         'backtest': ('signals from run', 'g.trace')}

def _free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

@pytest.fixture(scope='module')
def data_dir(tmp_path_factory): return tmp_path_factory.mktemp('dashdata')

@pytest.mark.skipif(CHROMIUM is None, reason='Debian chromium is not installed (apt-get install chromium)')
@pytest.mark.parametrize('name', list(READY))
def test_dashboard_renders_without_error(name, data_dir):
    from playwright.sync_api import sync_playwright
    port = _free_port()
    env = {**os.environ, 'TRADENB_DATA_DIR': str(data_dir)}
    srv = subprocess.Popen([sys.executable, '-m', 'voila', '--no-browser', f'--port={port}', '--Voila.ip=127.0.0.1',
                            f'{name}.ipynb'], cwd=DASH, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f'http://127.0.0.1:{port}/'
        for _ in range(120):
            try: socket.create_connection(('127.0.0.1', port), timeout=1).close(); break
            except OSError: time.sleep(0.5)
        text, selector = READY[name]
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                                  '--disable-background-networking', '--disable-component-update', '--disable-sync'])
            page = b.new_page(viewport={'width': 1400, 'height': 1100})
            ART.mkdir(exist_ok=True)
            try:
                page.goto(url, timeout=120_000)
                if name == 'backtest':          # no trained run in this data folder: train it with the page's button
                    page.wait_for_selector('text=Train the tiny preset', timeout=300_000)
                    page.screenshot(path=str(ART/f'{name}-before-training.png'), full_page=True)
                    page.click('text=Train the tiny preset')
                page.wait_for_selector(f'text={text}', timeout=600_000)
                page.wait_for_selector(selector, state='attached', timeout=240_000)   # a flat line is not 'visible'
                page.wait_for_timeout(1500)
            finally: page.screenshot(path=str(ART/f'{name}.png'), full_page=True)   # also when it failed, to see why
            if name == 'backtest':              # the slider starts where the model trades
                title = page.locator('text=/\\d+ trades at confidence/').first.inner_text()
                assert int(re.search(r'(\d+) trades at confidence', title).group(1)) > 0, title
            errors = page.locator('.tradenb-error').all_inner_texts()
            stderr = page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
            voila_err = page.locator('text=There was an error when executing cell').count()
            b.close()
        assert not errors, errors
        assert not voila_err and not [e for e in stderr if 'Error' in e], stderr
        assert (ART/f'{name}.png').stat().st_size > 10_000
    finally:
        srv.terminate(); srv.wait(10)
