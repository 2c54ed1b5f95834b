"""The rnnbench workloads in PyTorch, written as a PyTorch user writes them:
one-hot input, one nn.LSTM/nn.GRU/nn.RNN layer, nn.Linear output, cross-entropy
at every step, Adam(lr=0.001), clip_grad_norm_(..., 5), truncated BPTT with the
state carried (detached) across chunks, float32, 2 threads. Median epoch time
of several epochs after a warm-up one, and the SGEMM peak (2048^3) in the
same run. Writes the JSON lines rnnbench writes, for Benchmarks/compare.py.
The workload list is Benchmarks/Sources/rnnbench/Workload.swift's.

  python3 Benchmarks/pytorch/bench.py [--json FILE] [--repeats N] [NAME... | all | lengths | widths | shapes]
"""
import json, resource, statistics, sys, time
import torch


def workloads():
    standard = [
        ("char-lstm", "lstm", 65, 256, 64, 32, 12),
        ("char-gru", "gru", 65, 256, 64, 32, 12),
        ("big-lstm", "lstm", 65, 512, 64, 64, 4),
        ("tiny-rnn", "elman", 10, 8, 10, 1, 4000),
        ("lstm-128", "lstm", 65, 128, 32, 16, 60),
    ]
    lengths = [(f"char-lstm-T{T}", "lstm", 65, 256, T, 32, max(1, 768 // T)) for T in (16, 64, 256, 1024)]
    widths = [(f"char-lstm-H{H}", "lstm", 65, H, 64, 32, max(2, 8192 // H // 4)) for H in (32, 64, 128, 256, 512, 1024)]
    # (name, cell, V, H, T, B, batches, layers, bidirectional): shapes the issue does not list.
    shapes = [
        ("char-lstm-2layer", "lstm", 65, 256, 64, 32, 6, 2, False),
        ("char-lstm-bidir", "lstm", 65, 256, 64, 32, 6, 1, True),
        ("char-gru-2layer", "gru", 65, 256, 64, 32, 6, 2, False),
        ("char-elman", "elman", 65, 256, 64, 32, 24, 1, False),
    ]
    plain = lambda ws: [w + (1, False) for w in ws]
    return plain(standard), plain(lengths), plain(widths), shapes


def flops_per_token(cell, V, H, layers=1, bidirectional=False):
    """Dense GEMM FLOPs of a training step per token: forward twice each weight, backward twice that."""
    gates = {"lstm": 4, "gru": 3, "elman": 1}[cell]
    d = 2 if bidirectional else 1
    recurrent = sum(d * 2.0 * gates * H * ((V if k == 0 else d * H) + H) for k in range(layers))
    return 3 * (recurrent + 2.0 * d * H * V)


def sgemm_peak():
    n = 2048
    a, b = torch.rand(n, n), torch.rand(n, n)
    a @ b
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter(); a @ b; best = min(best, time.perf_counter() - t)
    return 2 * n ** 3 / best / 1e9


class Model(torch.nn.Module):
    def __init__(self, cell, V, H, layers=1, bidirectional=False):
        super().__init__()
        cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "elman": torch.nn.RNN}[cell]
        self.rnn = cls(V, H, num_layers=layers, bidirectional=bidirectional)
        self.out = torch.nn.Linear(H * (2 if bidirectional else 1), V)

    def forward(self, x, state):
        y, state = self.rnn(x, state)
        return self.out(y), state


def detach(state):
    if isinstance(state, tuple):
        return tuple(s.detach() for s in state)
    return None if state is None else state.detach()


def time_epochs(cell, V, H, T, B, batches, repeats, layers=1, bidirectional=False):
    torch.manual_seed(1)
    model = Model(cell, V, H, layers, bidirectional)
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    text = torch.randint(0, V, (B * T * batches + 1,))
    streams = text[:-1].view(B, -1).t().contiguous()  # [steps, B]: B parallel streams, as rnnbook's text batches
    targets = text[1:].view(B, -1).t().contiguous()
    eye = torch.eye(V)

    def epoch():
        state = None
        for k in range(batches):
            x = eye[streams[k * T:(k + 1) * T]]  # one-hot [T, B, V]
            y = targets[k * T:(k + 1) * T]
            opt.zero_grad()
            logits, state = model(x, state)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, V), y.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5)
            opt.step()
            state = detach(state)

    epoch()
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); epoch(); times.append(time.perf_counter() - t)
    return statistics.median(times), B * T * batches


def main():
    args = sys.argv[1:]
    json_path, repeats = None, 5
    if "--json" in args:
        i = args.index("--json"); json_path = args[i + 1]; del args[i:i + 2]
    if "--repeats" in args:
        i = args.index("--repeats"); repeats = int(args[i + 1]); del args[i:i + 2]
    torch.set_num_threads(2)
    standard, lengths, widths, shapes = workloads()
    every = standard + lengths + widths + shapes
    groups = {"all": every, "lengths": lengths, "widths": widths, "shapes": shapes}
    chosen = standard if not args else [w for a in args for w in groups.get(a, [w for w in every if w[0] == a])]
    peak = sgemm_peak()
    print(f"SGEMM 2048^3 (PyTorch {torch.__version__}, 2 threads): {peak:.1f} GFLOP/s\n")
    print("workload            tok/s      GFLOP/s  %peak   ms/epoch  peak RSS")
    records = []
    for (name, cell, V, H, T, B, batches, layers, bidirectional) in chosen:
        seconds, tokens = time_epochs(cell, V, H, T, B, batches, repeats, layers, bidirectional)
        tps = tokens / seconds
        flops = flops_per_token(cell, V, H, layers, bidirectional)
        gflops = tps * flops / 1e9
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name:16} {tps:10.0f}  {gflops:8.1f}  {100 * gflops / peak:5.1f}%  {1000 * seconds:9.1f}  {rss:6.0f} MB")
        records.append({"impl": "pytorch", "workload": name, "tokens_per_s": tps, "gflops": gflops, "peak_gflops": peak,
                        "fraction_of_peak": gflops / peak, "flop_per_token": flops, "peak_rss_mb": rss})
    if json_path:
        with open(json_path, "w") as f:
            for r in records:
                f.write(json.dumps(r, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
