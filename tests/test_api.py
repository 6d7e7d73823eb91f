"""The service against a real server: `tradenb serve` (uvicorn) on a free 127.0.0.1 port, on the embedded data.

- every endpoint, and a whole download → train (tiny) → backtest → paper replay flow driven over HTTP and followed over
  /ws/jobs and /ws/signals; the paper session's trades are the backtest's on the same bars;
- schemathesis against the served OpenAPI spec, a bounded number of cases: no 5xx, no reply that breaks its schema;
- a server killed during a training job and started again reports the job interrupted and keeps every finished job
  and result.
"""
import json, os, signal, socket, subprocess, sys, time
from pathlib import Path
import httpx, pytest
from websockets.sync.client import connect

TOKEN = 'test-api-token-0123456789abcdef'
H = {'Authorization': f'Bearer {TOKEN}'}
FINISHED = ('done', 'error', 'cancelled', 'interrupted')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]


class Server:
    "`tradenb serve` in a subprocess on a free loopback port."
    def __init__(self, data: Path, log: Path, level: str = 'warning'):
        self.data, self.port, self.log = data, free_port(), log
        env = {**os.environ, 'TRADENB_API_TOKEN': TOKEN, 'OMP_NUM_THREADS': '1', 'TRADENB_DATA_DIR': str(data)}
        self.proc = subprocess.Popen(
            [sys.executable, '-c', 'import sys; from tradenb.cli import main; sys.exit(main())', '--data-dir', str(data),
             'serve', '--port', str(self.port), '--log-level', level],
            env=env, cwd=data.parent, stdout=open(log, 'ab'), stderr=subprocess.STDOUT, start_new_session=True)
        self.url, self.ws = f'http://127.0.0.1:{self.port}', f'ws://127.0.0.1:{self.port}'
        self.http = httpx.Client(base_url=self.url, headers=H, timeout=60)
        t0 = time.time()
        while True:
            try:
                if self.http.get('/api/v1/health').status_code == 200: break
            except httpx.TransportError: pass
            assert self.proc.poll() is None, log.read_text()[-3000:]
            assert time.time() - t0 < 90, 'server did not start: ' + log.read_text()[-3000:]
            time.sleep(0.2)

    def get(self, path, **kw):
        r = self.http.get(path, **kw); assert r.status_code == 200, (path, r.status_code, r.text[:500]); return r.json()

    def post(self, path, body=None, code=202):
        r = self.http.post(path, json=body); assert r.status_code == code, (path, r.status_code, r.text[:500])
        return r.json()

    def kill(self):
        "Kill the server at once (SIGKILL), as a crash would."
        self.proc.send_signal(signal.SIGKILL); self.proc.wait(10); self.http.close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try: self.proc.wait(30)
            except subprocess.TimeoutExpired: self.kill()
        self.http.close()


def follow(ws, job_id: str, timeout: float = 900) -> list:
    "The /ws/jobs messages of one job until it finishes."
    got, t0 = [], time.time()
    while time.time() - t0 < timeout:
        m = json.loads(ws.recv(timeout=timeout))
        if m.get('job') == job_id:
            got.append(m)
            if m.get('status') in FINISHED: return got
    raise AssertionError(f'{job_id} did not finish in {timeout} s')


@pytest.fixture(scope='module')
def server(tmp_path_factory):
    d = tmp_path_factory.mktemp('api')
    s = Server(d/'data', d/'server.log')
    yield s
    s.stop()


