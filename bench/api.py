#!/usr/bin/env python
"""The service's latency on loopback: REST at a fixed request rate, and a bar's signals fanned out to WebSocket clients.

Setup: a `tiny` run trained 1 epoch on the embedded AAPL and MSFT (against SPY), backtested and paper-replayed through
the library, then `tradenb serve` (uvicorn, one process) on a free 127.0.0.1 port over that data folder.

1. REST: an open-loop load of R requests/s for D seconds on each endpoint, one after the other — `GET /api/v1/portfolio`
   (the newest session's book: app.db + the store) and `GET /api/v1/backtests/RUN-model-all` (a saved result) — beside
   `GET /api/v1/health` (no work: the framework's floor) measured the same way. Latency counts from the moment a
   request was due (a slow reply delays no later request's clock), so queueing shows.
2. WebSockets: C clients on /ws/signals, spread over 4 client processes. Each bar event is stamped (`ts`) in the
   paper job's worker when the bar's signals, fills and book are ready; each client records its arrival time.
   Bar → client: p50 / p95 / p99 over every (bar, client) pair, in two regimes:
   - paced: 10 paper replays of 5 bars each, one after the other — new bars arriving a few seconds apart, as a live
     session's do (the target applies here);
   - burst: one replay of the whole test period at full speed (hundreds of bars a second, far above any live rate):
     what a client sees when a backlog is pushed at once.
Targets (issue 17): p99 ≤ 20 ms at 200 requests/s; p95 ≤ 250 ms from a bar to 100 clients.

    python bench/api.py [--rate 200] [--seconds 10] [--clients 100]
"""
import argparse, asyncio, json, multiprocessing as mp, os, signal, socket, subprocess, sys, tempfile, time, warnings
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
warnings.filterwarnings('ignore')
TOKEN = 'bench-token-0123456789abcdef'
H = {'Authorization': f'Bearer {TOKEN}'}


def setup(root: Path):
    from tradenb.data.store import Store
    from tradenb.data.download import download
    from tradenb.training import TrainConfig
    from tradenb import pipeline
    st = Store(root); download(['AAPL', 'MSFT', 'SPY'], store=st)
    tr = pipeline.train(['AAPL', 'MSFT'], 'SPY', st, cfg=TrainConfig(epochs=1, batch_size=256), run_id='bench',
                        n_boot=10, importance=0)
    pipeline.backtest_run(tr.run, st)
    from tradenb.backtest.engine import BacktestConfig
    ps = pipeline.paper(tr.run, st, cfg=BacktestConfig(confidence_threshold=0.0))
    return ps


async def load(url: str, path: str, rate: float, seconds: float) -> np.ndarray:
    "Open-loop: request i is due at t0 + i / rate; its latency counts from then."
    import httpx
    lat = []
    async with httpx.AsyncClient(base_url=url, headers=H, limits=httpx.Limits(max_connections=64)) as c:
        await c.get(path)                                                    # warm the connection and the caches
        n, t0 = int(rate * seconds), time.perf_counter() + 0.05
        async def one(i):
            due = t0 + i / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            try: r = await c.get(path)
            except httpx.TransportError as e:
                raise RuntimeError(f'{path}: request {i} of {n} failed at {time.perf_counter() - t0:.2f} s: {e!r} '
                                   f'{e.__cause__!r}') from None
            assert r.status_code == 200, (path, r.status_code, r.text[:200])
            lat.append(time.perf_counter() - due)
        await asyncio.gather(*(one(i) for i in range(n)))
    return np.array(lat) * 1e3


def load_proc(url: str, path: str, rate: float, seconds: float, q):
    "`load` in a fresh process (spawned: not a copy of the heavy setup process, whose collector would stall it)."
    q.put(asyncio.run(load(url, path, rate, seconds)))


def run_load(*args) -> np.ndarray:
    q = CTX.Queue(); p = CTX.Process(target=load_proc, args=(*args, q)); p.start()
    out = q.get(timeout=600); p.join(); return out


CTX = mp.get_context('spawn')


def ws_clients(url: str, n: int, expect: int, q):
    "n clients in one process: each records (job, now − ts) for every bar message, until it has `expect` of them."
    import websockets
    async def client(out):
        async with websockets.connect(f'{url}/ws/signals?token={TOKEN}', max_size=None) as ws:
            json.loads(await ws.recv())                                      # the snapshot
            out.append('ready')
            while len(out) - 1 < expect:
                m = json.loads(await ws.recv())
                if m.get('type') == 'bar': out.append((m['job'], time.time() - m['ts']))
    async def main():
        outs = [[] for _ in range(n)]
        tasks = [asyncio.create_task(client(o)) for o in outs]
        while sum(o[:1] == ['ready'] for o in outs) < n: await asyncio.sleep(0.05)
        q.put(('ready', n))
        await asyncio.wait_for(asyncio.gather(*tasks), 600)
        q.put(('done', [x for o in outs for x in o if x != 'ready']))
    asyncio.run(main())


