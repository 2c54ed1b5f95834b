import Foundation

/// How many colours the terminal shows: none (plain text, as in notebooks),
/// the xterm 256-colour palette, or 24-bit colour (`COLORTERM=truecolor`).
public enum ColorDepth: String, Sendable, Equatable, CaseIterable {
    case none
    case ansi256
    case truecolor

    /// The depth for a terminal: none when colour is off, 24-bit when
    /// `COLORTERM` says `truecolor` or `24bit`, else 256 colours.
    public init(colorEnabled: Bool, environment: [String: String]) {
        guard colorEnabled else { self = .none; return }
        let colorterm = (environment["COLORTERM"] ?? "").lowercased()
        self = colorterm == "truecolor" || colorterm == "24bit" ? .truecolor : .ansi256
    }
}

/// A colour as 8-bit red, green and blue.
struct RGB: Equatable, Sendable {
    var r: UInt8, g: UInt8, b: UInt8

    init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }

    init(hex: UInt32) { self.init(UInt8(hex >> 16 & 0xFF), UInt8(hex >> 8 & 0xFF), UInt8(hex & 0xFF)) }

    /// `#rrggbb`, lower case (for SVG).
    var hex: String { String(format: "#%02x%02x%02x", r, g, b) }

    /// The straight mix `(1 - t) * self + t * other`.
    func mixed(with other: RGB, _ t: Double) -> RGB {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return RGB(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }

    /// The nearest xterm-256 colour: the 6×6×6 cube or the 24 greys.
    var xterm256: Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ v: UInt8) -> Int { levels.indices.min { abs(levels[$0] - Int(v)) < abs(levels[$1] - Int(v)) }! }
        let (ri, gi, bi) = (nearestLevel(r), nearestLevel(g), nearestLevel(b))
        let cube = (levels[ri], levels[gi], levels[bi])
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = max(0, min(23, (average - 8 + 5) / 10))
        let grey = 8 + 10 * greyIndex
        func distance(_ c: (Int, Int, Int)) -> Int {
            let dr = c.0 - Int(r), dg = c.1 - Int(g), db = c.2 - Int(b)
            return dr * dr + dg * dg + db * db
        }
        return distance((grey, grey, grey)) < distance(cube) ? 232 + greyIndex : 16 + 36 * ri + 6 * gi + bi
    }

    /// The SGR parameters that select this colour as foreground (or background).
    func sgr(background: Bool, depth: ColorDepth) -> String {
        switch depth {
        case .none: return ""
        case .ansi256: return "\(background ? 48 : 38);5;\(xterm256)"
        case .truecolor: return "\(background ? 48 : 38);2;\(r);\(g);\(b)"
        }
    }
}

/// The fixed colours every plot uses, so the same plot gives the same bytes.
enum Palette {
    /// Line colours, one per series (Tableau 10: blue, orange, green, red, purple).
    static let series: [RGB] = [RGB(hex: 0x4E79A7), RGB(hex: 0xF28E2B), RGB(hex: 0x59A14F), RGB(hex: 0xE15759), RGB(hex: 0xB07AA1)]
    /// Marker colour for vertical reference lines.
    static let reference = RGB(hex: 0x9C9C9C)
    /// Per-series marker characters, so lines read without colour.
    static let markers: [Character] = ["•", "×", "+", "∗", "o"]
    /// Legend samples for solid, dashed and dotted lines.
    static let lineSamples = ["━━", "╍╍", "┉┉"]
    /// Sequential scale stops (viridis) for values in a fixed range such as gates.
    static let sequential: [RGB] = [RGB(hex: 0x440154), RGB(hex: 0x3B528B), RGB(hex: 0x21918C), RGB(hex: 0x5EC962), RGB(hex: 0xFDE725)]
    /// Diverging scale stops (blue, white, red) for signed values such as weights.
    static let diverging: [RGB] = [RGB(hex: 0x2166AC), RGB(hex: 0x92C5DE), RGB(hex: 0xF7F7F7), RGB(hex: 0xF4A582), RGB(hex: 0xB2182B)]
    /// The ramp that shows a heatmap without colour, light to dark.
    static let ramp: [Character] = [" ", "░", "▒", "▓", "█"]
}

/// Maps numbers in `[low, high]` to colours and to the ` ░▒▓█` ramp.
struct ColorScale: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// Low to high (viridis), e.g. gates in [0, 1].
        case sequential
        /// Negative blue, zero white, positive red; the range is symmetric about 0.
        case diverging
    }

    var kind: Kind
    var low: Double
    var high: Double

    /// A sequential scale over `low...high`.
    static func sequential(_ low: Double, _ high: Double) -> ColorScale {
        ColorScale(kind: .sequential, low: low, high: high > low ? high : low + 1)
    }

    /// A diverging scale over `-m...m` where `m` is the largest magnitude in `values`.
    static func diverging(covering values: [Double]) -> ColorScale {
        let m = values.filter(\.isFinite).map(abs).max() ?? 0
        let bound = m > 0 ? m : 1
        return ColorScale(kind: .diverging, low: -bound, high: bound)
    }

    /// Where `v` falls, 0 at `low` and 1 at `high`, clamped.
    func fraction(_ v: Double) -> Double {
        guard v.isFinite else { return v > 0 ? 1 : 0 }
        return max(0, min(1, (v - low) / (high - low)))
    }

    var stops: [RGB] { kind == .sequential ? Palette.sequential : Palette.diverging }

    /// The colour of `v`.
    func color(_ v: Double) -> RGB {
        let stops = self.stops
        let position = fraction(v) * Double(stops.count - 1)
        let i = min(Int(position), stops.count - 2)
        return stops[i].mixed(with: stops[i + 1], position - Double(i))
    }

    /// The ramp character of `v`: five equal bands from `low` to `high`.
    func rampCharacter(_ v: Double) -> Character {
        Palette.ramp[min(Palette.ramp.count - 1, Int(fraction(v) * Double(Palette.ramp.count)))]
    }

    /// The band edges of the ramp: `low`, four inner edges, `high`.
    var rampEdges: [Double] {
        (0...Palette.ramp.count).map { low + (high - low) * Double($0) / Double(Palette.ramp.count) }
    }
}

/// Text with SGR colour codes, built run by run so a line of many cells in
/// the same colour carries one escape.
struct StyledLine {
    private(set) var text = ""
    private(set) var width = 0
    private var current = ""
    let depth: ColorDepth

    init(depth: ColorDepth) { self.depth = depth }

    /// Appends `s` (all one-column characters) in the style `sgr` ("" for plain).
    mutating func append(_ s: String, style sgr: String = "") {
        let style = depth == .none ? "" : sgr
        if style != current {
            text += current.isEmpty ? "" : "\u{1B}[0m"
            if !style.isEmpty { text += "\u{1B}[\(style)m" }
            current = style
        }
        text += s
        width += s.count
    }

    /// The line, padded with spaces to `columns`, colour reset at the end.
    func finished(columns: Int) -> String {
        var line = self
        if width < columns { line.append(String(repeating: " ", count: columns - width)) }
        return line.text + (line.current.isEmpty ? "" : "\u{1B}[0m")
    }
}

/// Removes SGR escape sequences (for tests and for plain copies of coloured output).
public func stripANSI(_ s: String) -> String {
    var out = ""
    var inEscape = false
    for ch in s.unicodeScalars {
        if inEscape {
            if ch == "m" { inEscape = false }
            continue
        }
        if ch == "\u{1B}" { inEscape = true; continue }
        out.unicodeScalars.append(ch)
    }
    return out
}
