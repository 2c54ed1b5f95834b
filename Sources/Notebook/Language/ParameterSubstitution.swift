import RNNKit

/// `$name` in a line stands for the value of a notebook parameter (`param
/// hidden=32`): replaced before the line is parsed, outside quotes and
/// comments, so `net lstm hidden=$hidden` runs as `net lstm hidden=64` when
/// the notebook is run with `-p hidden=64`.
enum ParameterSubstitution {
    /// `line` with every `$name` replaced, or an error at the first unknown one.
    static func expand(_ line: String, parameters: [String: String]) throws(CommandError) -> String {
        guard line.contains("$") else { return line }
        let chars = Array(line)
        var out = ""
        var i = 0
        var quote: Character? = nil
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                out.append(c)
                if c == "\\", i + 1 < chars.count { out.append(chars[i + 1]); i += 2; continue }
                if c == q { quote = nil }
                i += 1
                continue
            }
            if c == "#" { out += String(chars[i...]); break }
            if c == "\"" { quote = c }
            guard c == "$" else { out.append(c); i += 1; continue }
            var j = i + 1
            while j < chars.count, chars[j] == "_" || (chars[j].isASCII && (chars[j].isLetter || chars[j].isNumber)) { j += 1 }
            let name = String(chars[(i + 1)..<j])
            guard !name.isEmpty else { throw CommandError("a parameter's name follows $, as in $hidden", at: i..<(i + 1)) }
            guard let value = parameters[name] else {
                let hint = closestMatch(to: name, in: Array(parameters.keys)).map { " (did you mean $\($0)?)" } ?? ""
                throw CommandError("unknown parameter $\(name)\(hint): declare it first with `param \(name)=VALUE`", at: i..<j)
            }
            out += value
            i = j
        }
        return out
    }
}
