#!/usr/bin/env python
"""Feature benchmark: all of tradenb's features for 100 symbols × 5,000 bars, against computing the same
indicators with the `ta` library, in the same run. The bars are SYNTHETIC (seeded random walks), labelled so.

    python bench/features.py [--symbols 100] [--bars 5000]

`ta` is the reference implementation the feature tests check against; it computes 22 of our indicators
(SMA×5, EMA×5, MACD, RSI×3, ATR×2, Bollinger, OBV, VWAP, CMF, stochastic, Williams %R). tradenb computes
all 64 features, those 22 included.
"""
import argparse, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tradenb.data.ohlcv import synthetic_ohlcv
from tradenb.features import FeatureEngineer

def with_ta(df):
    import ta
    h, l, c, v = df.high, df.low, df.close, df.volume
    out = {}
    for n in (5, 10, 20, 50, 100):
        out[f'sma_{n}'] = ta.trend.sma_indicator(c, n); out[f'ema_{n}'] = ta.trend.ema_indicator(c, n)
    m = ta.trend.MACD(c); out.update(macd=m.macd(), macd_signal=m.macd_signal(), macd_hist=m.macd_diff())
    for n in (7, 14, 21): out[f'rsi_{n}'] = ta.momentum.rsi(c, n)
    for n in (14, 7): out[f'atr_{n}'] = ta.volatility.average_true_range(h, l, c, n)
    bb = ta.volatility.BollingerBands(c, 20, 2)
    out.update(bb_upper=bb.bollinger_hband(), bb_lower=bb.bollinger_lband(), bb_pctb=bb.bollinger_pband(), bb_width=bb.bollinger_wband())
    out['obv'] = ta.volume.on_balance_volume(c, v)
    out['vwap'] = ta.volume.volume_weighted_average_price(h, l, c, v, 20)
    out['cmf'] = ta.volume.chaikin_money_flow(h, l, c, v, 20)
    so = ta.momentum.StochasticOscillator(h, l, c, 14, 3); out.update(stoch_k=so.stoch(), stoch_d=so.stoch_signal())
    out['williams_r'] = ta.momentum.williams_r(h, l, c, 14)
    return out

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--symbols', type=int, default=100); ap.add_argument('--bars', type=int, default=5000)
    a = ap.parse_args()
    frames = {f'SYN{i:03d}': synthetic_ohlcv(a.bars, f'SYN{i:03d}', seed=i) for i in range(a.symbols)}
    index = synthetic_ohlcv(a.bars, 'SYN_INDEX', seed=10_000, vol=0.01)
    fe = FeatureEngineer()
    t0 = time.perf_counter(); feats = fe.transform_many(frames, index); t_ours = time.perf_counter() - t0
    t0 = time.perf_counter(); [with_ta(df) for df in frames.values()]; t_ta = time.perf_counter() - t0
    nf = next(iter(feats.values())).shape[1]
    print(f"SYNTHETIC data: {a.symbols} symbols × {a.bars} bars")
    print(f"tradenb FeatureEngineer, all {nf} features: {t_ours:7.2f}s")
    print(f"ta, the 22 indicators it has:            {t_ta:7.2f}s")
    print(f"ratio (ta / tradenb):                    {t_ta / t_ours:7.1f}×")

if __name__ == '__main__':
    main()
