import Foundation

/// One axis of a chart: its range, tick positions and their labels.
/// A log axis keeps raw values in `ticks` and maps them by log10.
struct Axis: Equatable {
    var low: Double
    var high: Double
    var ticks: [Double]
    var labels: [String]
    var log = false

    /// Where `v` falls on the axis, 0 at `low` and 1 at `high` (not clamped).
    func fraction(_ v: Double) -> Double {
        if log {
            let l = log10(low), h = log10(high)
            return (log10(max(v, Double.leastNormalMagnitude)) - l) / (h - l)
        }
        return (v - low) / (high - low)
    }

    /// A linear axis covering `values`, widened to round ticks at both ends
    /// (or exactly `values`' range with `exact`, e.g. epochs 1…N).
    static func linear(covering values: [Double], ticks target: Int, integer: Bool = false, exact: Bool = false) -> Axis {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        if high - low < 1e-12 * max(1, abs(low)) {
            let pad = integer ? 1 : max(abs(low) * 0.1, 0.5)
            low -= pad; high += pad
        }
        var step = niceStep((high - low) / Double(max(target - 1, 1)))
        if integer { step = max(1, step.rounded()) }
        if !exact {
            low = (low / step).rounded(.down) * step
            high = (high / step).rounded(.up) * step
        }
        var ticks: [Double] = []
        // Whole-number axes (epochs, steps) tick from their first value: 1, 3, 5…
        let first = integer && exact ? low : (low / step - 1e-9).rounded(.up) * step
        var k = 0.0
        while first + k * step <= high + step * 1e-9 {
            let v = first + k * step
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return Axis(low: low, high: high, ticks: ticks, labels: ticks.map { tickLabel($0, step: step) })
    }

    /// A log10 axis covering the positive `values`, widened to whole powers of ten.
    static func logarithmic(covering values: [Double], ticks target: Int) -> Axis {
        let positive = values.filter { $0.isFinite && $0 > 0 }
        let lowExp = (log10(positive.min() ?? 1)).rounded(.down)
        var highExp = (log10(positive.max() ?? 10)).rounded(.up)
        if highExp <= lowExp { highExp = lowExp + 1 }
        let decades = Int(highExp - lowExp)
        let every = max(1, (decades + target - 1) / max(target, 1))
        let exponents = stride(from: Int(lowExp), through: Int(highExp), by: every).map(Double.init)
        let ticks = exponents.map { pow(10, $0) }
        return Axis(low: pow(10, lowExp), high: pow(10, highExp), ticks: ticks, labels: exponents.map { powerLabel(Int($0)) }, log: true)
    }

    /// The 1-2-5 step nearest above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, log10(raw).rounded(.down))
        let n = raw / magnitude
        let nice: Double = n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// A tick's text with as many decimals as the step needs: `0.25`, `10`, `1e+06`.
    static func tickLabel(_ v: Double, step: Double) -> String {
        if v == 0 { return "0" }
        if abs(v) >= 1e6 || step < 1e-4 { return NumberFormat(precision: 3).format(v) }
        let decimals = max(0, -Int((log10(step) + 1e-9).rounded(.down)))
        let s = String(format: "%.\(decimals)f", v)
        return s == "-0" ? "0" : s
    }

    /// `10^k` as text: `0.01`, `1`, `1000`, `1e-5`, `1e6`.
    static func powerLabel(_ k: Int) -> String {
        if (0...4).contains(k) { return "1" + String(repeating: "0", count: k) }
        if (-3 ... -1).contains(k) { return "0." + String(repeating: "0", count: -k - 1) + "1" }
        return "1e\(k)"
    }
}

/// A chart of lines over shared axes, drawn in a terminal (`terminalLines`)
/// or as SVG (`svg`).
struct LineChart {
    /// One line: its legend name and its points.
    struct Series {
        var name: String
        var xs: [Double]
        var ys: [Double]
    }

    /// A vertical reference line, e.g. a weight's current value.
    struct Reference {
        var x: Double
        var label: String
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    var references: [Reference] = []
    /// Log10 y axis (for gradient norms that vanish or explode).
    var logY = false
    /// Whole-number x values (epochs, time steps): integer ticks, exact range.
    var integerX = false

    /// The axes for about `xTicks` and `yTicks` ticks.
    func axes(xTicks: Int, yTicks: Int) -> (x: Axis, y: Axis) {
        let xs = series.flatMap(\.xs) + references.map(\.x)
        let ys = series.flatMap(\.ys)
        let x = Axis.linear(covering: xs, ticks: xTicks, integer: integerX, exact: true)
        let y = logY ? Axis.logarithmic(covering: ys, ticks: yTicks) : Axis.linear(covering: ys, ticks: yTicks)
        return (x, y)
    }
}

/// A grid of numbers drawn as colours: a terminal heatmap (`terminalLines`)
/// or SVG (`svg`). Rows come in named groups (a gate's units, a layer).
struct Heatmap {
    /// One row: the group it belongs to (`i`, `f`, `c_l1`) and its own label (a unit number).
    struct Row: Equatable {
        var group: String
        var label: String
    }

    var title: String
    var rows: [Row]
    /// One label per column (time steps, words, input indices).
    var columnLabels: [String]
    /// `values[row][column]`.
    var values: [[Double]]
    var scale: ColorScale
    var xLabel: String
    var yLabel: String
    /// Lines shown under the plot (what was left out, how columns were merged).
    var notes: [String] = []
}
