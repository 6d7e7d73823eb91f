import { describe, expect, it, beforeEach } from 'vitest'
import { useJobs, useLive, MAX_BARS } from './live'

describe('jobs store', () => {
  beforeEach(() => useJobs.setState({ jobs: {} }))
  it('replaces everything with a snapshot, then follows events and status changes', () => {
    const { apply } = useJobs.getState()
    apply({ type: 'snapshot', jobs: [{ id: 'a', kind: 'train', status: 'running', progress: {}, epochs: [] }] })
    apply({ type: 'job', job: 'a', kind: 'train', event: { job: 'train', stage: 'epoch', done: 1, val_loss: 1.1 } })
    apply({ type: 'job', job: 'a', kind: 'train', event: { job: 'epoch', stage: 'batch', done: 3 } })
    let a = useJobs.getState().jobs.a
    expect(a.epochs).toHaveLength(1)
    expect(a.progress).toEqual({ job: 'epoch', stage: 'batch', done: 3 })
    apply({ type: 'job', job: 'a', status: 'done', job_row: { id: 'a', kind: 'train', status: 'done', progress: {}, epochs: [{}] } })
    a = useJobs.getState().jobs.a
    expect(a.status).toBe('done')
    apply({ type: 'snapshot', jobs: [] })
    expect(useJobs.getState().jobs).toEqual({})
  })
})

describe('live store', () => {
  beforeEach(() => useLive.setState({ bars: [], alerts: [], portfolio: null }))
  it('keeps the newest bars, newest alerts first, and the snapshot book', () => {
    const { apply } = useLive.getState()
    apply({ type: 'snapshot', portfolio: { equity: 1 }, alerts: [{ id: 1 }], bars: [] }, 10)
    for (let k = 0; k < MAX_BARS + 5; k++) apply({ type: 'bar', job: 'j', time: String(k), ts: 1 }, 2)
    apply({ type: 'alert', alert: { id: 2 } })
    const s = useLive.getState()
    expect(s.bars).toHaveLength(MAX_BARS)
    expect(s.bars[0].time).toBe('5')
    expect(s.bars.at(-1)?.received).toBe(2)
    expect(s.alerts.map((a) => a.id)).toEqual([2, 1])
    expect(s.portfolio).toEqual({ equity: 1 })
  })
})
