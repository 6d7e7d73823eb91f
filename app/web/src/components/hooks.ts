// Loading, empty and error states for a request: an error is shown, never swallowed.
import { useCallback, useEffect, useState } from 'react'

export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const reload = useCallback(() => {
    setLoading(true)
    load().then((d) => { setData(d); setError(null) }, (e: Error) => setError(e.message)).finally(() => setLoading(false))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  useEffect(reload, [reload])
  return { data, error, loading, reload }
}

/** A form draft kept in localStorage (never for keys or tokens: those fields are left out by the caller). */
export function useDraft<T extends object>(key: string, initial: T): [T, (v: T) => void] {
  const [v, setV] = useState<T>(() => {
    try { return { ...initial, ...JSON.parse(localStorage.getItem(`tradenb.draft.${key}`) ?? '{}') } } catch { return initial }
  })
  return [v, (x: T) => { setV(x); localStorage.setItem(`tradenb.draft.${key}`, JSON.stringify(x)) }]
}

/** Seconds left at the pace so far (null until there is a pace). */
export function eta(done: number, total: number | null | undefined, startedMs: number, nowMs = Date.now()): number | null {
  if (!total || done <= 0 || done >= total) return null
  return ((nowMs - startedMs) / 1000) * (total - done) / done
}
