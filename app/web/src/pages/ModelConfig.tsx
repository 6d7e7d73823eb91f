// Settings → model config: a preset with fields of its config changed and the training settings, checked by the
// service (it builds the model and answers its size, or names the field it cannot take), kept as this browser's
// default for the Training page.
import { useEffect, useState } from 'react'
import { api, unwrap } from '../api/client'
import { Alert, Button, Card, Input, Select, Table, fmt } from '../components/ui'
import { useLoad } from '../components/hooks'
import { MONITORS, usePrefs, setBody, changes, type ModelPrefs } from '../stores/prefs'

const FIXED = new Set(['n_features', 'window', 'name'])   // set from the data or the preset
const shown = (v: unknown) => (Array.isArray(v) ? v.join(',') : String(v))

export function ModelConfig() {
  const presets = useLoad(() => unwrap(api.GET('/api/v1/training/presets', {})))
  const { model, setModel, reset } = usePrefs()
  const [m, setM] = useState<ModelPrefs>(model)
  const [checked, setChecked] = useState<{ params: number; name: string } | null>(null)
  const [err, setErr] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => { setM(model) }, [model])
  const base = presets.data?.find((p) => p.name === m.preset)?.config ?? {}
  const check = async () => {
    setErr(null); setChecked(null); setSaved(false)
    try {
      const r = await unwrap(api.POST('/api/v1/training/config', { body: { preset: m.preset, set: setBody(m.set) } }))
      setChecked({ params: r.params, name: r.name }); return true
    } catch (e) { setErr((e as Error).message); return false }
  }
  const save = async () => { if (await check()) { setModel(m); setSaved(true) } }
  const edit = (k: string, v: string) => { setSaved(false); setChecked(null); setM({ ...m, set: { ...m.set, [k]: v } }) }
  const rows = Object.entries(base).filter(([k]) => !FIXED.has(k)).map(([k, v]) => ({ k, preset: shown(v) }))
  const n = Object.keys(changes(m.set)).length
  return (
    <Card title="Model config">
      {presets.error && <Alert>{presets.error}</Alert>}
      <form onSubmit={(e) => { e.preventDefault(); save() }}>
        <Select label="Preset" value={m.preset} onChange={(e) => { setChecked(null); setSaved(false); setM({ ...m, preset: e.target.value }) }}
                options={(presets.data ?? [{ name: m.preset }]).map((p) => p.name)} />
        <div className="row">
          <Input label="Batch size" type="number" min={1} value={m.batch_size} onChange={(e) => setM({ ...m, batch_size: Number(e.target.value) })} />
          <Input label="Learning rate" type="number" step="any" min={0} value={m.lr} onChange={(e) => setM({ ...m, lr: Number(e.target.value) })} />
          <Input label="Patience (epochs)" type="number" min={1} value={m.patience} onChange={(e) => setM({ ...m, patience: Number(e.target.value) })} />
          <Select label="Early stopping on" value={m.monitor} options={[...MONITORS]}
                  onChange={(e) => setM({ ...m, monitor: e.target.value as ModelPrefs['monitor'] })} />
        </div>
        <Table rows={rows} caption={`${m.preset}: leave a field empty to keep the preset's value`} empty="Loading the presets…"
          columns={[{ key: 'k', label: 'Field' }, { key: 'preset', label: 'Preset value' },
                    { key: 'v', label: 'Your value', render: (r) =>
                      <input aria-label={`${r.k} (preset: ${r.preset})`} placeholder={r.preset} value={m.set[r.k] ?? ''}
                             onChange={(e) => edit(r.k, e.target.value)} size={12} /> }]} />
        <p>{n ? `${n} field${n > 1 ? 's' : ''} changed.` : "The preset's own config."}</p>
        <Button type="button" onClick={check}>Check</Button>
        <Button type="submit">Save as the Training page's default</Button>
        <Button type="button" onClick={() => { reset(); setChecked(null); setSaved(false) }}>Reset</Button>
      </form>
      {err && <Alert>{err}</Alert>}
      {checked && <Alert kind="info">{checked.name} builds: {fmt(checked.params)} parameters (with {String(base.n_features ?? '')} features;
        the data decide the count at training){saved ? ' — saved.' : '.'}</Alert>}
    </Card>
  )
}
