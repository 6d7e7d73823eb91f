// DataManager: download form, live progress with ETA, the quality table, a candlestick view of a stored symbol.
import { useMemo, useState } from 'react'
import { api, unwrap } from '../api/client'
import { Alert, Button, Card, Input, Select, Table, fmt } from '../components/ui'
import { useDraft, useLoad } from '../components/hooks'
import { JobProgress } from '../components/JobProgress'
import { Candles } from '../components/Candles'
import { useJobs } from '../stores/live'
import { DEFAULTS } from '../api/defaults'

export function Data() {
  const [f, setF] = useDraft('download', { source: DEFAULTS.DownloadIn.source, universe: DEFAULTS.DownloadIn.universe,
                                            symbols: '', start: '', end: '' })
  const [job, setJob] = useState<string | null>(null)
  const [err, setErr] = useState<string | null>(null)
  const finished = useJobs((s) => (job ? s.jobs[job]?.status === 'done' : false))
  const q = useLoad(() => unwrap(api.GET('/api/v1/data/quality', {})), [finished])
  const [sym, setSym] = useState('')
  const bars = useLoad(async () => sym ? unwrap(api.GET('/api/v1/data/bars/{symbol}', {
    params: { path: { symbol: sym }, query: { limit: 10000, offset: 0 } } })) : null, [sym])
  const candles = useMemo(() => (bars.data?.bars ?? []).filter((b) => b.close !== null).map((b) => ({
    time: Math.floor(Date.parse(b.time) / 1000), open: b.open!, high: b.high!, low: b.low!, close: b.close! })), [bars.data])
  const start = async () => {
    setErr(null)
    const symbols = f.symbols.split(',').map((s) => s.trim()).filter(Boolean)
    try {
      const j = await unwrap(api.POST('/api/v1/data/downloads', { body: {
        source: f.source as 'sample', universe: f.universe as 'small', symbols: symbols.length ? symbols : null,
        start: f.start || null, end: f.end || null } }))
      setJob(j.id)
    } catch (e) { setErr((e as Error).message) }
  }
  const rows = (q.data?.rows ?? []) as Record<string, unknown>[]
  return (
    <div className="grid">
      <Card title="Download">
        <form onSubmit={(e) => { e.preventDefault(); start() }}>
          <Select label="Source" value={f.source} onChange={(e) => setF({ ...f, source: e.target.value })}
                  options={['sample', 'yfinance', 'alpaca', 'binance']} />
          <Select label="Universe" value={f.universe} onChange={(e) => setF({ ...f, universe: e.target.value })}
                  options={['small', 'medium', 'large']} />
          <Input label="Symbols (comma-separated, instead of the universe)" value={f.symbols}
                 onChange={(e) => setF({ ...f, symbols: e.target.value })} />
          <Input label="Start" type="date" value={f.start} onChange={(e) => setF({ ...f, start: e.target.value })} />
          <Input label="End" type="date" value={f.end} onChange={(e) => setF({ ...f, end: e.target.value })} />
          <Button type="submit">Download</Button>
        </form>
        {err && <Alert>{err}</Alert>}
        <JobProgress id={job} />
      </Card>
      <Card title="Data quality">
        {q.error ? <Alert>{q.error}</Alert> : q.loading && !q.data ? <p role="status">Loading…</p> :
          <Table rows={rows.filter((r) => r.symbol !== 'TOTAL')} empty="Nothing stored yet: download some data."
            columns={[{ key: 'symbol', label: 'Symbol', render: (r) =>
                        <button type="button" className="link" onClick={() => setSym(String(r.symbol))}>{String(r.symbol)}</button> },
                      { key: 'interval', label: 'Interval' }, { key: 'start', label: 'Start', render: (r) => String(r.start).slice(0, 10) },
                      { key: 'end', label: 'End', render: (r) => String(r.end).slice(0, 10) },
                      { key: 'records', label: 'Bars', numeric: true },
                      { key: 'missing_pct', label: 'Missing %', numeric: true, render: (r) => fmt(r.missing_pct as number, 2) },
                      { key: 'outliers', label: 'Outliers', numeric: true }]} />}
      </Card>
      <Card title={sym ? `${sym} (daily)` : 'Prices'}>
        {!sym ? <p className="empty">Pick a symbol in the quality table.</p> : bars.error ? <Alert>{bars.error}</Alert> :
          <Candles data={candles} label={`${sym} daily candlesticks`} />}
      </Card>
    </div>
  )
}
