import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, makeClient, setToken, unwrap, getToken } from './client'

afterEach(() => { vi.unstubAllGlobals(); setToken(null) })

function fakeFetch(status: number, body: unknown) {
  const seen: Request[] = []
  vi.stubGlobal('fetch', vi.fn(async (r: Request) => {
    seen.push(r)
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  }))
  return seen
}

describe('api client', () => {
  it('sends the token as a bearer header and returns the data', async () => {
    setToken('tok-123'); expect(getToken()).toBe('tok-123')
    const seen = fakeFetch(200, { status: 'ok', version: '0.1.0' })
    const c = makeClient('http://x')
    const d = await unwrap(c.GET('/api/v1/health', {}))
    expect(d).toEqual({ status: 'ok', version: '0.1.0' })
    expect(seen[0].headers.get('Authorization')).toBe('Bearer tok-123')
    expect(seen[0].url).toBe('http://x/api/v1/health')
  })
  it("turns an error reply into an ApiError with the service's message", async () => {
    fakeFetch(404, { detail: "no trained run 'x': GET /api/v1/runs lists them" })
    const c = makeClient('http://x')
    const e = await unwrap(c.GET('/api/v1/runs/{run_id}', { params: { path: { run_id: 'x' } } })).catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(404)
    expect(e.message).toMatch(/no trained run 'x'/)
  })
  it('names the status when the reply has no message', async () => {
    fakeFetch(500, {})
    const e = await unwrap(makeClient('http://x').GET('/api/v1/version', {})).catch((x) => x)
    expect(e.message).toMatch(/^500/)
  })
})
