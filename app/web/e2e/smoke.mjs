// A first end-to-end pass (WIP for issue 18): Debian's Chromium, headless, against a running `tradenb serve`.
// Every page: rendered, a screenshot into tests/artifacts/, and axe-core's serious / critical violations (none allowed).
//   TRADENB_URL=http://127.0.0.1:8000 TRADENB_API_TOKEN=… node e2e/smoke.mjs
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'

const url = process.env.TRADENB_URL ?? 'http://127.0.0.1:8000'
const token = process.env.TRADENB_API_TOKEN
const out = resolve(import.meta.dirname, '../../../tests/artifacts')
mkdirSync(out, { recursive: true })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true })
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
const errors = []
page.on('pageerror', (e) => errors.push(String(e)))
await page.goto(url + '/')
await page.evaluate((t) => localStorage.setItem('tradenb.token', t), token)
let bad = 0
for (const p of ['dashboard', 'data', 'training', 'backtest', 'settings']) {
  const t0 = Date.now()
  await page.goto(`${url}/#${p}`); await page.reload()
  await page.getByRole('heading', { level: 1 }).waitFor()
  await page.waitForLoadState('networkidle')
  const ms = Date.now() - t0
  await page.screenshot({ path: `${out}/app-${p}.png`, fullPage: true })
  const axe = await new AxeBuilder({ page }).analyze()
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  bad += serious.length
  console.log(`${p}: rendered in ${ms} ms; axe: ${serious.length} serious/critical` +
    (serious.length ? ' — ' + serious.map((v) => `${v.id} (${v.nodes.length})`).join(', ') : ''))
}
const shown = await page.content()
for (const secret of [token]) if (shown.includes(secret)) { console.log('the token is in the page'); bad++ }
await browser.close()
console.log(`screenshots in ${out}`)
if (errors.length) console.log('page errors:', errors)
process.exit(bad || errors.length ? 1 : 0)
