// The Dashboard's first meaningful render (its equity chart drawn) against a service holding a large result:
// 10,000 trades and 5,000 equity points (SYNTHETIC, written by tests/test_app.py). Printed and appended to
// tests/artifacts/app-timings.txt; the median of 5 loads must be within the target, 2 s.
import { chromium } from 'playwright-core'
import { appendFileSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'

const url = process.env.TRADENB_URL, token = process.env.TRADENB_API_TOKEN
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true })
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
await page.goto(url + '/')
await page.evaluate((t) => localStorage.setItem('tradenb.token', t), token)
const times = []
for (let k = 0; k < 5; k++) {
  const t0 = Date.now()
  await page.goto(`${url}/?r=${k}#dashboard`)
  await page.getByRole('figure', { name: /^equity of / }).locator('canvas').first().waitFor()
  times.push(Date.now() - t0)
}
const trades = await page.evaluate(async ([u, t]) => (await (await fetch(`${u}/api/v1/backtests/synthetic-model-all/trades?limit=1`,
  { headers: { Authorization: `Bearer ${t}` } })).json()).total, [url, token])
await browser.close()
times.sort((a, b) => a - b)
const line = `dashboard first meaningful render (equity chart drawn), ${trades} trades and 5,000 equity points served ` +
  `(SYNTHETIC): median ${times[2]} ms, worst ${times[4]} ms of 5 loads (target ≤ 2000 ms)`
const out = resolve(process.env.ARTIFACTS ?? resolve(import.meta.dirname, '../../../tests/artifacts'))
mkdirSync(out, { recursive: true }); appendFileSync(`${out}/app-timings.txt`, `${new Date().toISOString()} ${line}\n`)
console.log(line)
if (times[2] > 2000) process.exit(1)
