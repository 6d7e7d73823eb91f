"""Each Voila dashboard, served by voila on 127.0.0.1 (with the repository's `voila.json`) and driven in Debian's headless
Chromium through Playwright (no browser download): the tests change the symbol, type a start date, move the confidence
slider, click the train buttons, and assert on what is drawn — the plotted values themselves, read from the page. A
screenshot of every state goes to tests/artifacts/ (CI keeps that folder). Needs /usr/bin/chromium
(`apt-get install chromium`; .ci/run installs it)."""
import os, re, shutil, socket, subprocess, sys, time
from contextlib import contextmanager
from pathlib import Path
import numpy as np
import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]
ART = ROOT/'tests'/'artifacts'
CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
RUN = 'quickstart-tiny-s0'
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason='Debian chromium is not installed (apt-get install chromium)')

# every plotly figure on the page: its title and, per trace, its name and the first / last x and y
PLOTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(g => ({
  title: (g.layout && g.layout.title && (g.layout.title.text || g.layout.title)) || '',
  traces: (g._fullData || []).map(t => { const x = Array.from(t.x || []), y = Array.from(t.y || []);
    return {name: t.name, n: x.length, x0: String(x[0]), y0: y[0], x1: String(x[x.length - 1]), y1: y[y.length - 1]}; })
}))"""

def _free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def _kernels(srv):
    "The kernel processes the voila server started."
    try: kids = psutil.Process(srv.pid).children(recursive=True)
    except psutil.NoSuchProcess: return []
    out = []
    for c in kids:
        try:
            if 'ipykernel' in ' '.join(c.cmdline()): out.append(c)
        except psutil.Error: pass
    return out

def _shot(page, name):
    "A screenshot of the whole dashboard: voila scrolls inside the page, so the viewport grows to the content first."
    vp = page.viewport_size
    page.set_viewport_size({'width': vp['width'], 'height': 8000}); page.wait_for_timeout(300)
    h = page.evaluate("() => Math.max(...[...document.querySelectorAll('.jp-Cell, .jp-OutputArea, .jupyter-widgets')]"
                      ".map(e => e.getBoundingClientRect().bottom))")
    page.set_viewport_size({'width': vp['width'], 'height': int(min(max(h + 40, vp['height']), 8000))})
    page.wait_for_timeout(300)
    page.screenshot(path=str(ART/f'{name}.png'), full_page=True)
    page.set_viewport_size(vp)

def _trace(page, name):
    "The first trace called `name` on the page (a dict from PLOTS_JS), or None."
    return next((t for p in page.evaluate(PLOTS_JS) for t in p['traces'] if t['name'] == name), None)

def _assert_no_errors(page):
    errors = page.locator('.tradenb-error').all_inner_texts()
    stderr = page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
    assert not errors, errors
    assert not page.locator('text=There was an error when executing cell').count()
    assert not [e for e in stderr if 'Error' in e], stderr

@pytest.fixture(scope='module')
def data_dir(tmp_path_factory): return tmp_path_factory.mktemp('dashdata')

@contextmanager
def dashboard(name, data_dir, cwd=ROOT):
    """Serve nbs/dashboards/NAME.ipynb with voila from `cwd` (the repository root) and open it: yields (server, page).
    With `data_dir` None the dashboard finds its data folder itself (no TRADENB_DATA_DIR), as a user's would."""
    port = _free_port(); ART.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != 'TRADENB_DATA_DIR'}
    if data_dir is not None: env['TRADENB_DATA_DIR'] = str(data_dir)
    env.pop('OMP_NUM_THREADS', None)       # the dashboards' kernels train with the machine's threads
    log = open(ART/f'{name}-voila.log', 'w')
    srv = subprocess.Popen([sys.executable, '-m', 'voila', '--no-browser', f'--port={port}',
                            f'nbs/dashboards/{name}.ipynb'], cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            try: socket.create_connection(('127.0.0.1', port), timeout=1).close(); break
            except OSError: time.sleep(0.5)
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=['--no-sandbox', '--disable-gpu', '--disable-quic',
                                  '--no-first-run', '--disable-background-networking', '--disable-component-update',
                                  '--disable-sync'])
            page = b.new_page(viewport={'width': 1400, 'height': 1100})
            try:
                page.goto(f'http://127.0.0.1:{port}/', timeout=300_000)
                yield srv, page
            except BaseException:
                _shot(page, f'{name}-failed'); raise
            finally: b.close()
    finally:
        srv.terminate(); srv.wait(20); log.close()

