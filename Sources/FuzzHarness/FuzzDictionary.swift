import Notebook

/// Words for the byte fuzzer's dictionary (`-dict=`), taken from the build:
/// every command name and alias, the words and `key=` options their Tab
/// completion offers, and a few literals — so libFuzzer splices whole words
/// into the bytes it mutates, and a new command's words are in it too.
public enum FuzzDictionary {
    /// The dictionary in libFuzzer's format, one quoted entry a line.
    public static func text() -> String {
        let fuzz = FuzzSession(folder: FuzzSession.makeFolder("rnnbook-fuzz-dict"), withFiles: false)
        let session = fuzz.session
        var entries: [String] = []
        for command in session.commands.commands {
            entries += [command.name] + command.aliases
            let first = command.completions(after: [], in: session)
            entries += first
            for word in [[]] + first.prefix(20).map({ [$0] }) {
                entries += command.optionSpecs(after: word, in: session).map { $0.key + "=" }
            }
        }
        entries += ["[[1, 0], [0, 1]]", "[1, 0]", "nan", "inf", "1e308", "-1", "0", ";", "\"", "#", "\n", "$", "m.safetensors", "s.state", "n.rnn"]
        var seen = Set<String>()
        return entries.filter { seen.insert($0).inserted }.map { quoted($0) }.joined(separator: "\n") + "\n"
    }

    /// An entry as libFuzzer reads it: in double quotes, with `"`, `\` and control bytes escaped as \xNN.
    static func quoted(_ word: String) -> String {
        let body = word.utf8.map { byte -> String in
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x7f {
                let hex = String(byte, radix: 16, uppercase: true)
                return "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
            return String(UnicodeScalar(byte))
        }
        return "\"" + body.joined() + "\""
    }
}
