import BuiltinPlugins
import Foundation
import RNNKit

// rnnbench: the workloads users train (see Workload.swift), through the same
// code as `train` (Trainer, the Adam plugin, clipping, truncated BPTT over
// streams), with the machine's SGEMM peak measured in the same run.
// Prints a table, and JSON lines with --json FILE (the format bench.py writes,
// so `Benchmarks/compare.py` can put the two side by side).
//
//   swift run -c release --package-path Benchmarks rnnbench [--json FILE] [--repeats N] [--no-peak] [NAME…|all|lengths|widths|shapes]

var arguments = Array(CommandLine.arguments.dropFirst())
var jsonPath: String? = nil
var repeats = 5
if let i = arguments.firstIndex(of: "--json"), i + 1 < arguments.count { jsonPath = arguments[i + 1]; arguments.removeSubrange(i...(i + 1)) }
if let i = arguments.firstIndex(of: "--repeats"), i + 1 < arguments.count { repeats = Int(arguments[i + 1]) ?? 5; arguments.removeSubrange(i...(i + 1)) }
// --no-peak skips the SGEMM measurement (for profiling one workload).
let measurePeak = !arguments.contains("--no-peak")
arguments.removeAll { $0 == "--no-peak" }
let all = Workload.standard + Workload.lengths + Workload.widths + Workload.shapes
let chosen: [Workload] = arguments.isEmpty ? Workload.standard : arguments.flatMap { name -> [Workload] in
    switch name {
    case "all": return all
    case "lengths": return Workload.lengths
    case "widths": return Workload.widths
    case "shapes": return Workload.shapes
    default: return all.filter { $0.name == name }
    }
}

let peak = measurePeak ? sgemmPeak() : .nan
var records: [[String: Any]] = []
print(String(format: "SGEMM 2048³ (OpenBLAS, %d threads): %.1f GFLOP/s", BLASInfo.threads, peak))
print("")
print("workload            tok/s      GFLOP/s  %peak   ms/epoch (median of \(repeats))  peak RSS")
for workload in chosen {
    let seconds = try timeEpochs(workload, repeats: repeats)
    let tokens = Double(workload.batch * workload.steps * workload.batches)
    let tokensPerSecond = tokens / seconds
    let gflops = tokensPerSecond * workload.flopsPerToken / 1e9
    let rss = peakResidentMegabytes()
    print(workload.name.padding(toLength: 16, withPad: " ", startingAt: 0)
          + String(format: " %10.0f  %8.1f  %5.1f%%  %9.1f                %6.0f MB", tokensPerSecond, gflops, 100 * gflops / peak, 1000 * seconds, rss))
    records.append(["impl": "rnnbook", "workload": workload.name, "tokens_per_s": tokensPerSecond, "gflops": gflops,
                    "peak_gflops": peak, "fraction_of_peak": gflops / peak, "flop_per_token": workload.flopsPerToken,
                    "peak_rss_mb": rss])
}
if arguments.isEmpty || arguments.contains("all") || arguments.contains("lecture-run") {
    let perStep = try lectureRunMicroseconds()
    print(String(format: "\nrun of 10,000 steps on the lecture's memory net: %.2f µs per step (printing excluded)", perStep))
    records.append(["impl": "rnnbook", "workload": "lecture-run", "microseconds_per_step": perStep])
}
if let jsonPath {
    let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
    try (lines.joined(separator: "\n") + "\n").write(toFile: jsonPath, atomically: true, encoding: .utf8)
}
