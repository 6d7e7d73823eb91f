import { useEffect, useState } from 'react'
import { getToken } from './api/client'
import { follow } from './api/ws'
import { useJobs, useLive, type JobsMessage, type SignalsMessage } from './stores/live'
import { Dashboard } from './pages/Dashboard'
import { Settings } from './pages/Settings'
import { Data } from './pages/Data'
import { Training } from './pages/Training'
import { Backtest } from './pages/Backtest'

const PAGES = { dashboard: 'Dashboard', data: 'Data', training: 'Training', backtest: 'Backtest', settings: 'Settings' } as const
type Page = keyof typeof PAGES
const page = (): Page => (location.hash.slice(1) in PAGES ? location.hash.slice(1) : 'dashboard') as Page

export function App() {
  const [p, setP] = useState<Page>(page())
  const [tok, setTok] = useState(getToken())
  const [ws, setWs] = useState('connecting')
  useEffect(() => { const f = () => setP(page()); addEventListener('hashchange', f); return () => removeEventListener('hashchange', f) }, [])
  useEffect(() => {
    if (!tok) return
    const a = follow<JobsMessage>('/ws/jobs', tok, useJobs.getState().apply)
    const b = follow<SignalsMessage>('/ws/signals', tok, (m) => useLive.getState().apply(m), setWs)
    return () => { a.close(); b.close() }
  }, [tok])
  return (
    <>
      <header className="top">
        <strong>tradenb</strong>
        <nav aria-label="pages">{Object.entries(PAGES).map(([k, v]) =>
          <a key={k} href={`#${k}`} aria-current={k === p ? 'page' : undefined}>{v}</a>)}</nav>
        <span className="status" role="status">live: {tok ? ws : 'no token'}</span>
      </header>
      <main>
        <h1>{PAGES[p]}</h1>
        {!tok && p !== 'settings' ? <p>Give the API token on the <a href="#settings">Settings</a> page.</p> :
          p === 'dashboard' ? <Dashboard /> : p === 'data' ? <Data /> : p === 'training' ? <Training /> :
          p === 'backtest' ? <Backtest /> : <Settings onToken={() => setTok(getToken())} />}
      </main>
    </>
  )
}
