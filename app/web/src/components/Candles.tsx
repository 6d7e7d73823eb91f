import { useEffect, useRef } from 'react'
import { createChart, CandlestickSeries, createSeriesMarkers, type UTCTimestamp, type SeriesMarker, type Time } from 'lightweight-charts'

export interface Candle { time: number; open: number; high: number; low: number; close: number }

export function Candles({ data, label, markers = [] }:
  { data: Candle[]; label: string; markers?: { time: number; up: boolean; text: string }[] }) {
  const el = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!el.current) return
    const c = createChart(el.current, { height: 320, autoSize: true, layout: { attributionLogo: true } })
    const s = c.addSeries(CandlestickSeries)
    s.setData(data.map((d) => ({ ...d, time: d.time as UTCTimestamp })))
    if (markers.length) createSeriesMarkers(s, markers.map((m): SeriesMarker<Time> => ({
      time: m.time as UTCTimestamp, position: m.up ? 'belowBar' : 'aboveBar', color: m.up ? '#1a7f37' : '#cf222e',
      shape: m.up ? 'arrowUp' : 'arrowDown', text: m.text })))
    c.timeScale().fitContent()
    return () => c.remove()
  }, [data, markers])
  return <figure className="chart" aria-label={label} data-markers={markers.length}><div ref={el} style={{ height: 320 }} /></figure>
}
