import RNNKit

/// How `step` and `run` show the probes a net recorded: one block per step,
/// or one table with a row per step.
enum ProbeTable {
    /// `t=1` then one row per probe: name, label, values (first in the batch).
    /// A word input shows as the word (its vector is one `encode` away).
    static func step(time: Int, _ entries: [Probes.Entry], format: NumberFormat, word: String? = nil, width: Int = 80) -> [String] {
        let nameWidth = entries.map { $0.name.count }.max() ?? 0, labelWidth = entries.map { $0.label.count }.max() ?? 0
        let room = max(20, width - 2 - nameWidth - 2 - labelWidth - 2)
        return ["t=\(time)"] + table(entries.map { entry in
            let shown = entry.kind == .input ? word.map { "\"\($0)\"" } : nil
            return ["  " + entry.name, entry.label, shown ?? format.format(vector: entry.value.row(0), fitting: room)]
        })
    }

    /// A table: `t` and one column per probe, then a legend of the probe
    /// names. When the table is wider than `width`, one block per step
    /// instead (as `step` prints), so deep and bidirectional nets stay readable.
    static func run(_ probes: [[Probes.Entry]], startTime: Int, format: NumberFormat, width: Int, words: [String?] = []) -> [String] {
        guard let first = probes.first else { return [] }
        var rows = [["t"] + first.map(\.name)]
        for (i, entries) in probes.enumerated() {
            let word = i < words.count ? words[i] : nil
            rows.append(["\(startTime + i + 1)"] + entries.map { entry in
                entry.kind == .input ? word.map { "\"\($0)\"" } ?? format.format(vector: entry.value.row(0))
                    : format.format(vector: entry.value.row(0))
            })
        }
        let lines = table(rows)
        if lines.allSatisfy({ displayWidth(Array($0)) <= width }) {
            return lines + [first.map { "\($0.name) \($0.label)" }.joined(separator: " · ")]
        }
        return probes.enumerated().flatMap { i, entries in
            step(time: startTime + i + 1, entries, format: format, word: i < words.count ? words[i] : nil, width: width)
        }
    }

    /// A line saying values overflowed, when any probe holds inf or NaN.
    static func overflowNote(_ probes: [[Probes.Entry]]) -> [String] {
        let bad = probes.flatMap { $0 }.filter { !$0.value.isFinite }.map(\.name)
        guard let first = bad.first else { return [] }
        return ["note: \(first) overflowed Float32 (inf or nan): the weights or inputs are too large"]
    }
}