def _leave_and_check_kernel_stops(srv, page, what):
    "Leave the page; its kernel must be shut down (voila's beforeunload beacon, allowed by voila.json)."
    assert len(_kernels(srv)) == 1, f'{what}: expected one kernel while the page is open'
    page.goto('about:blank')
    for _ in range(60):
        if not _kernels(srv): return
        time.sleep(0.5)
    raise AssertionError(f'{what}: the kernel kept running after the page was left')

def test_data_explorer(data_dir):
    from tradenb.data.store import Store
    from tradenb.features import sma, bollinger
    with dashboard('data_explorer', data_dir) as (srv, page):
        page.wait_for_selector('text=daily series of real market data', timeout=300_000)
        page.wait_for_selector('g.trace', state='attached', timeout=120_000)
        page.wait_for_timeout(1000); _shot(page, 'data_explorer')
        _assert_no_errors(page)
        # change the symbol: the chart redraws with MSFT's candles
        page.locator('.widget-dropdown', has_text='symbol').locator('select').select_option('MSFT')
        page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')].some(g => "
                               "(g._fullData || []).some(t => t.name === 'MSFT'))", timeout=120_000)
        page.wait_for_timeout(500); _shot(page, 'data_explorer-MSFT')
        # view from 2010-01-04: the overlays start there with the indicator of the whole series, no warm-up
        box = page.locator('.widget-text', has_text='from').locator('input')
        box.fill('2010-01-04'); box.press('Enter')
        page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')].some(g => "
                               "(g._fullData || []).some(t => t.name === 'sma_20' && "
                               "String(Array.from(t.x)[0]).startsWith('2010-01-04')))", timeout=120_000)
        page.wait_for_timeout(500); _shot(page, 'data_explorer-MSFT-from-2010-01-04')
        df = Store(data_dir).read('MSFT'); c = df.close.to_numpy()
        i = int(np.searchsorted(df.index, df.loc['2010-01-04':].index[0]))
        drawn_sma, drawn_bb = _trace(page, 'sma_20'), _trace(page, 'BB upper')
        assert drawn_sma['y0'] == pytest.approx(sma(c, 20)[i], rel=1e-12), drawn_sma
        assert drawn_bb['y0'] == pytest.approx(bollinger(c)[0][i], rel=1e-12), drawn_bb
        assert drawn_sma['n'] == len(df) - i
        _assert_no_errors(page)
        _leave_and_check_kernel_stops(srv, page, 'data explorer')

def _set_readout(page, slider_label, value):
    "Type a value into an ipywidgets slider's readout (as a user does) and commit it."
    r = page.locator('.widget-slider', has_text=slider_label).locator('.widget-readout')
    r.click(); page.keyboard.press('Control+A'); page.keyboard.type(str(value)); page.keyboard.press('Enter')
    page.wait_for_function(f"""() => [...document.querySelectorAll('.widget-slider')].some(s =>
        s.innerText.includes({slider_label!r}) && s.querySelector('.widget-readout').innerText.trim() === {str(value)!r})""",
                           timeout=30_000)

def test_training(data_dir):
    with dashboard('training', data_dir) as (srv, page):
        page.wait_for_selector('text=features kept on the training split', timeout=600_000)
        page.wait_for_selector('g.trace', state='attached', timeout=120_000)
        page.wait_for_timeout(1000); _shot(page, 'training')
        status = page.locator('text=features kept on the training split').first.inner_text()
        assert re.search(r'test period \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d', status), status
        # train the tiny preset for one epoch: the verdict, the model-beside-baselines figure and importance appear
        _set_readout(page, 'epochs', 1)
        page.get_by_role('button', name='Train', exact=True).click()
        page.wait_for_selector('text=Test split', timeout=900_000)
        page.wait_for_selector('text=Features it leans on', timeout=60_000)
        page.wait_for_timeout(1500); _shot(page, 'training-trained')
        assert 'verdict:' in page.locator('.widget-html', has_text='Test split').first.inner_text()
        assert page.locator('.widget-image').count() >= 1             # evaluation.png: forest plots, confusion, reliability
        _assert_no_errors(page)
        # start a long training and leave the page: the kernel (and its training thread) stops
        _set_readout(page, 'epochs', 100)
        page.get_by_role('button', name='Train', exact=True).click()
        page.wait_for_selector('text=training tiny', timeout=60_000)
        page.wait_for_timeout(3000); _shot(page, 'training-running')
        _leave_and_check_kernel_stops(srv, page, 'training dashboard while training')

