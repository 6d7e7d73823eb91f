// What the two WebSockets say, as Zustand stores: jobs (from /ws/jobs) and the live book (from /ws/signals).
import { create } from 'zustand'

export interface JobRow {
  id: string
  kind: string
  status: string
  progress: Record<string, unknown>
  epochs: Record<string, unknown>[]
  result?: Record<string, unknown> | null
  error?: string | null
  [k: string]: unknown
}

export interface JobsState {
  jobs: Record<string, JobRow>
  apply(m: Record<string, unknown>): void
}

/** A job message applied to the jobs: a snapshot replaces them, a status change replaces one row, an event updates its
 * progress (and, for a training epoch, appends it). */
export const useJobs = create<JobsState>((set) => ({
  jobs: {},
  apply: (m) =>
    set((s) => {
      if (m.type === 'snapshot') {
        const jobs: Record<string, JobRow> = {}
        for (const j of (m.jobs as JobRow[]) ?? []) jobs[j.id] = j
        return { jobs }
      }
      if (m.type !== 'job') return s
      const id = m.job as string
      if (m.job_row) return { jobs: { ...s.jobs, [id]: m.job_row as JobRow } }
      const ev = m.event as Record<string, unknown> | undefined
      const old = s.jobs[id] ?? { id, kind: String(m.kind ?? ''), status: 'running', progress: {}, epochs: [] }
      if (!ev) return s
      const epochs = ev.job === 'train' && ev.stage === 'epoch' ? [...old.epochs, ev] : old.epochs
      return { jobs: { ...s.jobs, [id]: { ...old, progress: ev, epochs } } }
    }),
}))

export interface Bar {
  job: string
  session: string
  time: string
  signals: { symbol: string; direction: number; confidence: number | null }[]
  fills: { symbol: string; qty: number; price: number }[]
  portfolio: Record<string, number | null>
  ts: number
  received: number
}

export interface LiveState {
  bars: Bar[]
  alerts: Record<string, unknown>[]
  portfolio: Record<string, unknown> | null
  apply(m: Record<string, unknown>, now?: number): void
}

export const MAX_BARS = 500

export const useLive = create<LiveState>((set) => ({
  bars: [],
  alerts: [],
  portfolio: null,
  apply: (m, now = Date.now() / 1000) =>
    set((s) => {
      if (m.type === 'snapshot')
        return {
          portfolio: (m.portfolio as Record<string, unknown>) ?? null,
          alerts: (m.alerts as Record<string, unknown>[]) ?? [],
          bars: ((m.bars as Bar[]) ?? []).map((b) => ({ ...b, received: now })),
        }
      if (m.type === 'bar') return { bars: [...s.bars, { ...(m as unknown as Bar), received: now }].slice(-MAX_BARS) }
      if (m.type === 'alert') return { alerts: [m.alert as Record<string, unknown>, ...s.alerts].slice(0, 100) }
      return s
    }),
}))
