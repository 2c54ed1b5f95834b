extension String {
    /// The string as a one-line error message may quote it when it came from
    /// a file (a tensor name, a metadata entry): in single quotes, control
    /// characters escaped (`\n`, `\u{7}`) so the message stays one line, and
    /// cut to about `limit` characters with `…`.
    public func quotedForMessage(limit: Int = 60) -> String {
        var out = ""
        var count = 0
        for scalar in unicodeScalars {
            guard count < limit else { return "'" + out + "…'" }
            let piece: String
            switch scalar {
            case "\n": piece = "\\n"
            case "\r": piece = "\\r"
            case "\t": piece = "\\t"
            default:
                let category = scalar.properties.generalCategory
                let invisible = category == .control || category == .format || category == .lineSeparator
                    || category == .paragraphSeparator || category == .surrogate || category == .unassigned
                piece = invisible ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
            out += piece
            count += 1
        }
        return "'" + out + "'"
    }
}

extension Unicode.Scalar {
    /// Whether the scalar has no place in one line of text: a control
    /// character (line breaks and tabs included) or a line or paragraph separator.
    public var isLineBreakingOrControl: Bool {
        properties.generalCategory == .control || self == "\u{2028}" || self == "\u{2029}"
    }
}
