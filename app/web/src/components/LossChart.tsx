// Small live plots with uPlot: a canvas plotter (~50 kB) made for series that grow point by point — loss per epoch,
// and the risk panel's drawdown and VaR as paper bars arrive. (lightweight-charts draws the market charts: prices,
// equity, drawdown of a backtest.)
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export function SeriesChart({ x, series, label, xLabel, yLabel, time = false, height = 220 }: {
  x: number[]; series: { label: string; color: string; values: (number | null)[] }[]; label: string; xLabel: string;
  yLabel: string; time?: boolean; height?: number }) {
  const el = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const names = series.map((s) => `${s.label}:${s.color}`).join('|')
  useEffect(() => {
    if (!el.current) return
    plot.current = new uPlot({ width: el.current.clientWidth || 480, height, scales: { x: { time } },
      series: [{ label: xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.color }))],
      axes: [{ label: xLabel }, { label: yLabel }] }, [[], ...series.map(() => [])], el.current)
    const fit = new ResizeObserver(() => { if (el.current?.clientWidth) plot.current?.setSize({ width: el.current.clientWidth, height }) })
    fit.observe(el.current)                                   // follow the window: a narrow one, a resized one
    return () => { fit.disconnect(); plot.current?.destroy(); plot.current = null }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [names, time, height, xLabel, yLabel])
  useEffect(() => { plot.current?.setData([x, ...series.map((s) => s.values)]) }, [x, series])
  return <figure className="loss" aria-label={label} data-points={x.length}><div ref={el} /></figure>
}

export function LossChart({ epochs, label }: { epochs: { epoch: number; train: number | null; val: number | null }[]; label: string }) {
  return <SeriesChart label={label} xLabel="epoch" yLabel="loss" x={epochs.map((e) => e.epoch)}
    series={[{ label: 'train', color: '#1f6feb', values: epochs.map((e) => e.train) },
             { label: 'validation', color: '#cf222e', values: epochs.map((e) => e.val) }]} />
}
