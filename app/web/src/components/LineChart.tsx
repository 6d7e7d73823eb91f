// Prices, equity and drawdown with TradingView's lightweight-charts (attribution shown, as its licence asks).
import { useEffect, useRef } from 'react'
import { createChart, LineSeries, type IChartApi, type UTCTimestamp } from 'lightweight-charts'
import type { TimeValue } from './charts'

export function LineChart({ series, label, height = 260 }:
  { series: { name: string; color: string; data: TimeValue[] }[]; label: string; height?: number }) {
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<IChartApi | null>(null)
  useEffect(() => {
    if (!el.current) return
    const c = createChart(el.current, { height, autoSize: true, layout: { attributionLogo: true } })
    chart.current = c
    for (const s of series) {
      const l = c.addSeries(LineSeries, { color: s.color, lineWidth: 2, title: s.name })
      l.setData(s.data.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })))
    }
    c.timeScale().fitContent()
    return () => { c.remove(); chart.current = null }
  }, [series, height])
  return <figure className="chart" aria-label={label}><div ref={el} style={{ height }} /></figure>   // autoSize fills this box
}
