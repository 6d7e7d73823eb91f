// Settings: the API token (kept in this browser, never shown), the model config the Training page starts from, the
// service's settings with keys masked, write-only keys.
import { useEffect, useState } from 'react'
import { api, unwrap, getToken, setToken, ApiError } from '../api/client'
import { Alert, Button, Card, Input, Table } from '../components/ui'
import { ModelConfig } from './ModelConfig'

export function Settings({ onToken }: { onToken: () => void }) {
  const [tok, setTok] = useState('')
  const [s, setS] = useState<Awaited<ReturnType<typeof load>> | null>(null)
  const [err, setErr] = useState<string | null>(null)
  const [keys, setKeys] = useState({ alpaca_key: '', alpaca_secret: '' })
  const load = () => unwrap(api.GET('/api/v1/settings', {}))
  useEffect(() => { if (getToken()) load().then(setS, (e: ApiError) => setErr(e.message)) }, [])
  const saveKeys = async () => {
    const body = Object.fromEntries(Object.entries(keys).filter(([, v]) => v))
    try { setS(await unwrap(api.PUT('/api/v1/settings/keys', { body }))); setKeys({ alpaca_key: '', alpaca_secret: '' }) }
    catch (e) { setErr((e as Error).message) }
  }
  return (
    <div className="grid">
      {err && <Alert>{err}</Alert>}
      <Card title="API token">
        <form onSubmit={(e) => { e.preventDefault(); setToken(tok); setTok(''); onToken() }}>
          <Input label="Token (tradenb serve prints where it is)" type="password" autoComplete="off" value={tok}
                 onChange={(e) => setTok(e.target.value)} />
          <Button type="submit" disabled={!tok}>Use this token</Button>
          {getToken() && <Button type="button" onClick={() => { setToken(null); onToken() }}>Forget the token</Button>}
        </form>
      </Card>
      {getToken() && <ModelConfig />}
      <Card title="System">
        {s ? <Table rows={[{ k: 'data folder', v: s.data_dir }, { k: 'token', v: s.token_source },
                           ...Object.entries(s.keys).map(([k, v]) => ({ k, v: v ?? 'not set' })),
                           ...Object.entries(s.max_jobs).map(([k, v]) => ({ k: `max ${k} jobs`, v }))]}
                    columns={[{ key: 'k', label: 'Setting' }, { key: 'v', label: 'Value' }]} />
           : <p className="empty">Give the token first.</p>}
      </Card>
      <Card title="Provider keys (write-only)">
        <form onSubmit={(e) => { e.preventDefault(); saveKeys() }}>
          <Input label="Alpaca key id" type="password" autoComplete="off" value={keys.alpaca_key}
                 onChange={(e) => setKeys({ ...keys, alpaca_key: e.target.value })} />
          <Input label="Alpaca secret" type="password" autoComplete="off" value={keys.alpaca_secret}
                 onChange={(e) => setKeys({ ...keys, alpaca_secret: e.target.value })} />
          <Button type="submit" disabled={!keys.alpaca_key && !keys.alpaca_secret}>Save keys</Button>
        </form>
      </Card>
    </div>
  )
}