@pytest.mark.parametrize('level', ['info', 'debug'])
def test_token_never_logged(tmp_path, level):
    "At info and at debug, over HTTP (the Authorization header) and WebSocket (?token=), the log never holds the token."
    s = Server(tmp_path/'data', tmp_path/'server.log', level)
    try:
        s.get('/api/v1/runs'); s.http.get('/api/v1/nope')
        assert httpx.get(f'{s.url}/api/v1/runs', params={'token': TOKEN}).status_code in (200, 401)
        with connect(f'{s.ws}/ws/jobs?token={TOKEN}') as ws: json.loads(ws.recv(timeout=30))
        with pytest.raises(Exception):
            with connect(f'{s.ws}/ws/jobs?token=wrong-{TOKEN[:8]}') as ws: ws.recv(timeout=10)
    finally: s.stop()
    log = (tmp_path/'server.log').read_text()
    assert '/ws/jobs' in log, log[-2000:]                            # the socket's URL was logged, its token masked
    assert TOKEN not in log and TOKEN[:16] not in log, [l for l in log.splitlines() if TOKEN[:16] in l][:3]
    if level == 'debug': assert len(log.splitlines()) > 10, log      # debug logged headers and frames, redacted


def test_auth_and_errors(server):
    "Every endpoint but health needs the token; bad input is a one-line 4xx naming the field; sockets close 1008."
    assert httpx.get(server.url + '/api/v1/health').json()['status'] == 'ok'
    spec = httpx.get(server.url + '/openapi.json').json()
    paths = [p for p in spec['paths'] if p != '/api/v1/health']
    assert len(paths) >= 30, len(paths)
    for p in paths:                          # no token: 401 on every operation (path parameters filled with 'x')
        for method in spec['paths'][p]:
            r = httpx.request(method, server.url + p.replace('{', '').replace('}', ''), json={})
            assert r.status_code == 401, (method, p, r.status_code)
    for path, body, code, word in [('/api/v1/training', {'epochs': -1}, 422, 'epochs'),
                                   ('/api/v1/training', {'symbols': ['NOSUCH']}, 404, 'NOSUCH'),
                                   ('/api/v1/training', {'preset': 'x'}, 400, "'x'"),
                                   ('/api/v1/backtests', {'run': 'nope'}, 404, 'nope'),
                                   ('/api/v1/backtests', {'run': '../etc'}, 422, 'run'),
                                   ('/api/v1/backtests', {'run': 'x', 'portfolio': {'k': 0}}, 422,
                                    '--k must be a whole number ≥ 1, not 0'),
                                   ('/api/v1/paper', {'run': 'nope'}, 404, 'nope'),
                                   ('/api/v1/data/downloads', {'start': '2020-02-30'}, 422, 'start')]:
        r = server.http.post(path, json=body)
        assert r.status_code == code and word in r.json()['detail'], (path, body, r.status_code, r.text)
        assert '\n' not in r.json()['detail']
    with connect(server.ws + '/ws/signals?token=wrong') as ws:
        with pytest.raises(Exception) as e: ws.recv(timeout=10)
    assert getattr(e.value, 'rcvd', None) is not None and e.value.rcvd.code == 1008, e.value
    assert TOKEN not in server.log.read_text()               # the token never reaches the log


def test_flow(server):
    "download → train (tiny) → backtest → paper replay over HTTP, followed over /ws/jobs and /ws/signals."
    with connect(f'{server.ws}/ws/jobs?token={TOKEN}') as jobs, connect(f'{server.ws}/ws/signals?token={TOKEN}') as sig:
        sid, r = _flow(server, jobs, sig)
    with connect(f'{server.ws}/ws/signals?token={TOKEN}') as ws2:    # a client that reconnects: the state first
        snap = json.loads(ws2.recv(timeout=30))
        assert snap['type'] == 'snapshot' and snap['portfolio']['session'] == sid
    st = server.get('/api/v1/settings'); assert st['max_jobs']['train'] >= 1 and st['token_source'] == 'TRADENB_API_TOKEN'
    assert server.get('/api/v1/version')['version']
    assert len(server.get('/api/v1/jobs', params={'kind': 'train'})) == 2


