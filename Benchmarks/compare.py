"""Puts rnnbench's and bench.py's JSON lines side by side, with ratios.

  python3 Benchmarks/compare.py rnnbook.jsonl pytorch.jsonl
"""
import json, sys

def load(path):
    with open(path) as f:
        return {r["workload"]: r for r in map(json.loads, filter(str.strip, f))}

ours, theirs = load(sys.argv[1]), load(sys.argv[2])
peak = lambda rs: next((r["peak_gflops"] for r in rs.values() if "peak_gflops" in r), float("nan"))
print(f"| workload | PyTorch tok/s | rnnbook tok/s | ratio | rnnbook % of SGEMM peak | peak RSS rnnbook / PyTorch |")
print(f"| --- | ---: | ---: | ---: | ---: | ---: |")
for name, r in ours.items():
    if "tokens_per_s" not in r:
        continue
    p = theirs.get(name)
    ratio = f"**{r['tokens_per_s'] / p['tokens_per_s']:.2f}×**" if p else "—"
    torch_tps = f"{p['tokens_per_s']:,.0f}" if p else "—"
    rss = f"{r['peak_rss_mb']:.0f} / {p['peak_rss_mb']:.0f} MB" if p else f"{r['peak_rss_mb']:.0f} MB"
    print(f"| {name} | {torch_tps} | {r['tokens_per_s']:,.0f} | {ratio} | {100 * r['fraction_of_peak']:.0f}% | {rss} |")
print(f"\nSGEMM 2048³ in the same runs: rnnbook (OpenBLAS) {peak(ours):.0f} GFLOP/s, PyTorch {peak(theirs):.0f} GFLOP/s")
for name, r in ours.items():
    if "microseconds_per_step" in r:
        print(f"{name}: {r['microseconds_per_step']:.2f} µs per step")
