import { describe, expect, it } from 'vitest'
import { toSeries } from './charts'

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
