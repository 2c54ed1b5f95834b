"""The rnnbench workload in PyTorch: forward + backward of sum(out * R) over
batch 32 x 35 steps, in = hidden = 256, float32, 2 threads; batch-1 inference
of 35 steps. Best of several runs, as rnnbench. Also SGEMM 1024^3."""
import time, torch
torch.set_num_threads(2)
torch.manual_seed(0)
def fastest(n, f):
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter(); f(); best = min(best, time.perf_counter() - t)
    return best
n = 1024
a, b = torch.randn(n, n), torch.randn(n, n)
peak = 2 * n**3 / fastest(5, lambda: a @ b) / 1e9
print(f"SGEMM {n}^3 (PyTorch): {peak:.1f} GFLOP/s")
B, T, W = 32, 35, 256
for name, cls in [("elman", torch.nn.RNN), ("gru", torch.nn.GRU), ("lstm", torch.nn.LSTM)]:
    net = cls(W, W)
    x = torch.randn(T, B, W); R = torch.randn(T, B, W)
    def train():
        net.zero_grad(); out, _ = net(x); (out * R).sum().backward()
    train()
    s = fastest(5, train)
    xs = torch.randn(T, 1, W)
    def infer():
        with torch.no_grad(): net(xs)
    infer()
    i = fastest(5, infer)
    print(f"{name:6} train {B*T/s:10.0f} tok/s   infer {T/i:10.0f} tok/s")
