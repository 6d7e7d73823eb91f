import { useJobs } from '../stores/live'
import { Alert, ProgressBar } from './ui'
import { eta } from './hooks'

/** A job followed over /ws/jobs: its progress with the time left, then its end (an error shown as it came). */
export function JobProgress({ id }: { id: string | null }) {
  const j = useJobs((s) => (id ? s.jobs[id] : undefined))
  if (!id) return null
  if (!j) return <p role="status">Job {id} queued…</p>
  const e = j.progress as { done?: number; total?: number | null; message?: string; job?: string }
  const left = eta(e.done ?? 0, e.total, Date.parse(String(j.started_at ?? j.created_at ?? '')) || Date.now())
  if (j.status === 'error' || j.status === 'interrupted') return <Alert>{j.kind} job {j.status}: {j.error}</Alert>
  if (j.status === 'done' || j.status === 'cancelled') return <p role="status">{j.kind} job {j.status}.</p>
  return <ProgressBar done={e.done ?? 0} total={e.total ?? null}
    label={`${e.job ?? j.kind}: ${e.message ?? j.status}${left !== null ? ` — about ${Math.ceil(left)} s left` : ''}`} />
}