def _flow(s, jobs, sig):
    assert json.loads(jobs.recv(timeout=30))['type'] == 'snapshot'
    assert json.loads(sig.recv(timeout=30))['type'] == 'snapshot'
    assert {x['name'] for x in s.get('/api/v1/data/sources')} == {'sample', 'yfinance', 'alpaca', 'binance'}
    assert s.get('/api/v1/data/universes')[0]['name'] == 'small'
    # download
    j = s.post('/api/v1/data/downloads', {'symbols': ['AAPL', 'MSFT', 'SPY']})
    msgs = follow(jobs, j['id'], 300)
    assert msgs[-1]['status'] == 'done', msgs[-1]
    assert [m['event']['stage'] for m in msgs if 'event' in m][0] == 'start'
    assert {x['symbol'] for x in s.get('/api/v1/data/symbols')} >= {'AAPL', 'MSFT', 'SPY'}
    q = s.get('/api/v1/data/quality')
    assert {r['symbol'] for r in q['rows']} >= {'AAPL', 'MSFT', 'SPY'}
    b = s.get('/api/v1/data/bars/AAPL', params={'start': '2012-01-01', 'end': '2012-12-31', 'offset': 10, 'limit': 20})
    assert b['total'] == 250 and len(b['bars']) == 20 and b['bars'][0]['time'].startswith('2012-01-18')
    f = s.get('/api/v1/data/features/MSFT', params={'index': 'SPY', 'start': '2012-06-01', 'limit': 5})
    assert len(f['rows']) == 5 and 'return_1' in f['columns']
    assert 'tiny' in {p['name'] for p in s.get('/api/v1/training/presets')}
    # train
    j = s.post('/api/v1/training', {'symbols': ['AAPL', 'MSFT'], 'index': 'SPY', 'epochs': 2, 'run_id': 'api-tiny'})
    msgs = follow(jobs, j['id'])
    assert msgs[-1]['status'] == 'done', s.get(f"/api/v1/jobs/{j['id']}")
    ep = [m['event'] for m in msgs if m.get('event', {}).get('stage') == 'epoch']
    t = s.get(f"/api/v1/training/{j['id']}")
    assert len(ep) == len(t['epochs']) == t['result']['summary']['epochs_run'] >= 1
    assert all(e['val_loss'] is not None for e in t['epochs'])
    assert s.post(f"/api/v1/training/{j['id']}/stop", code=200)['status'] == 'done'     # finished: nothing to stop
    runs = s.get('/api/v1/runs'); assert runs[0]['run_id'] == 'api-tiny'
    r = s.get('/api/v1/runs/api-tiny')
    assert 'model' in r['test'] and len(r['test']) >= 3 and r['verdict']           # beside the baselines
    assert r['symbols'] == ['AAPL', 'MSFT'] and r['model_config']['name'] == 'tiny'
    h = s.get('/api/v1/runs/api-tiny/history'); assert len(h['epochs']) == len(ep)
    c = s.get('/api/v1/runs/compare', params={'runs': 'api-tiny'})
    assert c['rows'][0]['best_baseline'] and c['rows'][0]['test_accuracy'] is not None
    assert s.http.post('/api/v1/training', json={'run_id': 'api-tiny'}).status_code == 409   # taken
    # stop: a training asked to stop finishes its epoch, keeps the best and is evaluated; cancel ends a job now
    j = s.post('/api/v1/training', {'symbols': ['AAPL', 'MSFT'], 'index': 'SPY', 'epochs': 100, 'patience': 100,
                                    'run_id': 'api-stopped'})
    while True:                                                            # its first epoch is done
        m = json.loads(jobs.recv(timeout=300))
        if m.get('job') == j['id'] and m.get('event', {}).get('stage') == 'epoch': break
    s.post(f"/api/v1/training/{j['id']}/stop", code=200)
    follow(jobs, j['id'])
    got = s.get(f"/api/v1/jobs/{j['id']}")
    assert got['status'] == 'done' and got['result']['stopped'] and got['result']['summary']['epochs_run'] < 100, got
    assert s.get('/api/v1/runs/api-stopped')['verdict']
    j = s.post('/api/v1/data/downloads', {'universe': 'large', 'indices': False})
    s.post(f"/api/v1/jobs/{j['id']}/cancel", code=200)
    assert follow(jobs, j['id'], 120)[-1]['status'] == 'cancelled'
    # backtest
    j = s.post('/api/v1/backtests', {'run': 'api-tiny', 'portfolio': {'k': 2}})     # + top-2 on the model's scores
    msgs = follow(jobs, j['id'], 600); assert msgs[-1]['status'] == 'done', s.get(f"/api/v1/jobs/{j['id']}")
    res = s.get(f"/api/v1/jobs/{j['id']}")['result']
    assert not res['in_sample'] and len(res['results']) >= 5
    assert res['results'][-1]['result'] == 'api-tiny-portfolio' and res['results'][-1]['name'] == 'model top-2 (drop 1, equal)'
    items = s.get('/api/v1/backtests', params={'run_id': 'api-tiny'})
    every = next(x for x in items if x['result'] == 'api-tiny-model-all')
    one = s.get('/api/v1/backtests/api-tiny-model-all')
    assert one['metrics'] and one['period'] and one['test_period'] and not one['in_sample']
    eq = s.get('/api/v1/backtests/api-tiny-model-all/equity')['points']
    dd = s.get('/api/v1/backtests/api-tiny-model-all/drawdown')['points']
    assert len(eq) == len(dd) > 100 and eq[0]['benchmark'] is not None and max(p['value'] for p in dd) <= 0
    tr = s.get('/api/v1/backtests/api-tiny-model-all/trades', params={'limit': 5})
    assert tr['total'] == every['total_trades'] and len(tr['trades']) == min(5, tr['total'])
    # paper replay of the test period, every signal: the backtest's trades, followed bar by bar on /ws/signals
    j = s.post('/api/v1/paper', {'run': 'api-tiny', 'threshold': 0})
    msgs = follow(jobs, j['id'], 600); assert msgs[-1]['status'] == 'done', s.get(f"/api/v1/jobs/{j['id']}")
    p = s.get(f"/api/v1/jobs/{j['id']}")['result']
    bars, alerts, t0 = [], [], time.time()
    while len(bars) < p['summary']['bars'] and time.time() - t0 < 60:
        m = json.loads(sig.recv(timeout=60))
        if m['type'] == 'bar' and m['job'] == j['id']: bars.append(m)
        elif m['type'] == 'alert': alerts.append(m)
    assert len(bars) == p['summary']['bars']
    assert sum(len(b['fills']) for b in bars) == p['summary']['fills']
    assert p['summary']['trades'] == tr['total']                             # paper = backtest, same bars
    assert p['summary']['shadow differences'] == 0
    assert abs(p['summary']['final equity'] - eq[-1]['value']) < 0.01
    sid = p['session']
    pf = s.get('/api/v1/portfolio', params={'session': sid})
    assert pf['equity'] == bars[-1]['portfolio']['equity'] and pf['daily_loss_limit'] == 0.02
    assert s.get('/api/v1/portfolio')['session'] == sid                       # the newest session by default
    assert len(s.get('/api/v1/portfolio/equity', params={'session': sid})['points']) == len(bars)
    assert s.get(f'/api/v1/paper/{sid}')['session'] == sid
    assert sid in {x['session'] for x in s.get('/api/v1/paper')}
    assert s.http.post(f'/api/v1/paper/{sid}/stop').status_code == 404        # not running any more
    # signals
    hist = s.get('/api/v1/signals/history', params={'run': 'api-tiny', 'limit': 10})
    assert hist['total'] == len(bars) * 2 and len(hist['rows']) == 10 and {'direction', 'confidence'} <= set(hist['rows'][0])
    end = r['test_period'][1][:10]
    lat = s.get('/api/v1/signals/latest', params={'run': 'api-tiny', 'now': end})
    assert {x['symbol'] for x in lat['rows']} == {'AAPL', 'MSFT'}
    # alerts: the training's verdict was raised as an alert; acknowledge it
    al = s.get('/api/v1/alerts')
    fin = next(a for a in al if a['rule'] == 'training_finished' and 'api-tiny' in a['message'])
    assert any(a['alert']['id'] == fin['id'] for a in alerts)               # pushed on /ws/signals as it was raised
    ack = s.post(f"/api/v1/alerts/{fin['id']}/ack", code=200); assert ack['acknowledged_at']
    assert fin['id'] not in {a['id'] for a in s.get('/api/v1/alerts', params={'unacknowledged': True})}
    return sid, r