def _cli(data_dir, *args):
    env = {**os.environ, 'TRADENB_DATA_DIR': str(data_dir)}
    r = subprocess.run(['tradenb', *args], env=env, capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout

def _final_equity_row(text):
    "The numbers of the `final_equity` row of a printed table."
    line = next(l for l in text.splitlines() if l.strip().startswith('final_equity'))
    return [float(v.replace(',', '')) for v in line.split()[1:]]

def test_backtest_and_report(data_dir):
    from tradenb import pipeline
    from tradenb.data.store import Store
    with dashboard('backtest', data_dir) as (srv, page):
        # no trained run in this data folder: the page says so and offers to train the tiny preset in the background
        page.wait_for_selector('text=Train the tiny preset', timeout=300_000)
        _shot(page, 'backtest-before-training')
        page.click('text=Train the tiny preset')
        page.wait_for_function("() => [...document.querySelectorAll('.widget-hprogress .progress-bar')]"
                               ".some(b => parseFloat(b.style.width) > 0)", timeout=300_000)   # the bar moves
        _shot(page, 'backtest-training')
        page.wait_for_selector('text=signals from run', timeout=1_200_000)
        page.wait_for_selector('g.trace', state='attached', timeout=120_000)
        page.wait_for_timeout(1500); _shot(page, 'backtest')
        _assert_no_errors(page)
        status = page.locator('text=signals from run').first.inner_text()
        assert re.search(r'test period, \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d', status), status
        # the slider starts where the model trades
        title = page.locator('text=/\\d+ trades at confidence/').first.text_content()
        n0 = int(re.search(r'(\d+) trades at confidence ≥ ([\d.]+)', title).group(1)); t0 = float(title.split('≥')[1])
        assert n0 > 0, title
        # buy & hold as drawn, and every benchmark in the table, equal the CLI's to the cent
        out = _cli(data_dir, 'backtest', '--run', RUN)
        names = list(pipeline.backtest_run(RUN, Store(data_dir), save=False).table().columns)
        cli = dict(zip(names, _final_equity_row(out)))
        drawn = _trace(page, 'buy & hold')
        assert round(drawn['y1'], 2) == round(cli['buy & hold'], 2), (drawn, cli)
        table = page.locator('table.tradenb-table', has_text='final_equity').first.inner_text()
        assert _final_equity_row(table) == [round(v, 2) for v in cli.values()], (table, cli)
        # move the slider up: fewer signals pass, the title and the metrics follow
        t1 = round(t0 + 0.03, 2)
        _set_readout(page, 'confidence', f'{t1:.2f}')
        page.wait_for_selector(f'text=/trades at confidence ≥ {t1:.2f}/', state='attached', timeout=120_000)
        page.wait_for_timeout(1000); _shot(page, f'backtest-confidence-{t1:.2f}')
        title = page.locator('text=/\\d+ trades at confidence/').first.text_content()
        assert int(re.search(r'(\d+) trades at confidence', title).group(1)) <= n0, title
        # pick another symbol's trades: its price chart is drawn
        other = page.locator('.widget-dropdown', has_text='trades of').locator('select')
        sym = other.locator('option').nth(1).get_attribute('value')
        other.select_option(sym)
        page.wait_for_function(f"() => [...document.querySelectorAll('.js-plotly-plot')].some(g => "
                               f"(g._fullData || []).some(t => t.name === {sym!r}))", timeout=60_000)
        page.wait_for_timeout(500); _shot(page, f'backtest-trades-{sym}')
        # the tear sheet, in the page
        page.click('text=Show the tear sheet')
        sheet = page.frame_locator('iframe.tradenb-sheet')
        sheet.locator('text=Worst 10 Drawdowns').wait_for(state='attached', timeout=300_000)
        assert sheet.locator('text=the strategy beside fair benchmarks').count() == 1
        page.wait_for_timeout(1000); _shot(page, 'backtest-tear-sheet')
        _assert_no_errors(page)
        _leave_and_check_kernel_stops(srv, page, 'backtest dashboard')
    # the tear sheet of the same backtest: one HTML file that opens offline, with every section
    report = ART/'report.html'
    _cli(data_dir, 'report', '--run', RUN, '--out', str(report))
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=['--no-sandbox', '--disable-gpu'])
        page, urls = b.new_page(viewport={'width': 1400, 'height': 1100}), []
        page.on('request', lambda r: urls.append(r.url))
        page.goto(report.as_uri(), wait_until='networkidle')
        _shot(page, 'report')
        dom, figures = page.content().lower(), page.locator('svg, img').count()
        broken = page.evaluate("() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
        b.close()
    assert [u for u in urls if not u.startswith(('file:', 'data:', 'blob:'))] == [], urls
    assert figures >= 17 and broken == 0, (figures, broken)   # quantstats' 14 figures and tradenb's 3, all drawn
    for section in ('Key Performance Metrics', 'Cumulative Returns', 'EOY Returns', 'Monthly Returns', 'Rolling Sharpe',
                    'Rolling Volatility', 'Worst 10 Drawdowns', 'the strategy beside fair benchmarks',
                    'Equity and drawdown beside every benchmark', 'Gross exposure over time', 'Trades on the price charts',
                    'test period', "the model's exposure", 'SPY (index)', 'final_equity'):
        assert section.lower() in dom, section


def test_backtest_dashboard_finds_the_quickstarts_data(data_dir, tmp_path):
    """Started from a project where `tradenb quickstart` ran (its data in ./data_storage, no TRADENB_DATA_DIR), the backtest
    dashboard — whose kernel runs in nbs/dashboards/ — finds that data folder, shows it, and shows the quickstart's run."""
    done = os.environ.get('TRADENB_QUICKSTART_DONE')           # CI: the README's main job ran just before the tests
    data = Path(done)/'data' if done else data_dir             # here: the run test_backtest_and_report trained
    assert (data/'models'/RUN/'best_model.pt').exists(), 'no quickstart run to find'
    proj = tmp_path/'project'; (proj/'nbs'/'dashboards').mkdir(parents=True)
    (proj/'data_storage').symlink_to(data, target_is_directory=True)
    shutil.copy(ROOT/'nbs'/'dashboards'/'backtest.ipynb', proj/'nbs'/'dashboards'/'backtest.ipynb')
    with dashboard('backtest', None, cwd=proj) as (srv, page):
        page.wait_for_selector('text=signals from run', timeout=600_000)
        page.wait_for_timeout(1000); _shot(page, 'backtest-found-data')
        assert page.locator('text=Train the tiny preset').count() == 0
        assert RUN in page.locator('text=signals from run').first.inner_text()
        where = page.locator('text=data folder').first.inner_text()
        assert str(data.resolve()) in where and 'nearest data_storage' in where, where
        _assert_no_errors(page)


def test_attention(data_dir):
    "The attention page of the quickstart run: what is drawn is the maps saved with the run, averaged per regime and symbol."
    from tradenb.attention import AttentionMaps
    from tradenb.runs import Run
    run = Run(data_dir/'models'/RUN, data_dir)
    if not run.trained: _cli(data_dir, 'quickstart')            # run on its own: train the quickstart run first
    maps = AttentionMaps.load(run.path/'attention.npz')          # saved when the run was trained and evaluated
    with dashboard('attention', data_dir) as (srv, page):
        page.wait_for_selector('text=/test samples, \\d{4}-\\d\\d-\\d\\d/', timeout=300_000)
        page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')].some(g => "
                               "(g._fullData || []).some(t => t.name === 'pooling: calm'))", timeout=120_000)
        page.wait_for_timeout(1500); _shot(page, 'attention')
        _assert_no_errors(page)
        for name, want in (('pooling: calm', maps.mean('regime').loc['calm']),
                           ('pooling: turbulent', maps.mean('regime').loc['turbulent']),
                           ('Transformer: turbulent', maps.mean('regime', 'tf').loc['turbulent']),
                           ('pooling: AAPL', maps.mean('symbol').loc['AAPL'])):
            t = _trace(page, name)
            assert t['n'] == 60 and t['x1'] == '0', t                  # bars −59 … 0 of the window
            assert t['y0'] == pytest.approx(want.iloc[0], rel=1e-5) and t['y1'] == pytest.approx(want.iloc[-1], rel=1e-5)
        f = _trace(page, 'fusion: calm')
        assert f['y0'] == pytest.approx(maps.mean('regime', 'paths').loc['calm', 'xLSTM'], rel=1e-5), f
        # another symbol's maps, sample by sample
        page.locator('.widget-dropdown', has_text='symbol').locator('select').select_option('MSFT')
        page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')].some(g => "
                               "(g._fullData || []).some(t => t.name === 'pooling map: MSFT'))", timeout=120_000)
        page.wait_for_timeout(1000); _shot(page, 'attention-MSFT')
        _assert_no_errors(page)
        _leave_and_check_kernel_stops(srv, page, 'attention dashboard')
