import { describe, expect, it, beforeEach } from 'vitest'
import { useJobs, useLive, MAX_BARS, type JobRow, type AlertRow, type SignalsMessage } from './live'

const job = (id: string, status: string, epochs: JobRow['epochs'] = []): JobRow => ({
  id, kind: 'train', status, params: {}, progress: {}, result: null, error: null, epochs, created_at: null,
  started_at: null, ended_at: null })
const alert = (id: number): AlertRow => ({ id, time: '2012-06-14T00:00:00+00:00', rule: 'var_breach', severity: 'warning',
  message: 'VaR', session_id: null, delivered: [], acknowledged_at: null })
const bar = (k: number): SignalsMessage => ({ type: 'bar', job: 'j', session: 's', time: String(k), signals: [], orders: [],
  fills: [], portfolio: { equity: 1, cash: 1, exposure: 0, open_positions: 0, daily_pnl: 0, drawdown: 0, var95: null }, ts: 1 })

describe('jobs store', () => {
  beforeEach(() => useJobs.setState({ jobs: {} }))
  it('replaces everything with a snapshot, then follows events and status changes', () => {
    const { apply } = useJobs.getState()
    apply({ type: 'snapshot', jobs: [job('a', 'running')] })
    apply({ type: 'job', job: 'a', kind: 'train', event: { job: 'train', stage: 'epoch', done: 1, val_loss: 1.1 } })
    apply({ type: 'job', job: 'a', kind: 'train', event: { job: 'epoch', stage: 'batch', done: 3 } })
    let a = useJobs.getState().jobs.a
    expect(a.epochs).toHaveLength(1)
    expect(a.progress).toEqual({ job: 'epoch', stage: 'batch', done: 3 })
    apply({ type: 'job', job: 'a', status: 'done', job_row: job('a', 'done', [{}]) })
    a = useJobs.getState().jobs.a
    expect(a.status).toBe('done')
    apply({ type: 'job', job: 'b', kind: 'download', event: { job: 'download', stage: 'start', done: 0, total: 3 } })
    expect(useJobs.getState().jobs.b.kind).toBe('download')                  // an event before any snapshot row
    apply({ type: 'snapshot', jobs: [] })
    expect(useJobs.getState().jobs).toEqual({})
  })
})

describe('live store', () => {
  beforeEach(() => useLive.setState({ bars: [], alerts: [], portfolio: null }))
  it('keeps the newest bars, newest alerts first, and the snapshot book', () => {
    const { apply } = useLive.getState()
    apply({ type: 'snapshot', portfolio: null, alerts: [alert(1)], bars: [] }, 10)
    for (let k = 0; k < MAX_BARS + 5; k++) apply(bar(k), 2)
    apply({ type: 'alert', alert: alert(2) })
    apply({ type: 'session', job: 'j', status: 'done' })
    const s = useLive.getState()
    expect(s.bars).toHaveLength(MAX_BARS)
    expect(s.bars[0].time).toBe('5')
    expect(s.bars.at(-1)?.received).toBe(2)
    expect(s.alerts.map((a) => a.id)).toEqual([2, 1])
    expect(s.portfolio).toBeNull()
  })
})
