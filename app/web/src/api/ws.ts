// WebSocket clients for /ws/jobs and /ws/signals: the token as ?token=, reconnect with exponential backoff and jitter
// (0.5 s doubling to 30 s), a fresh snapshot from the service after every (re)connect.

export interface Backoff {
  first: number
  max: number
  jitter: number
}

export const BACKOFF: Backoff = { first: 500, max: 30_000, jitter: 0.2 }

/** The wait before reconnect attempt `n` (0-based): doubling from `first` to `max`, ±`jitter` of it. */
export function backoffDelay(n: number, b: Backoff = BACKOFF, rand: () => number = Math.random): number {
  const base = Math.min(b.max, b.first * 2 ** n)
  return Math.round(base * (1 - b.jitter + 2 * b.jitter * rand()))
}

export type Status = 'connecting' | 'open' | 'closed' | 'unauthorized'

export interface Socket {
  close(): void
}

export function wsUrl(path: string, token: string, loc: Location = window.location): string {
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${proto}//${loc.host}${path}?token=${encodeURIComponent(token)}`
}

/** Follow a channel: `onMessage` gets each parsed message (a `snapshot` first after each connect), of the channel's
 * type in the service's schema (`JobsMessage` for /ws/jobs, `SignalsMessage` for /ws/signals: stores/live.ts). */
export function follow<M>(
  path: string,
  token: string,
  onMessage: (m: M) => void,
  onStatus: (s: Status) => void = () => {},
  make: (url: string) => WebSocket = (u) => new WebSocket(u),
  b: Backoff = BACKOFF,
): Socket {
  let attempt = 0
  let ws: WebSocket | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let stopped = false
  const open = () => {
    onStatus('connecting')
    ws = make(wsUrl(path, token))
    ws.onopen = () => {
      attempt = 0
      onStatus('open')
    }
    ws.onmessage = (e) => onMessage(JSON.parse(String(e.data)) as M)
    ws.onclose = (e) => {
      ws = null
      if (stopped) return
      if (e.code === 1008) {
        onStatus('unauthorized') // a wrong token: retrying would not help
        return
      }
      onStatus('closed')
      timer = setTimeout(open, backoffDelay(attempt++, b))
    }
  }
  open()
  return {
    close() {
      stopped = true
      if (timer) clearTimeout(timer)
      ws?.close()
    },
  }
}
