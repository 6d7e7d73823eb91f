// Backtest: a form (run, dates defaulting to the run's test period, capital, costs), the results beside buy & hold with
// the Sharpe interval, the equity and drawdown charts, the trades with paging; and a paper replay followed live.
import { useMemo, useState } from 'react'
import { api, unwrap } from '../api/client'
import { Alert, Button, Card, Input, Loaded, Select, Table, fmt } from '../components/ui'
import { useDraft, useLoad } from '../components/hooks'
import { JobProgress } from '../components/JobProgress'
import { LineChart } from '../components/LineChart'
import { toSeries, tradeMarkers } from '../components/charts'
import { Candles } from '../components/Candles'
import { useJobs, useLive } from '../stores/live'
import { DEFAULTS } from '../api/defaults'

const PAGE = 50

export function Backtest() {
  const runs = useLoad(() => unwrap(api.GET('/api/v1/runs', {})))
  const [f, setF] = useDraft('backtest', { run: '', start: '', end: '', capital: DEFAULTS.BacktestIn.capital,
                                           threshold: DEFAULTS.PaperIn.threshold,
                                           commission_pct: 100 * DEFAULTS.BacktestIn.commission,
                                           slippage_bps: DEFAULTS.BacktestIn.slippage_bps })
  const run = f.run || runs.data?.[0]?.run_id || ''
  const meta = runs.data?.find((r) => r.run_id === run)
  const [job, setJob] = useState<string | null>(null)
  const [paperJob, setPaperJob] = useState<string | null>(null)
  const [err, setErr] = useState<string | null>(null)
  const done = useJobs((s) => (job ? s.jobs[job]?.status : undefined))
  const items = useLoad(async () => run ? unwrap(api.GET('/api/v1/backtests', { params: { query: { run_id: run } } })) : [], [run, done])
  const [res, setRes] = useState('')
  const result = res || items.data?.find((x) => x.result.endsWith('-model-all'))?.result || ''
  const one = useLoad(async () => result ? unwrap(api.GET('/api/v1/backtests/{result}', { params: { path: { result } } })) : null, [result])
  const eq = useLoad(async () => result ? unwrap(api.GET('/api/v1/backtests/{result}/equity', { params: { path: { result } } })) : null, [result])
  const dd = useLoad(async () => result ? unwrap(api.GET('/api/v1/backtests/{result}/drawdown', { params: { path: { result } } })) : null, [result])
  const [page, setPage] = useState(0)
  const trades = useLoad(async () => result ? unwrap(api.GET('/api/v1/backtests/{result}/trades', {
    params: { path: { result }, query: { offset: page * PAGE, limit: PAGE } } })) : null, [result, page])
  const [sym, setSym] = useState('')
  const symbol = sym || meta?.symbols?.[0] || ''
  const period = one.data?.period ?? []
  const px = useLoad(async () => symbol && period.length ? unwrap(api.GET('/api/v1/data/bars/{symbol}', { params: {
    path: { symbol }, query: { start: period[0].slice(0, 10), end: period[1].slice(0, 10), limit: 10000 } } })) : null, [symbol, period.join()])
  const allTrades = useLoad(async () => result ? unwrap(api.GET('/api/v1/backtests/{result}/trades', {
    params: { path: { result }, query: { limit: 10000 } } })) : null, [result])
  const candles = useMemo(() => (px.data?.bars ?? []).filter((b) => b.close !== null).map((b) => ({
    time: Math.floor(Date.parse(b.time) / 1000), open: b.open!, high: b.high!, low: b.low!, close: b.close! })), [px.data])
  const markers = useMemo(() => tradeMarkers((allTrades.data?.trades ?? []) as Record<string, unknown>[], symbol), [allTrades.data, symbol])
  const eqSeries = useMemo(() => eq.data ? [
    { name: 'strategy', color: '#1f6feb', data: toSeries(eq.data.points) },
    { name: 'buy & hold', color: '#8b949e', data: toSeries(eq.data.points.map((p) => ({ time: p.time, value: p.benchmark ?? null }))) }] : [], [eq.data])
  const ddSeries = useMemo(() => dd.data ? [{ name: 'drawdown', color: '#cf222e', data: toSeries(dd.data.points) }] : [], [dd.data])
  const allBars = useLive((s) => s.bars)                 // a stable reference: filtered below, not in the selector
  const bars = useMemo(() => allBars.filter((b) => b.job === paperJob), [allBars, paperJob])
  const start = async (paper: boolean) => {
    setErr(null)
    const body = { run, start: f.start || null, end: f.end || null, capital: Number(f.capital),
                   commission: Number(f.commission_pct) / 100, slippage_bps: Number(f.slippage_bps) }
    try {
      if (paper) setPaperJob((await unwrap(api.POST('/api/v1/paper', { body: { ...body, threshold: Number(f.threshold) } }))).id)
      else setJob((await unwrap(api.POST('/api/v1/backtests', { body }))).id)
    } catch (e) { setErr((e as Error).message) }
  }
  return (
    <div className="grid">
      <Card title="Backtest a run">
        <form onSubmit={(e) => { e.preventDefault(); start(false) }}>
          <Select label="Run" value={run} onChange={(e) => setF({ ...f, run: e.target.value })}
                  options={(runs.data ?? []).map((r) => r.run_id)} />
          <Input label={`Start (default: the test period, from ${meta?.test_period?.[0]?.slice(0, 10) ?? '…'})`} type="date"
                 value={f.start} onChange={(e) => setF({ ...f, start: e.target.value })} />
          <Input label={`End (default: ${meta?.test_period?.[1]?.slice(0, 10) ?? '…'})`} type="date" value={f.end}
                 onChange={(e) => setF({ ...f, end: e.target.value })} />
          <Input label="Capital" type="number" min={1} value={f.capital} onChange={(e) => setF({ ...f, capital: Number(e.target.value) })} />
          <div className="row">
            <Input label="Commission (% of each trade)" type="number" min={0} max={10} step="any" value={f.commission_pct}
                   onChange={(e) => setF({ ...f, commission_pct: Number(e.target.value) })} />
            <Input label="Slippage (basis points)" type="number" min={0} max={1000} step="any" value={f.slippage_bps}
                   onChange={(e) => setF({ ...f, slippage_bps: Number(e.target.value) })} />
          </div>
          <Input label="Paper: confidence threshold (0: every signal)" type="number" min={0} max={1} step={0.05}
                 value={f.threshold} onChange={(e) => setF({ ...f, threshold: Number(e.target.value) })} />
          <Button type="submit" disabled={!run}>Backtest</Button>
          <Button type="button" disabled={!run} onClick={() => start(true)}>Paper replay</Button>
        </form>
        {err && <Alert>{err}</Alert>}
        <JobProgress id={job} /><JobProgress id={paperJob} />
      </Card>
      <Card title="Results beside the benchmarks">
        {runs.error ? <Alert>{runs.error}</Alert> : <Loaded q={items}>{(data) =>
          <Table rows={(data ?? []) as unknown as Record<string, unknown>[]} empty="No backtest of this run yet."
            columns={[{ key: 'name', label: 'Strategy', render: (r) =>
                        <button type="button" className="link" onClick={() => { setRes(String(r.result)); setPage(0) }}>{String(r.name)}</button> },
                      { key: 'total_return', label: 'Return', numeric: true }, { key: 'sharpe_ratio', label: 'Sharpe', numeric: true },
                      { key: 'sharpe_ci', label: 'Sharpe 95% interval', render: (r) => r.sharpe_ci_low == null ? '—' :
                        `[${fmt(r.sharpe_ci_low, 2)}, ${fmt(r.sharpe_ci_high, 2)}]` },
                      { key: 'max_drawdown', label: 'Max DD', numeric: true }, { key: 'total_trades', label: 'Trades', numeric: true }]} />}</Loaded>}
      </Card>
      <Card title="Equity">{one.data && <p className="note" data-testid="result-costs">{one.data.name}: {one.data.period.map((t) =>
          t.slice(0, 10)).join(' → ')}{one.data.in_sample ? ' (in-sample)' : ' (the test period)'}; commission
          {' '}{fmt(100 * Number(one.data.config.commission), 3)}%, slippage {fmt(Number(one.data.config.slippage_bps), 1)} bps</p>}
        {eqSeries.length ? <LineChart series={eqSeries} label="equity beside buy and hold" /> : <p className="empty">—</p>}</Card>
      <Card title="Drawdown">{ddSeries.length ? <LineChart series={ddSeries} label="drawdown" height={180} /> : <p className="empty">—</p>}</Card>
      <Card title="Prices and trades" actions={<Select label="Symbol" value={symbol} onChange={(e) => setSym(e.target.value)}
                                                      options={meta?.symbols ?? []} />}>
        {px.error ? <Alert>{px.error}</Alert> : candles.length ?
          <Candles data={candles} markers={markers} label={`${symbol} prices with the trades of ${one.data?.name ?? 'the result'}`} /> :
          <p className="empty">—</p>}
      </Card>
      <Card title={`Trades${trades.data ? ` (${trades.data.total})` : ''}`}>
        {trades.error ? <Alert>{trades.error}</Alert> : <>
          <Table rows={(trades.data?.trades ?? []) as Record<string, unknown>[]} empty="No trades."
            columns={['symbol', 'entry_time', 'exit_time', 'side', 'qty', 'entry_price', 'exit_price', 'pnl'].map((k) =>
              ({ key: k, label: k.replace('_', ' '), numeric: ['qty', 'entry_price', 'exit_price', 'pnl'].includes(k),
                 render: (r: Record<string, unknown>) => k.endsWith('time') ? String(r[k] ?? '').slice(0, 10) : fmt(r[k], 2) }))} />
          <Button disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</Button>
          <Button disabled={!trades.data || (page + 1) * PAGE >= trades.data.total} onClick={() => setPage(page + 1)}>Next</Button>
        </>}
      </Card>
      {paperJob && <Card title="Paper replay, live">
        <p role="status" data-bars={bars.length} data-latencies-ms={bars.map((b) => Math.round(1000 * (b.received - (b.ts ?? b.received)))).join(',')}>{bars.length} bars received{bars.length ? `; equity ${fmt(bars.at(-1)!.portfolio.equity, 2)}` : ''}</p>
        <Table rows={bars.slice(-10).reverse().map((b) => ({ time: b.time.slice(0, 10), fills: b.fills.length,
                    signals: b.signals.map((s) => `${s.symbol} ${['↓', '·', '↑'][s.direction + 1]}`).join(' ') }))}
          columns={[{ key: 'time', label: 'Bar' }, { key: 'signals', label: 'Signals' }, { key: 'fills', label: 'Fills', numeric: true }]} />
      </Card>}
    </div>
  )
}
