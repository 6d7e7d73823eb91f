// Preferences kept in this browser (localStorage, never a key or a token): the model config the Training page starts
// from — a preset, fields of its config changed, and the training settings.
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { DEFAULTS } from '../api/defaults'

export const MONITORS = ['direction', 'price', 'position', 'volatility', 'confidence', 'risk', 'total'] as const

export interface ModelPrefs {
  preset: string
  set: Record<string, string>      // ModelConfig fields changed, as typed ('16', '64,32')
  batch_size: number
  lr: number
  patience: number
  monitor: (typeof MONITORS)[number]
}

const T = DEFAULTS.TrainIn                                      // the library's (QUICK_TRAIN), through the service's schema
export const DEFAULT_MODEL: ModelPrefs = { preset: T.preset, set: {}, batch_size: T.batch_size, lr: T.lr,
                                           patience: T.patience, monitor: T.monitor as ModelPrefs['monitor'] }

export const usePrefs = create<{ model: ModelPrefs; setModel(m: ModelPrefs): void; reset(): void }>()(
  persist((set) => ({
    model: DEFAULT_MODEL,
    setModel: (m) => set({ model: { ...m, set: changes(m.set) } }),
    reset: () => set({ model: DEFAULT_MODEL }),
  }), { name: 'tradenb.prefs', version: 1 }))

/** Only the fields given a value, trimmed; numbers sent as numbers (the service checks each against its type). */
export function changes(set: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(set).map(([k, v]) => [k, String(v).trim()]).filter(([, v]) => v !== ''))
}

export function setBody(set: Record<string, string>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(changes(set)).map(([k, v]) => [k, /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v) ? Number(v) : v]))
}

/** The training request: the Training form's data and run fields, the model config from the preferences. */
export function trainBody(f: { preset: string; symbols: string; index: string; epochs: number; seed: number; run_id: string },
                          m: ModelPrefs) {
  return {
    preset: f.preset, symbols: f.symbols.split(',').map((s) => s.trim()).filter(Boolean), index: f.index.trim() || null,
    epochs: Number(f.epochs), seed: Number(f.seed), run_id: f.run_id.trim() || null,
    batch_size: Number(m.batch_size), lr: Number(m.lr), patience: Number(m.patience), monitor: m.monitor, set: setBody(m.set),
  }
}