def test_restart(tmp_path):
    "A server killed during a training job, started again: the job is interrupted; finished jobs and results remain."
    data = tmp_path/'data'
    a = Server(data, tmp_path/'a.log')
    try:
        with connect(f'{a.ws}/ws/jobs?token={TOKEN}') as ws:
            json.loads(ws.recv(timeout=30))
            d = a.post('/api/v1/data/downloads', {'symbols': ['AAPL', 'IBM', 'SPY']})
            assert follow(ws, d['id'], 300)[-1]['status'] == 'done'
            t = a.post('/api/v1/training', {'symbols': ['AAPL', 'IBM'], 'epochs': 200, 'patience': 200,
                                            'run_id': 'long'})
            t0 = time.time()
            while True:                                                # wait for its first batches
                m = json.loads(ws.recv(timeout=300))
                if m.get('job') == t['id'] and m.get('event', {}).get('job') in ('epoch', 'train'): break
                assert time.time() - t0 < 300
        worker = [p for p in _children(a.proc.pid)]
        a.kill()
    finally:
        if a.proc.poll() is None: a.kill()
    b = Server(data, tmp_path/'b.log')
    try:
        j = b.get(f"/api/v1/jobs/{t['id']}")
        assert j['status'] == 'interrupted' and 'server stopped' in j['error'], j
        done = b.get(f"/api/v1/jobs/{d['id']}")
        assert done['status'] == 'done' and done['result']['failed'] == []
        assert b.get('/api/v1/data/bars/IBM', params={'limit': 1})['total'] > 1000
        time.sleep(3)
        assert not [p for p in worker if _alive(p)], 'the old worker outlived its server'
        assert b.get('/api/v1/jobs', params={'status': 'running'}) == []
    finally: b.stop()


