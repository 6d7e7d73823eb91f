// Training: a config form with presets, the live epoch / loss monitor, the test metrics beside the baselines with
// their intervals and the verdict, and a comparison of runs.
import { useMemo, useState } from 'react'
import { api, unwrap } from '../api/client'
import { Alert, Button, Card, Input, Loaded, Select, Table, fmt } from '../components/ui'
import { useDraft, useLoad } from '../components/hooks'
import { JobProgress } from '../components/JobProgress'
import { LossChart } from '../components/LossChart'
import { useJobs } from '../stores/live'
import { usePrefs, trainBody, changes } from '../stores/prefs'
import { DEFAULTS } from '../api/defaults'

export function Training() {
  const presets = useLoad(() => unwrap(api.GET('/api/v1/training/presets', {})))
  const model = usePrefs((s) => s.model)
  const [f, setF] = useDraft('train', { preset: model.preset, symbols: DEFAULTS.TrainIn.symbols.join(','),
                                          index: DEFAULTS.TrainIn.index, epochs: DEFAULTS.TrainIn.epochs,
                                          seed: DEFAULTS.TrainIn.seed, run_id: '' })
  const changed = Object.entries(changes(model.set)).map(([k, v]) => `${k}=${v}`).join(', ')
  const [job, setJob] = useState<string | null>(null)
  const [err, setErr] = useState<string | null>(null)
  const j = useJobs((s) => (job ? s.jobs[job] : undefined))
  const epochs = useMemo(() => (j?.epochs ?? []).map((e, k) => ({
    epoch: k + 1, train: (e.train_loss as number) ?? null, val: (e.val_loss as number) ?? null })), [j?.epochs])
  const runs = useLoad(() => unwrap(api.GET('/api/v1/runs', {})), [j?.status])
  const [sel, setSel] = useState<string>('')
  const runId = sel || (runs.data?.[0]?.run_id ?? '')
  const run = useLoad(async () => runId ? unwrap(api.GET('/api/v1/runs/{run_id}', { params: { path: { run_id: runId } } })) : null, [runId])
  const cmp = useLoad(async () => (runs.data?.length ?? 0) > 0 ? unwrap(api.GET('/api/v1/runs/compare', {
    params: { query: { runs: runs.data!.slice(0, 10).map((r) => r.run_id).join(',') } } })) : null, [runs.data])
  const start = async () => {
    setErr(null)
    try {
      const r = await unwrap(api.POST('/api/v1/training', { body: trainBody(f, model) }))
      setJob(r.id)
    } catch (e) { setErr((e as Error).message) }
  }
  const stop = async () => { if (job) await unwrap(api.POST('/api/v1/training/{job_id}/stop', { params: { path: { job_id: job } } })) }
  const table = Object.entries(run.data?.test ?? {}).map(([name, m]) => ({ name, ...(m as Record<string, unknown>) }))
  return (
    <div className="grid">
      <Card title="Train a model">
        <form onSubmit={(e) => { e.preventDefault(); start() }}>
          <Select label="Preset" value={f.preset} onChange={(e) => setF({ ...f, preset: e.target.value })}
                  options={(presets.data ?? [{ name: 'tiny' }]).map((p) => p.name)} />
          <Input label="Symbols" value={f.symbols} onChange={(e) => setF({ ...f, symbols: e.target.value })} />
          <Input label="Index series" value={f.index} onChange={(e) => setF({ ...f, index: e.target.value })} />
          <Input label="Epochs" type="number" min={1} max={1000} value={f.epochs}
                 onChange={(e) => setF({ ...f, epochs: Number(e.target.value) })} />
          <Input label="Seed" type="number" min={0} value={f.seed} onChange={(e) => setF({ ...f, seed: Number(e.target.value) })} />
          <Input label="Run id (optional)" value={f.run_id} onChange={(e) => setF({ ...f, run_id: e.target.value })} />
          <p className="note">Model config (<a href="#settings">Settings</a>): {changed || 'the preset as it is'}; batch
            {' '}{model.batch_size}, learning rate {model.lr}, patience {model.patience} on {model.monitor}.</p>
          <Button type="submit">Train</Button>
          {j?.status === 'running' && <Button type="button" onClick={stop}>Stop (keep the best epoch)</Button>}
        </form>
        {err && <Alert>{err}</Alert>}
        <JobProgress id={job} />
      </Card>
      <Card title="Loss per epoch">
        {epochs.length ? <LossChart epochs={epochs} label="training and validation loss per epoch" /> :
          <p className="empty">The curve draws itself as epochs finish.</p>}
      </Card>
      <Card title="Test metrics beside the baselines" actions={
        <Select label="Run" value={runId} onChange={(e) => setSel(e.target.value)}
                options={(runs.data ?? []).map((r) => r.run_id)} />}>
        {runs.loading && !runs.data ? <p role="status" className="empty">Loading…</p> :
         run.error ? <Alert>{run.error}</Alert> : !run.data ? <p className="empty">No trained run yet.</p> : <>
          <p><strong>Verdict:</strong> {run.data.verdict}</p>
          <Table rows={table} columns={[{ key: 'name', label: 'Model / baseline' },
            { key: 'accuracy', label: 'Accuracy', numeric: true },
            { key: 'acc_lo', label: '95% low', numeric: true }, { key: 'acc_hi', label: '95% high', numeric: true },
            { key: 'ic_1d', label: 'IC 1d', numeric: true }, { key: 'ic_1d_lo', label: 'IC low', numeric: true },
            { key: 'ic_1d_hi', label: 'IC high', numeric: true }]} />
        </>}
      </Card>
      <Card title="Runs compared">
        {runs.error ? <Alert>{runs.error}</Alert> : <Loaded q={cmp}>{(d) =>
          <Table rows={(d?.rows ?? []) as Record<string, unknown>[]} empty="No runs yet."
            columns={[{ key: 'run_id', label: 'Run' }, { key: 'preset', label: 'Preset' }, { key: 'seed', label: 'Seed', numeric: true },
                      { key: 'test_accuracy', label: 'Accuracy', numeric: true },
                      { key: 'best_baseline', label: 'Best baseline' },
                      { key: 'best_baseline_accuracy', label: 'Its accuracy', numeric: true },
                      { key: 'test_ic_1d', label: 'IC 1d', numeric: true, render: (r) => fmt(r.test_ic_1d as number) }]} />}</Loaded>}
      </Card>
    </div>
  )
}
