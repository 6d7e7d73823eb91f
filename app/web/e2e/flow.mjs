// The whole flow in a real browser (Debian's Chromium, headless) against a running `tradenb serve`:
// download sample → train tiny (the loss curve grows) → backtest (equity curve, trades) → paper replay (bars arrive
// live) → settings (a key set never shows). A screenshot of every page into tests/artifacts/.
//   TRADENB_URL=http://127.0.0.1:PORT TRADENB_API_TOKEN=… node e2e/flow.mjs
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'

const url = process.env.TRADENB_URL, token = process.env.TRADENB_API_TOKEN
const out = resolve(process.env.ARTIFACTS ?? resolve(import.meta.dirname, '../../../tests/artifacts'))
mkdirSync(out, { recursive: true })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true })
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
const errors = []
page.on('pageerror', (e) => errors.push(String(e)))
const go = async (p) => { await page.goto(`${url}/#${p}`); await page.getByRole('heading', { level: 1, name: new RegExp(p, 'i') }).waitFor() }
const shot = (name) => page.screenshot({ path: `${out}/app-${name}.png`, fullPage: true })
const step = (s) => console.log(`${new Date().toISOString().slice(11, 19)} ${s}`)
try {
  await page.goto(url + '/')
  await page.evaluate((t) => localStorage.setItem('tradenb.token', t), token)
  await page.reload()                                        // the app reads the token when it starts
  await go('data')
  await page.getByLabel('Symbols (comma-separated, instead of the universe)').fill('AAPL,MSFT,SPY')
  await page.getByRole('button', { name: 'Download' }).click()
  await page.getByText('download job done.').waitFor({ timeout: 120_000 })
  await page.getByRole('button', { name: 'AAPL' }).click()
  await page.getByRole('figure', { name: 'AAPL daily candlesticks' }).waitFor()
  await shot('data'); step('data: downloaded, quality table and candles shown')
  await go('training')
  await page.getByLabel('Symbols').fill('AAPL,MSFT')
  await page.getByLabel('Epochs').fill('3')
  await page.getByLabel('Run id (optional)').fill('e2e')
  await page.getByRole('button', { name: 'Train', exact: true }).click()
  const loss = page.getByRole('figure', { name: 'training and validation loss per epoch' })
  const seen = new Set()
  for (let t0 = Date.now(); Date.now() - t0 < 600_000;) {
    if (await loss.count()) seen.add(await loss.getAttribute('data-epochs'))
    if (await page.getByText('train job done.').count()) break
    await page.waitForTimeout(250)
  }
  if (seen.size < 2) throw new Error(`the loss curve did not move: epochs seen ${[...seen]}`)
  await page.reload(); await page.getByText('Verdict:').waitFor()
  await shot('training'); step(`training: the loss curve grew through ${[...seen].join(', ')} epochs; verdict shown`)
  await go('backtest')
  await page.getByRole('combobox', { name: 'Run' }).selectOption('e2e')
  await page.getByRole('button', { name: 'Backtest', exact: true }).click()
  await page.getByText('backtest job done.').waitFor({ timeout: 300_000 })
  await page.getByRole('button', { name: 'model (every signal)' }).click()
  await page.getByRole('figure', { name: 'equity beside buy and hold' }).waitFor()
  await page.getByRole('heading', { name: /^Trades \(\d+\)$/ }).waitFor()
  await shot('backtest'); step('backtest: results, equity and drawdown, trades')
  await page.getByRole('button', { name: 'Paper replay' }).click()
  const live = page.locator('[data-bars]')
  await live.waitFor({ timeout: 120_000 })
  let n0 = Number(await live.getAttribute('data-bars')), n1 = n0
  for (let t0 = Date.now(); n1 <= n0 && Date.now() - t0 < 60_000;) { await page.waitForTimeout(100); n1 = Number(await live.getAttribute('data-bars')) }
  if (n1 <= n0) throw new Error('no paper bar arrived live')
  await page.getByText('paper job done.').waitFor({ timeout: 300_000 })
  const lat = Number(await live.getAttribute('data-latency-ms'))
  await shot('paper'); step(`paper replay: ${await live.getAttribute('data-bars')} bars arrived live; the slowest of the last 50 reached the page ${lat} ms after the worker made it`)
  const key = 'PKE2ESECRET0123456789'
  const r = await page.evaluate(async ([u, t, k]) => (await fetch(`${u}/api/v1/settings/keys`, { method: 'PUT',
    headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ alpaca_key: k }) })).status,
    [url, token, key])
  if (r !== 200) throw new Error(`PUT keys: ${r}`)
  await go('settings'); await page.getByText('alpaca_key').waitFor()
  const html = await page.content()
  if (html.includes(key) || html.includes(token)) throw new Error('a key or the token is in the settings page')
  await shot('settings'); await go('dashboard'); await page.waitForLoadState('networkidle'); await shot('dashboard')
  step('settings: the key shows masked only; dashboard')
} finally {
  await browser.close()
}
if (errors.length) { console.log('page errors:', errors); process.exit(1) }
console.log(`screenshots in ${out}`)
