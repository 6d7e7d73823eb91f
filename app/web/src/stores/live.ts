// What the two WebSockets say, as Zustand stores: jobs (from /ws/jobs) and the live book (from /ws/signals). The
// messages are typed from the service's schema (api.schemas: WsJobsMessage, WsSignalsMessage → openapi.json →
// src/api/schema.ts), so a field the service renames fails the type check here.
import { create } from 'zustand'
import type { components } from '../api/schema'

type Schemas = components['schemas']
export type JobRow = Schemas['JobOut']
export type JobsMessage = Schemas['WsJobsMessage']
export type SignalsMessage = Schemas['WsSignalsMessage']
export type AlertRow = Schemas['AlertOut']
export type Book = Schemas['PortfolioOut']
export type Bar = Schemas['WsBar'] & { received: number }   // when it arrived here (seconds)

export interface JobsState {
  jobs: Record<string, JobRow>
  apply(m: JobsMessage): void
}

/** A job message applied to the jobs: a snapshot replaces them, a status change replaces one row, an event updates its
 * progress (and, for a training epoch, appends it). */
export const useJobs = create<JobsState>((set) => ({
  jobs: {},
  apply: (m) =>
    set((s) => {
      if (m.type === 'snapshot') {
        const jobs: Record<string, JobRow> = {}
        for (const j of m.jobs) jobs[j.id] = j
        return { jobs }
      }
      if (m.job_row) return { jobs: { ...s.jobs, [m.job]: m.job_row } }
      const ev = m.event
      if (!ev) return s
      const old: JobRow = s.jobs[m.job] ?? { id: m.job, kind: m.kind ?? '', status: 'running', params: {}, progress: {},
        result: null, error: null, epochs: [], created_at: null, started_at: null, ended_at: null }
      const epochs = ev.job === 'train' && ev.stage === 'epoch' ? [...old.epochs, ev] : old.epochs
      return { jobs: { ...s.jobs, [m.job]: { ...old, progress: ev, epochs } } }
    }),
}))

export interface LiveState {
  bars: Bar[]
  alerts: AlertRow[]
  portfolio: Book | null
  apply(m: SignalsMessage, now?: number): void
}

export const MAX_BARS = 500

export const useLive = create<LiveState>((set) => ({
  bars: [],
  alerts: [],
  portfolio: null,
  apply: (m, now = Date.now() / 1000) =>
    set((s) => {
      if (m.type === 'snapshot')
        return { portfolio: m.portfolio ?? null, alerts: m.alerts, bars: m.bars.map((b) => ({ ...b, received: now })) }
      if (m.type === 'bar') return { bars: [...s.bars, { ...m, received: now }].slice(-MAX_BARS) }
      if (m.type === 'alert') return { alerts: [m.alert, ...s.alerts].slice(0, 100) }
      return s
    }),
}))
