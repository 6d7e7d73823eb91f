#!/usr/bin/env python
"""Model benchmark, in one run on this machine's CPU (or GPU with --device cuda):

1. forward+backward samples/s of each preset (batch × 60 bars × 40 features, random inputs — SYNTHETIC);
2. the FLOP/s each achieves (FLOPs counted by torch.utils.flop_counter) as a fraction of a torch.matmul peak
   measured in the same run;
3. the xLSTM layer's step time against torch.nn.LSTM of equal hidden size (hidden 256, batch 512 × 60 steps,
   forward+backward), eager and under torch.compile (the compile time is printed separately).

    python bench/models.py [--presets tiny,SimplexLSTM,EfficientHybrid,TaskEnsemble,current] [--batch 64] [--compile]
"""
import argparse, sys, time
from pathlib import Path
import torch
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from torch.utils.flop_counter import FlopCounterMode
from tradenb.models.hybrid import build_model, n_params
from tradenb.models.xlstm import sLSTMCell, mLSTMBlock, mlstm_parallel
from tradenb.training import compile_recurrent

def timed(f, reps, warm=1, sync=lambda: None):
    for _ in range(warm): f()
    sync(); t0 = time.perf_counter()
    for _ in range(reps): f()
    sync(); return (time.perf_counter() - t0) / reps

def matmul_peak(dev, n=2048, reps=10, sync=lambda: None):
    a, b = torch.randn(n, n, device=dev), torch.randn(n, n, device=dev)
    return 2 * n ** 3 / timed(lambda: a @ b, reps, 2, sync)

def fwd_bwd(model, x, ps=None):
    def step():
        o = model(x, ps) if ps is not None else model(x)
        sum(v.float().mean() for v in o.values()).backward()
    return step

def flops_of(step):
    with FlopCounterMode(display=False) as fc: step()
    return fc.get_total_flops()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--presets', default='tiny,SimplexLSTM,EfficientHybrid,TaskEnsemble,current')
    ap.add_argument('--batch', type=int, default=64); ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    ap.add_argument('--compile', action='store_true', help='also time the presets and the sLSTM layer with the sLSTM cells compiled')
    ap.add_argument('--lstm-batch', type=int, default=512)
    a = ap.parse_args()
    dev = torch.device(a.device)
    sync = (lambda: torch.cuda.synchronize()) if dev.type == 'cuda' else (lambda: None)
    torch.manual_seed(0)
    peak = matmul_peak(dev, sync=sync)
    name = torch.cuda.get_device_name() if dev.type == 'cuda' else f'CPU, {torch.get_num_threads()} threads'
    print(f"device: {name}; torch {torch.__version__}; matmul peak (2048², float32): {peak / 1e9:.1f} GFLOP/s")
    # the ceiling at a 32-wide model's shapes: its largest products are (batch·60 × 32) @ (32 × 128) and back
    xa, wa = torch.randn(a.batch * 60, 32, device=dev), torch.randn(32, 128, device=dev)
    small = 2 * a.batch * 60 * 32 * 128 / timed(lambda: xa @ wa, 20, 3, sync)
    print(f"matmul at the tiny preset's shapes ({a.batch * 60} × 32 · 32 × 128): {small / 1e9:.1f} GFLOP/s = "
          f"{small / peak:.1%} of that peak")
    print(f"\n{'preset':27}{'params':>10}{'samples/s':>11}{'GFLOP/s':>9}{'of peak':>9}   (forward+backward, batch {a.batch} × 60 × 40)")
    for p in a.presets.split(','):
        for compiled in ([False, True] if a.compile else [False]):
            m = build_model(p).to(dev).train()
            n_c = compile_recurrent(m) if compiled else 0
            if compiled and not n_c: continue   # no sLSTM cell to compile
            x = torch.randn(a.batch, 60, 40, device=dev)
            ps = torch.randn(a.batch, m.cfg.position_dim, device=dev) if m.cfg.position_dim else None
            step = fwd_bwd(m, x, ps)
            fl = flops_of(build_step_for_count(p, a.batch, dev))
            t0 = time.perf_counter(); step(); sync(); first = time.perf_counter() - t0
            t = timed(step, a.reps, 1, sync)
            label = p + (' (compiled)' if compiled else '')
            print(f"{label:27}{n_params(m) / 1e6:>9.2f}M{a.batch / t:>11.0f}{fl / t / 1e9:>9.2f}{fl / t / peak:>8.1%}"
                  + (f"   compile + first step {first:.0f} s" if compiled else ''))
    lstm_vs_xlstm(dev, a, peak, sync)

