/// A grid of Braille characters, each a 2×4 block of dots, for line charts
/// in a terminal. Dot (x, y) counts from the top left; each character
/// remembers which series set a dot in it last, for its colour.
struct BrailleCanvas {
    /// The bit of each dot in a character, by row (0–3) and column (0–1):
    /// the character is U+2800 plus the bits of its raised dots.
    static let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    let columns: Int
    let rows: Int
    private var cells: [UInt8]
    private var owners: [Int?]

    /// A blank canvas of `columns` × `rows` characters.
    init(columns: Int, rows: Int) {
        self.columns = max(columns, 1)
        self.rows = max(rows, 1)
        cells = Array(repeating: 0, count: self.columns * self.rows)
        owners = Array(repeating: nil, count: self.columns * self.rows)
    }

    /// Dots across and down.
    var dotWidth: Int { columns * 2 }
    var dotHeight: Int { rows * 4 }

    /// The character for a set of raised dots (`dots[row][column]`).
    static func character(_ dots: [[Bool]]) -> Character {
        var value: UInt32 = 0x2800
        for (r, row) in dots.enumerated() {
            for (c, on) in row.enumerated() where on { value += UInt32(bits[r][c]) }
        }
        return Character(Unicode.Scalar(value)!)
    }

    /// Raises dot (x, y) for `series`; dots off the canvas are ignored.
    mutating func set(_ x: Int, _ y: Int, series: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let i = (y / 4) * columns + x / 2
        cells[i] |= Self.bits[y % 4][x % 2]
        owners[i] = series
    }

    /// A straight line of dots between two points (Bresenham). `pattern`
    /// leaves gaps: dot k is drawn when `pattern(k)` is true.
    mutating func line(from a: (Int, Int), to b: (Int, Int), series: Int, pattern: (Int) -> Bool = { _ in true }) {
        var (x, y) = a
        let dx = abs(b.0 - a.0), dy = -abs(b.1 - a.1)
        let sx = a.0 < b.0 ? 1 : -1, sy = a.1 < b.1 ? 1 : -1
        var error = dx + dy
        var k = 0
        while true {
            if pattern(k) { set(x, y, series: series) }
            k += 1
            if x == b.0 && y == b.1 { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }

    /// Whether character (column, row) has any raised dot.
    func isEmpty(column: Int, row: Int) -> Bool { cells[row * columns + column] == 0 }

    /// The character at (column, row) and the series that drew it last.
    func cell(column: Int, row: Int) -> (Character, Int?) {
        let i = row * columns + column
        return (Character(Unicode.Scalar(0x2800 + UInt32(cells[i]))!), owners[i])
    }
}