def _children(pid: int) -> list:
    import psutil
    return [c.pid for c in psutil.Process(pid).children(recursive=True)]


def _alive(pid: int) -> bool:
    import psutil
    try: return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess: return False


def test_schemathesis(server):
    "schemathesis against the served spec, bounded: no 5xx, every reply in its schema, every status code documented."
    import shutil
    exe = shutil.which('schemathesis') or str(Path(sys.executable).parent/'schemathesis')
    r = subprocess.run([exe, 'run', f'{server.url}/openapi.json', '-H', f'Authorization: Bearer {TOKEN}',
                        '--checks', 'not_a_server_error,response_schema_conformance,status_code_conformance',
                        '--max-examples', os.environ.get('TRADENB_FUZZ_EXAMPLES', '5'), '--seed', '1',
                        '--phases', 'examples,coverage,fuzzing', '--max-time', '180', '--request-timeout', '60',
                        # the PUTs (settings): fuzzed keys would land in .env, and max_jobs up to 16 would start 16
                        # trainings at once; both are tested by hand (18b_api.app)
                        '--exclude-method', 'PUT', '--no-color', '--warnings', 'off'],
                       capture_output=True, text=True, timeout=600, cwd=server.data.parent)   # its cache: not here
    for j in server.get('/api/v1/jobs', params={'limit': 1000}):       # what the fuzzing started
        if j['status'] not in FINISHED: server.http.post(f"/api/v1/jobs/{j['id']}/cancel")
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
    assert TOKEN not in server.log.read_text()
