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

export interface TradeMarker { time: number; up: boolean; text: string }

/** A symbol's trades → price-chart markers: an arrow at each entry and each exit (up for a buy, down for a sale), the
 * exit labelled with its P&L; in time order, as lightweight-charts needs them. */
export function tradeMarkers(trades: Record<string, unknown>[], symbol: string): TradeMarker[] {
  const out: TradeMarker[] = []
  const t = (s: unknown) => Math.floor(Date.parse(String(s)) / 1000)
  for (const x of trades) {
    if (x.symbol !== symbol) continue
    const long = x.side !== 'short'
    if (Number.isFinite(t(x.entry_time))) out.push({ time: t(x.entry_time), up: long, text: long ? 'buy' : 'short' })
    if (x.exit_time && Number.isFinite(t(x.exit_time))) {
      const pnl = Number(x.pnl)
      out.push({ time: t(x.exit_time), up: !long, text: Number.isFinite(pnl) ? `exit ${pnl >= 0 ? '+' : ''}${pnl.toFixed(0)}` : 'exit' })
    }
  }
  return out.sort((a, b) => a.time - b.time)
}