def pct(a, *ps): return [float(np.percentile(a, p)) for p in ps]


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--rate', type=float, default=200); ap.add_argument('--seconds', type=float, default=10)
    ap.add_argument('--clients', type=int, default=100)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp()); root = tmp/'data'
    ps = setup(root)
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]
    env = {**os.environ, 'TRADENB_API_TOKEN': TOKEN, 'OMP_NUM_THREADS': '1'}
    srv = subprocess.Popen([sys.executable, '-c', 'import sys; from tradenb.cli import main; sys.exit(main())',
                            '--data-dir', str(root), 'serve', '--port', str(port), '--log-level', os.environ.get('BENCH_LOG', 'warning')],
                           env=env, cwd=tmp, stdout=open(tmp/'server.log', 'w'), stderr=subprocess.STDOUT)
    url = f'http://127.0.0.1:{port}'
    import httpx
    for _ in range(300):
        try:
            if httpx.get(url + '/api/v1/health').status_code == 200: break
        except httpx.TransportError: time.sleep(0.1)
    try:
        print(f'tradenb service on {url}: {a.rate:g} requests/s for {a.seconds:g} s per endpoint (open loop), '
              f'{os.cpu_count()} CPUs')
        run_load(url, '/api/v1/health', a.rate, 3)                          # warm up the server (discarded)
        rows = {}
        for name, path in [('health (floor)', '/api/v1/health'), ('portfolio', '/api/v1/portfolio'),
                           ('backtest result', '/api/v1/backtests/bench-model-all')]:
            lat = run_load(url, path, a.rate, a.seconds)
            rows[name] = pct(lat, 50, 99) + [lat.max()]
        base = rows['health (floor)']
        print(f"{'endpoint':18s} {'p50 ms':>8s} {'p99 ms':>8s} {'max ms':>8s} {'p99 / floor':>12s}")
        for k, (p50, p99, mx) in rows.items():
            print(f'{k:18s} {p50:8.2f} {p99:8.2f} {mx:8.2f} {p99 / base[1]:12.2f}')
        # WebSockets: C clients, then paper replays whose bars they all receive
        days = ps.result.equity.index
        windows = [(days[k].date(), days[k + 4].date()) for k in range(0, 50, 5)]
        bars = int(ps.summary()['bars'])
        q, procs, per = CTX.Queue(), [], [a.clients // 4 + (k < a.clients % 4) for k in range(4)]
        for n in per:
            if n:
                procs.append(CTX.Process(target=ws_clients, args=(url.replace('http', 'ws'), n, 50 + bars, q)))
                procs[-1].start()
        ready = 0
        while ready < a.clients: ready += q.get(timeout=120)[1]
        def job(**kw):
            r = httpx.post(url + '/api/v1/paper', headers=H, json={'run': 'bench', 'threshold': 0, **kw})
            assert r.status_code == 202, r.text
            jid = r.json()['id']
            while httpx.get(f'{url}/api/v1/jobs/{jid}', headers=H).json()['status'] not in ('done', 'error'):
                time.sleep(0.2)
            return jid
        paced = {job(start=str(s), end=str(e), session=f'bench-{s}') for s, e in windows}
        burst = job(session='bench-burst')
        got = []
        for _ in procs: got += q.get(timeout=600)[1]
        for p in procs: p.join()
        print(f"\n{'bar → clients':30s} {'deliveries':>10s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'max ms':>8s}")
        p95s = {}
        for name, ids in [(f'paced (10 × 5 bars)', paced), (f'burst ({bars} bars at once)', {burst})]:
            lat = np.array([l for j, l in got if j in ids]) * 1e3
            p50, p95s[name], p99 = pct(lat, 50, 95, 99)
            print(f'{name:30s} {len(lat):10d} {p50:8.1f} {p95s[name]:8.1f} {p99:8.1f} {lat.max():8.1f}')
        pp = p95s['paced (10 × 5 bars)']
        print(f"targets: REST p99 ≤ 20 ms at {a.rate:g}/s — portfolio {'met' if rows['portfolio'][1] <= 20 else 'MISSED'}, "
              f"backtest result {'met' if rows['backtest result'][1] <= 20 else 'MISSED'}; "
              f"bar → {a.clients} clients p95 ≤ 250 ms (paced) — {'met' if pp <= 250 else 'MISSED'}")
    finally:
        srv.send_signal(signal.SIGINT); srv.wait(30)