def build_step_for_count(p, batch, dev):
    "The same step on an eager copy, for counting FLOPs (compiled code hides its ops from the counter)."
    m = build_model(p).to(dev).train()
    ps = torch.randn(batch, m.cfg.position_dim, device=dev) if m.cfg.position_dim else None
    return fwd_bwd(m, torch.randn(batch, 60, 40, device=dev), ps)

def lstm_vs_xlstm(dev, a, peak, sync):
    B, T, H = a.lstm_batch, 60, 256
    x = torch.randn(B, T, H, device=dev)
    lstm = torch.nn.LSTM(H, H, batch_first=True).to(dev)
    cell = sLSTMCell(H, H, heads=4).to(dev)
    mblk = mLSTMBlock(H, heads=4).to(dev)
    def run(mod):
        return lambda: mod(x)[0].mean().backward()
    t_lstm = timed(run(lstm), 2, 1, sync)
    fl_lstm = 3 * 2 * B * T * 4 * H * (H + H)   # forward matmuls 2·B·T·4H·(I+H); backward about twice that (the counter misses fused LSTM ops)
    print(f"\nrecurrent layers, hidden {H}, batch {B} × {T} steps, forward+backward:")
    print(f"  torch.nn.LSTM (1 layer)                 {t_lstm * 1e3:8.0f} ms   1.00×   {fl_lstm / t_lstm / peak:6.1%} of peak")
    t_s = timed(run(cell), 2, 1, sync)
    print(f"  tradenb sLSTM, eager (fused recurrence) {t_s * 1e3:8.0f} ms   {t_s / t_lstm:.2f}×")
    cell.fused = False
    t_st = timed(run(cell), 1, 1, sync)
    print(f"  tradenb sLSTM, eager step by step       {t_st * 1e3:8.0f} ms   {t_st / t_lstm:.2f}×   (the fused form is {t_st / t_s:.1f}× faster)")
    cell.fused = True
    # the mLSTM cell alone: q, k, v (B, NH, T, DH) and its gates, inner width 2H as in the block (the block's projections excluded)
    NH, DH = 4, 2 * H // 4
    qkv = [torch.randn(B, NH, T, DH, device=dev, requires_grad=True) for _ in range(3)]
    gi, gf = (torch.randn(B, NH, T, device=dev, requires_grad=True) for _ in range(2))
    t_c = timed(lambda: mlstm_parallel(*qkv, gi, gf).mean().backward(), 2, 1, sync)
    print(f"  tradenb mLSTM cell (parallel form, inner width {2 * H}) {t_c * 1e3:5.0f} ms   {t_c / t_lstm:.2f}×")
    t_m = timed(lambda: mblk(x).mean().backward(), 2, 1, sync)
    fl_m = flops_of(lambda: mblk(x).mean().backward())
    print(f"  tradenb mLSTM block (projections, conv, cell) {t_m * 1e3:4.0f} ms   {t_m / t_lstm:.2f}×   "
          f"{fl_m / fl_lstm:.2f}× the LSTM's FLOPs; {fl_m / t_m / peak:.1%} of peak")
    if a.compile:
        cell.fused = False
        c = torch.compile(cell)
        t0 = time.perf_counter(); c(x)[0].mean().backward(); sync(); tc = time.perf_counter() - t0
        t_c = timed(run(c), 2, 1, sync)
        print(f"  tradenb sLSTM, torch.compile      {t_c * 1e3:8.0f} ms   {t_c / t_lstm:.2f}×   (compile + first step: {tc:.0f} s)")

if __name__ == '__main__':
    main()
