// Loss curves with uPlot: a small canvas plotter (~50 kB) made for series that grow point by point, as epochs do.
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export function LossChart({ epochs, label }: { epochs: { epoch: number; train: number | null; val: number | null }[]; label: string }) {
  const el = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  useEffect(() => {
    if (!el.current) return
    plot.current = new uPlot({ width: el.current.clientWidth || 480, height: 220, scales: { x: { time: false } },
      series: [{ label: 'epoch' }, { label: 'train', stroke: '#1f6feb' }, { label: 'validation', stroke: '#cf222e' }],
      axes: [{ label: 'epoch' }, { label: 'loss' }] }, [[], [], []], el.current)
    return () => { plot.current?.destroy(); plot.current = null }
  }, [])
  useEffect(() => {
    plot.current?.setData([epochs.map((e) => e.epoch), epochs.map((e) => e.train), epochs.map((e) => e.val)])
  }, [epochs])
  return <figure className="loss" aria-label={label} data-epochs={epochs.length}><div ref={el} /></figure>
}
