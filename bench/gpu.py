#!/usr/bin/env python
"""GPU benchmark — the one short script a GPU machine runs (needs only torch and `tradenb.models`):

1. the GPU's matmul peak measured in the same run: float32 (TF32 off), TF32 and bfloat16 (8192² matrices);
2. each preset's training step (forward + backward + AdamW, batch × 60 bars × 40 features, random inputs —
   SYNTHETIC) in float32 and under bfloat16 autocast (the Trainer's default on CUDA): samples/s, and the FLOP/s it
   achieves (FLOPs counted by torch.utils.flop_counter) as a fraction of the matching peak;
3. the recurrent layers at hidden 256, batch 512 × 60 steps, forward + backward: torch.nn.LSTM (cuDNN) beside
   tradenb's sLSTM (eager with its fused recurrence, eager step by step, and under torch.compile with its compile
   time) and mLSTM block.

    python bench/gpu.py [--presets tiny,SimplexLSTM,EfficientHybrid,TaskEnsemble,current] [--batch 512] [--no-compile]
"""
import argparse, sys, time
from pathlib import Path
import torch
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from torch.utils.flop_counter import FlopCounterMode
from tradenb.models.hybrid import build_model, n_params
from tradenb.models.xlstm import sLSTMCell, mLSTMBlock

def sync(): torch.cuda.synchronize()

def timed(f, reps, warm=2):
    for _ in range(warm): f()
    sync(); t0 = time.perf_counter()
    for _ in range(reps): f()
    sync(); return (time.perf_counter() - t0) / reps

def peak(dtype, tf32=False, n=8192, reps=10):
    torch.backends.cuda.matmul.allow_tf32 = tf32
    a, b = torch.randn(n, n, device='cuda', dtype=dtype), torch.randn(n, n, device='cuda', dtype=dtype)
    out = 2 * n ** 3 / timed(lambda: a @ b, reps)
    torch.backends.cuda.matmul.allow_tf32 = False
    return out

def train_step(m, x, ps, opt, bf16):
    def step():
        with torch.autocast('cuda', torch.bfloat16, enabled=bf16):
            o = m(x, ps) if ps is not None else m(x)
        loss = sum(v.float().mean() for v in o.values())
        loss.backward(); opt.step(); opt.zero_grad(set_to_none=True)
    return step

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--presets', default='tiny,SimplexLSTM,EfficientHybrid,TaskEnsemble,current')
    ap.add_argument('--batch', type=int, default=512); ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--no-compile', action='store_true')
    a = ap.parse_args()
    if not torch.cuda.is_available(): sys.exit('bench/gpu.py: no CUDA device here (torch.cuda.is_available() is False)')
    torch.manual_seed(0)
    p32, ptf, pbf = peak(torch.float32), peak(torch.float32, tf32=True), peak(torch.bfloat16)
    print(f'device: {torch.cuda.get_device_name()} ({torch.cuda.get_device_properties(0).total_memory / 2**30:.0f} GiB); '
          f'torch {torch.__version__}, CUDA {torch.version.cuda}, cuDNN {torch.backends.cudnn.version()}')
    print(f'matmul peak, 8192²: float32 {p32 / 1e12:.1f} TFLOP/s, TF32 {ptf / 1e12:.1f}, bfloat16 {pbf / 1e12:.1f}')
    print(f"\n{'preset':17}{'params':>9}{'fp32 samples/s':>16}{'of fp32 peak':>14}{'bf16 samples/s':>16}{'of bf16 peak':>14}"
          f'   (training step: forward + backward + AdamW, batch {a.batch} × 60 × 40)')
    for p in a.presets.split(','):
        m = build_model(p).cuda().train()
        x = torch.randn(a.batch, 60, 40, device='cuda')
        ps = torch.randn(a.batch, m.cfg.position_dim, device='cuda') if m.cfg.position_dim else None
        opt = torch.optim.AdamW(m.parameters(), 1e-4)
        with FlopCounterMode(display=False) as fc:
            o = m(x, ps) if ps is not None else m(x); sum(v.mean() for v in o.values()).backward()
        fl = fc.get_total_flops(); opt.zero_grad(set_to_none=True)
        t32 = timed(train_step(m, x, ps, opt, False), a.reps)
        tbf = timed(train_step(m, x, ps, opt, True), a.reps)
        print(f'{p:17}{n_params(m) / 1e6:>8.2f}M{a.batch / t32:>16,.0f}{fl / t32 / p32:>14.1%}'
              f'{a.batch / tbf:>16,.0f}{fl / tbf / pbf:>14.1%}')
        del m, opt; torch.cuda.empty_cache()
    B, T, H = 512, 60, 256
    x = torch.randn(B, T, H, device='cuda')
    lstm = torch.nn.LSTM(H, H, batch_first=True).cuda()
    cell, mblk = sLSTMCell(H, H, heads=4).cuda(), mLSTMBlock(H, heads=4).cuda()
    run = lambda mod: (lambda: mod(x)[0].mean().backward())
    t_l = timed(run(lstm), 5)
    fl_l = 3 * 2 * B * T * 4 * H * (H + H)      # forward matmuls 2·B·T·4H·(I+H), backward about twice that
    print(f'\nrecurrent layers, hidden {H}, batch {B} × {T} steps, forward + backward (float32):')
    print(f'  torch.nn.LSTM (cuDNN)        {t_l * 1e3:8.2f} ms   1.00×   {fl_l / t_l / p32:6.1%} of the fp32 peak')
    t_s = timed(run(cell), 5)
    print(f'  tradenb sLSTM, eager (fused) {t_s * 1e3:8.2f} ms   {t_s / t_l:.2f}×')
    cell.fused = False
    t_st = timed(run(cell), 5)
    print(f'  tradenb sLSTM, step by step  {t_st * 1e3:8.2f} ms   {t_st / t_l:.2f}×')
    t_m = timed(lambda: mblk(x).mean().backward(), 5)
    print(f'  tradenb mLSTM block          {t_m * 1e3:8.2f} ms   {t_m / t_l:.2f}×')
    if not a.no_compile:
        c = torch.compile(cell)
        t0 = time.perf_counter(); c(x)[0].mean().backward(); sync(); tc = time.perf_counter() - t0
        t_c = timed(run(c), 5)
        print(f'  tradenb sLSTM, torch.compile {t_c * 1e3:8.2f} ms   {t_c / t_l:.2f}×   (compile + first step {tc:.0f} s)')

if __name__ == '__main__':
    main()
