// Chart adapters: service replies → the series the chart libraries take (pure functions, unit-tested).
export interface TimeValue { time: number; value: number }

/** ISO times and values → lightweight-charts points (UTC seconds, ascending, one per time, no nulls). */
export function toSeries(points: { time: string; value: number | null }[]): TimeValue[] {
  const out: TimeValue[] = []
  for (const p of points) {
    if (p.value === null || p.value === undefined || !Number.isFinite(p.value)) continue
    const t = Math.floor(Date.parse(p.time) / 1000)
    if (!Number.isFinite(t)) continue
    if (out.length && out[out.length - 1].time >= t) { if (out[out.length - 1].time === t) out[out.length - 1] = { time: t, value: p.value }; continue }
    out.push({ time: t, value: p.value })
  }
  return out
}
