import { describe, expect, it } from 'vitest'
import { toSeries, tradeMarkers } from './charts'

describe('toSeries', () => {
  it('drops nulls, keeps time order, one point per time (the last)', () => {
    expect(toSeries([
      { time: '2012-01-03T00:00:00+00:00', value: 1 },
      { time: '2012-01-04T00:00:00+00:00', value: null },
      { time: '2012-01-05T00:00:00+00:00', value: 2 },
      { time: '2012-01-05T00:00:00+00:00', value: 3 },
      { time: '2012-01-04T00:00:00+00:00', value: 9 },
    ])).toEqual([{ time: 1325548800, value: 1 }, { time: 1325721600, value: 3 }])
  })
})

describe('tradeMarkers', () => {
  it("marks one symbol's entries and exits in time order, exits with their P&L", () => {
    const trades = [
      { symbol: 'MSFT', side: 'long', entry_time: '2012-01-03', exit_time: '2012-01-05', pnl: 1 },
      { symbol: 'AAPL', side: 'long', entry_time: '2012-01-04T00:00:00+00:00', exit_time: '2012-01-06T00:00:00+00:00', pnl: -12.4 },
      { symbol: 'AAPL', side: 'short', entry_time: '2012-01-02T00:00:00+00:00', exit_time: '2012-01-03T00:00:00+00:00', pnl: 5 },
      { symbol: 'AAPL', side: 'long', entry_time: '2012-01-09T00:00:00+00:00', exit_time: null, pnl: null },
    ]
    expect(tradeMarkers(trades, 'AAPL')).toEqual([
      { time: 1325462400, up: false, text: 'short' }, { time: 1325548800, up: true, text: 'exit +5' },
      { time: 1325635200, up: true, text: 'buy' }, { time: 1325808000, up: false, text: 'exit -12' },
      { time: 1326067200, up: true, text: 'buy' }])
  })
})
