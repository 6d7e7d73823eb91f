import { describe, expect, it, beforeEach } from 'vitest'
import { usePrefs, trainBody, setBody, DEFAULT_MODEL } from './prefs'

describe('model preferences', () => {
  beforeEach(() => { localStorage.clear(); usePrefs.getState().reset() })
  it('keeps the model config in localStorage, without the fields left empty', () => {
    usePrefs.getState().setModel({ ...DEFAULT_MODEL, preset: 'SimplexLSTM', set: { xlstm_dim: ' 64 ', tf_dim: '' }, lr: 1e-3 })
    const saved = JSON.parse(localStorage.getItem('tradenb.prefs')!)
    expect(saved.state.model).toEqual({ ...DEFAULT_MODEL, preset: 'SimplexLSTM', set: { xlstm_dim: '64' }, lr: 1e-3 })
    expect(JSON.stringify(saved)).not.toMatch(/token|secret|key/i)
  })
  it('sends numbers as numbers and lists as typed', () => {
    expect(setBody({ xlstm_dim: '16', dropout: '0.2', head_hidden: '64,32', xlstm_blocks: 'sm', tf_dim: ' ' }))
      .toEqual({ xlstm_dim: 16, dropout: 0.2, head_hidden: '64,32', xlstm_blocks: 'sm' })
  })
  it('builds the training request from the form and the preferences', () => {
    const m = { ...DEFAULT_MODEL, set: { xlstm_dim: '16' }, batch_size: 128, monitor: 'total' as const }
    expect(trainBody({ preset: 'tiny', symbols: 'AAPL, MSFT,', index: ' ', epochs: 3, seed: 1, run_id: '' }, m)).toEqual({
      preset: 'tiny', symbols: ['AAPL', 'MSFT'], index: null, epochs: 3, seed: 1, run_id: null,
      batch_size: 128, lr: 2e-3, patience: 4, monitor: 'total', set: { xlstm_dim: 16 } })
  })
})
