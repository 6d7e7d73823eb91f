// Dashboard: the portfolio card, the equity curve beside buy & hold, live signals, the risk panel.
import { useEffect, useMemo, useState } from 'react'
import { api, unwrap, ApiError } from '../api/client'
import { useLive } from '../stores/live'
import { Alert, Card, Table, fmt } from '../components/ui'
import { LineChart } from '../components/LineChart'
import { SeriesChart } from '../components/LossChart'
import { toSeries } from '../components/charts'

type Portfolio = Awaited<ReturnType<typeof loadPortfolio>>
const loadPortfolio = () => unwrap(api.GET('/api/v1/portfolio', {}))

export function Dashboard() {
  const live = useLive()
  const [pf, setPf] = useState<Portfolio | null>(null)
  const [err, setErr] = useState<string | null>(null)
  const [bt, setBt] = useState<{ name: string; eq: { time: string; value: number | null; benchmark?: number | null }[];
                                  m: Record<string, unknown>; ret: number | null } | null | undefined>(undefined)   // undefined: loading
  const latest = live.bars.at(-1)
  useEffect(() => {
    loadPortfolio().then(setPf, (e: ApiError) => setErr(e.status === 404 ? null : e.message))
  }, [latest?.session])
  useEffect(() => {
    (async () => {
      const items = await unwrap(api.GET('/api/v1/backtests', {}))
      const it = items.find((x) => x.result.endsWith('-model-all')) ?? items[0]
      if (!it) { setBt(null); return }
      const [r, e] = await Promise.all([
        unwrap(api.GET('/api/v1/backtests/{result}', { params: { path: { result: it.result } } })),
        unwrap(api.GET('/api/v1/backtests/{result}/equity', { params: { path: { result: it.result } } })),
      ])
      setBt({ name: r.name, eq: e.points, m: r.metrics, ret: r.total_return })
    })().catch((e: ApiError) => { setErr(e.message); setBt(null) })
  }, [])
  const series = useMemo(() => bt ? [
    { name: bt.name, color: '#1f6feb', data: toSeries(bt.eq) },
    { name: 'buy & hold', color: '#8b949e', data: toSeries(bt.eq.map((p) => ({ time: p.time, value: p.benchmark ?? null }))) },
  ] : [], [bt])
  const book = latest?.portfolio ?? (pf as Record<string, unknown> | null)
  const risk = useMemo(() => {
    const b = live.bars.filter((x) => x.session === latest?.session)
    return { x: b.map((x) => Date.parse(x.time) / 1000),
             series: [{ label: 'drawdown', color: '#cf222e', values: b.map((x) => (x.portfolio?.drawdown as number) ?? null) },
                      { label: 'VaR 95%', color: '#9a6700', values: b.map((x) => (x.portfolio?.var95 as number) ?? null) }] }
  }, [live.bars, latest?.session])
  return (
    <div className="grid">
      {err && <Alert>{err}</Alert>}
      <Card title="Portfolio">
        {book ? (
          <dl className="figures">
            <dt>Equity</dt><dd>{fmt(book.equity as number, 2)}</dd>
            <dt>Daily P&amp;L</dt><dd>{fmt(book.daily_pnl as number, 2)}</dd>
            <dt>Drawdown</dt><dd>{fmt(book.drawdown as number)}</dd>
            <dt>Exposure</dt><dd>{fmt(book.exposure as number)}</dd>
            {bt && <><dt>Backtest return</dt><dd>{fmt(bt.ret, 4)}</dd><dt>Backtest Sharpe</dt><dd>{fmt(bt.m.sharpe_ratio as number, 2)} [{fmt(bt.m.sharpe_ci_low as number, 2)},
              {' '}{fmt(bt.m.sharpe_ci_high as number, 2)}]</dd>
              <dt>Backtest max drawdown</dt><dd>{fmt(bt.m.max_drawdown as number)}</dd></>}
          </dl>
        ) : <p className="empty">No paper session yet: start one from the Backtest page.</p>}
      </Card>
      <Card title="Equity beside buy &amp; hold">
        {bt === undefined ? <p role="status" className="empty">Loading…</p> : bt ?
          <LineChart series={series} label={`equity of ${bt.name} beside buy and hold`} /> : <p className="empty">No backtest yet.</p>}
      </Card>
      <Card title="Live signals">
        <Table caption="newest bar first" empty="Waiting for a paper session's bars…"
          rows={[...live.bars].reverse().slice(0, 20).flatMap((b) => b.signals.map((s) => ({ time: b.time.slice(0, 10), ...s })))}
          columns={[{ key: 'time', label: 'Bar' }, { key: 'symbol', label: 'Symbol' },
                    { key: 'direction', label: 'Direction', render: (r) => ['down', 'neutral', 'up'][Number(r.direction) + 1] },
                    { key: 'confidence', label: 'Confidence', numeric: true }]} />
      </Card>
      <Card title="Risk">
        {pf ? <>
          <p>Daily loss vs limit: {fmt(pf.daily_pnl_vs_limit, 3)} (−1 is the limit) · VaR 95%: {fmt(pf.var95)}</p>
          <Table rows={pf.positions as unknown as Record<string, unknown>[]} empty="No open positions"
            columns={[{ key: 'symbol', label: 'Symbol' }, { key: 'qty', label: 'Qty', numeric: true },
                      { key: 'avg_price', label: 'Avg price', numeric: true }, { key: 'last_price', label: 'Last', numeric: true },
                      { key: 'unrealised', label: 'Unrealised', numeric: true }]} />
        </> : <p className="empty">No book yet.</p>}
        {risk.x.length > 1 && <SeriesChart label="drawdown and VaR 95% of the live session, per bar" xLabel="bar"
          yLabel="fraction of equity" time x={risk.x} series={risk.series} height={160} />}
      </Card>
    </div>
  )
}
