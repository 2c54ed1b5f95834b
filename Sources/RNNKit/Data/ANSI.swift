/// Terminal escape sequences (colours, cursor movement) inside text.
public enum ANSI {
    /// `text` without escape sequences: CSI (`ESC [ … final`, e.g.
    /// `\u{1B}[31m`), OSC (`ESC ] … BEL` or `ESC \`), two-byte `ESC X`, and
    /// the 8-bit CSI `U+009B`. Other text is untouched.
    public static func strip(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\u{1B}" || $0 == "\u{9B}" }) else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let s = scalars.popFirst() {
            if s == "\u{9B}" { skipCSI(&scalars); continue }
            guard s == "\u{1B}" else { out.append(s); continue }
            guard let kind = scalars.popFirst() else { break }
            switch kind {
            case "[": skipCSI(&scalars)
            case "]", "P", "X", "^", "_": skipString(&scalars)
            default: break  // ESC plus one character (ESC 7, ESC M, …)
            }
        }
        return String(out)
    }

    /// Skips parameter and intermediate bytes up to and including the final byte (0x40–0x7E).
    private static func skipCSI(_ s: inout Substring.UnicodeScalarView) {
        while let c = s.popFirst() {
            if (0x40...0x7E).contains(c.value) { return }
        }
    }

    /// Skips a control string up to BEL or ST (`ESC \`).
    private static func skipString(_ s: inout Substring.UnicodeScalarView) {
        while let c = s.popFirst() {
            if c == "\u{07}" { return }
            if c == "\u{1B}" { if s.first == "\\" { s.removeFirst() }; return }
        }
    }
}
