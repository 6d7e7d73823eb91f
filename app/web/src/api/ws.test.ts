import { describe, expect, it, vi } from 'vitest'
import { backoffDelay, follow, BACKOFF } from './ws'

describe('backoff', () => {
  it('doubles from 0.5 s to 30 s, within the jitter', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, BACKOFF, () => 0.5))).toEqual([500, 1000, 2000, 4000])
    expect(backoffDelay(20, BACKOFF, () => 0.5)).toBe(30_000)
    expect(backoffDelay(0, BACKOFF, () => 0)).toBe(400)
    expect(backoffDelay(0, BACKOFF, () => 1)).toBe(600)
  })
})

class FakeWS {
  static made: FakeWS[] = []
  onopen: (() => void) | null = null
  onmessage: ((e: { data: string }) => void) | null = null
  onclose: ((e: { code: number }) => void) | null = null
  constructor(public url: string) { FakeWS.made.push(this) }
  close() { this.onclose?.({ code: 1000 }) }
}

describe('follow', () => {
  it('reconnects after a drop, not after a bad token; passes the token as ?token=', () => {
    vi.useFakeTimers()
    FakeWS.made = []
    const got: unknown[] = [], st: string[] = []
    const s = follow<unknown>('/ws/jobs', 't o', (m) => got.push(m), (x) => st.push(x), (u) => new FakeWS(u) as unknown as WebSocket,
                     { first: 100, max: 1000, jitter: 0 })
    expect(FakeWS.made[0].url).toMatch(/\/ws\/jobs\?token=t%20o$/)
    FakeWS.made[0].onopen?.()
    FakeWS.made[0].onmessage?.({ data: '{"type":"snapshot"}' })
    FakeWS.made[0].onclose?.({ code: 1006 })
    vi.advanceTimersByTime(99); expect(FakeWS.made).toHaveLength(1)
    vi.advanceTimersByTime(1); expect(FakeWS.made).toHaveLength(2)
    FakeWS.made[1].onclose?.({ code: 1008 })
    vi.advanceTimersByTime(5000); expect(FakeWS.made).toHaveLength(2)
    expect(st).toEqual(['connecting', 'open', 'closed', 'connecting', 'unauthorized'])
    expect(got).toEqual([{ type: 'snapshot' }])
    s.close()
    vi.useRealTimers()
  })
})
