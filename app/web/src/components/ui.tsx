// The reusable components the seed names: Card, Button, Input, Select, Table, ProgressBar, Alert, Modal.
import { useEffect, useId, useRef, type ReactNode, type ButtonHTMLAttributes, type InputHTMLAttributes,
  type SelectHTMLAttributes } from 'react'

export function Card({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <header><h2>{title}</h2>{actions}</header>
      {children}
    </section>
  )
}

export function Button(p: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean }) {
  const { busy, children, ...rest } = p
  return <button {...rest} disabled={busy || rest.disabled} aria-busy={busy || undefined}>{children}</button>
}

export function Input({ label, ...rest }: InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  const id = useId()
  return <div className="field"><label htmlFor={id}>{label}</label><input id={id} {...rest} /></div>
}

export function Select({ label, options, ...rest }:
  SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: (string | [string, string])[] }) {
  const id = useId()
  return (
    <div className="field"><label htmlFor={id}>{label}</label>
      <select id={id} {...rest}>
        {options.map((o) => { const [v, t] = Array.isArray(o) ? o : [o, o]; return <option key={v} value={v}>{t}</option> })}
      </select>
    </div>
  )
}

export type Column<T> = { key: string; label: string; render?: (row: T) => ReactNode; numeric?: boolean }

export function Table<T extends Record<string, unknown>>({ rows, columns, empty = 'nothing yet', caption }:
  { rows: T[]; columns: Column<T>[]; empty?: string; caption?: string }) {
  if (!rows.length) return <p className="empty">{empty}</p>
  return (
    <div className="table-wrap">
      <table>
        {caption && <caption>{caption}</caption>}
        <thead><tr>{columns.map((c) => <th key={c.key} scope="col" className={c.numeric ? 'num' : ''}>{c.label}</th>)}</tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>{columns.map((c) => (
              <td key={c.key} className={c.numeric ? 'num' : ''}>{c.render ? c.render(r) : fmt(r[c.key])}</td>))}
            </tr>))}
        </tbody>
      </table>
    </div>
  )
}

export function fmt(v: unknown, digits = 4): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(digits)
  return String(v)
}

export function ProgressBar({ done, total, label }: { done: number; total: number | null; label: string }) {
  const pct = total ? Math.min(100, (100 * done) / total) : undefined
  return (
    <div className="progress">
      <progress aria-label={label} max={total ?? undefined} value={total ? done : undefined} />
      <span>{label}{pct !== undefined ? ` — ${pct.toFixed(0)}%` : ''}</span>
    </div>
  )
}

/** A request's loading, error and loaded states: an error is shown, never swallowed. */
export function Loaded<T>({ q, children }: { q: { data: T | null; error: string | null; loading: boolean }; children: (d: T | null) => ReactNode }) {
  if (q.error) return <Alert>{q.error}</Alert>
  if (q.loading && q.data === null) return <p role="status" className="empty">Loading…</p>
  return <>{children(q.data)}</>
}

export function Alert({ kind = 'error', children }: { kind?: 'error' | 'info' | 'warning'; children: ReactNode }) {
  return <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>{children}</div>
}

export function Modal({ title, open, onClose, children }:
  { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) d.showModal?.()
    if (!open && d.open) d.close()
  }, [open])
  return (
    <dialog ref={ref} onClose={onClose} aria-label={title}>
      <h2>{title}</h2>{children}
      <Button onClick={onClose}>Close</Button>
    </dialog>
  )
}
