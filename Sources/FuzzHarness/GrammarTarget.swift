import Foundation
import Notebook
import RNNKit

/// The grammar-aware fuzzer's input: bytes decoded into plausible command
/// sequences — a command of the session's command set, then the words its
/// Tab completion offers, options with values at and past their ranges,
/// numbers, matrices of odd shapes, file names — after damaging or writing
/// the files those commands read (the model, state and notebook files the
/// session saved, a text and a tagged data file).
///
/// Nothing here names a command or an option: everything comes from
/// `session.commands` and each command's `completions`, `optionSpecs` and
/// `completesFilePath`, so a command added to the build is fuzzed too.
public enum GrammarTarget {
    /// Commands run per input, at most.
    public static let maxCommands = 6
    /// The file names commands are given; all relative, so inside the scratch folder.
    static let fileNames = ["m.safetensors", "s.state", "n.rnn", "d.txt", "t.txt", "p.txt", "sub", "missing.txt", ".",
                            "out.svg", "out.html", "out.md", "out.ipynb", "out.csv", "x.rnn", "x.safetensors", "x.state"]

    /// Runs `bytes` on a fresh session in `folder` (emptied first); the lines
    /// run go to `echo` (for `scripts/fuzz show`). Returns the slowest line
    /// and the CPU seconds it took.
    @discardableResult
    public static func run(_ bytes: [UInt8], in folder: String, echo: ((String) -> Void)? = nil) -> (line: String, seconds: Double) {
        FuzzSession.clear(folder)
        var input = FuzzBytes(bytes)
        let which = input.byte()
        // The top bit picks a model other than the first corpus's recurrent net
        // (so the inputs found before the models came keep their meaning).
        let setup = which & 128 == 0 ? .recurrent
            : FuzzSession.Setup(rawValue: input.below(FuzzSession.Setup.allCases.count)) ?? .recurrent
        let fuzz = FuzzSession(folder: folder, setup: setup)
        prepareFiles(which, &input, fuzz: fuzz)
        for _ in 0..<maxCommands where !input.isExhausted {
            let line = self.line(&input, session: fuzz.session)
            echo?(line)
            if fuzz.run(line).quit { break }
        }
        return fuzz.slowest
    }

    // MARK: files

    /// Damages the saved files and writes data files, as the first byte
    /// (`which`) says: a text, a tagged file, source–target pairs, a notebook.
    static func prepareFiles(_ which: UInt8, _ input: inout FuzzBytes, fuzz: FuzzSession) {
        let session = fuzz.session, folder = fuzz.folder
        if which & 1 != 0 { damage("m.safetensors", &input, fuzz: fuzz) }
        if which & 2 != 0 { damage("s.state", &input, fuzz: fuzz) }
        if which & 4 != 0 { FuzzSession.write(Array(text(&input, alphabet: "ab c.\n").utf8), to: "d.txt", in: folder) }
        if which & 128 != 0 {  // (not on the first corpus's inputs, which keep their meaning)
            let pairs = (0..<input.below(6)).map { _ in text(&input, alphabet: "ab c") + "\t" + text(&input, alphabet: "ab c\t") }
            FuzzSession.write(Array(pairs.joined(separator: "\n").utf8), to: "p.txt", in: folder)
        }
        if which & 8 != 0 {
            let words = (0..<input.below(12)).map { _ in text(&input, alphabet: "xyz") + "/" + text(&input, alphabet: "OB-") }
            FuzzSession.write(Array(words.joined(separator: input.byte() % 3 == 0 ? "\n" : " ").utf8), to: "t.txt", in: folder)
        }
        if which & 16 != 0 {
            let lines = (0..<input.below(4)).map { _ in line(&input, session: session) }
            FuzzSession.write(Array(lines.joined(separator: "\n").utf8), to: "n.rnn", in: folder)
        }
        if which & 32 != 0 { try? FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true) }
        if which & 64 != 0 { damage("n.rnn", &input, fuzz: fuzz) }
    }

    /// Overwrites, truncates or extends the file `name` where the input says
    /// (mostly in its first 512 bytes, where the headers are).
    static func damage(_ name: String, _ input: inout FuzzBytes, fuzz: FuzzSession) {
        var bytes = FuzzSession.savedFilesBySetup[fuzz.setup]?[name] ?? []
        for _ in 0..<(1 + input.below(4)) where !bytes.isEmpty {
            let position = input.byte() % 4 == 0 ? input.below(bytes.count) : input.below(min(bytes.count, 512))
            switch input.below(4) {
            case 0: bytes.removeSubrange(position...)
            case 1: bytes.insert(contentsOf: input.chunk(upTo: 8), at: position)
            default: bytes[position] = input.byte()
            }
        }
        FuzzSession.write(bytes, to: name, in: fuzz.folder)
    }

    // MARK: commands

    /// One command line: an example from a command's own help with its
    /// numbers changed, or a command and up to five arguments as its
    /// completion offers them (mostly the words offered, then options, then
    /// anything); now and then a `;`.
    static func line(_ input: inout FuzzBytes, session: Session) -> String {
        let examples = examples(in: session)
        if input.byte() % 3 == 0, let example = input.pick(examples) {
            return mutatedNumbers(example, session: session, &input) + (input.byte() % 8 == 0 ? ";" : "")
        }
        guard let command = input.pick(session.commands.commands) else { return "" }
        let name = input.byte() % 8 == 0 ? (input.pick(command.aliases) ?? command.name) : command.name
        var words: [String] = []
        for _ in 0..<input.below(6) {
            if command.completesFilePath(after: words), input.byte() % 4 != 0 {
                words.append(input.pick(fileNames) ?? ".")
                continue
            }
            let specs = command.optionSpecs(after: words, in: session)
            let offered = command.completions(after: words, in: session)
            switch input.below(10) {
            case 0..<5 where !offered.isEmpty:
                let word = input.pick(offered) ?? ""
                if word.hasSuffix("=") {
                    let key = String(word.dropLast())
                    words.append(word + (specs.first { $0.key == key }.map { value(for: $0, &input) } ?? literal(&input)))
                } else {
                    words.append(word)
                }
            case 0..<8 where !specs.isEmpty:
                words.append(input.pick(specs).map { $0.key + "=" + value(for: $0, &input) } ?? literal(&input))
            case 9: words.append(input.pick(fileNames) ?? ".")
            default: words.append(literal(&input))
            }
        }
        return ([name] + words).joined(separator: " ") + (input.byte() % 8 == 0 ? ";" : "")
    }

    /// The example commands in every command's `details` (a line starting with
    /// its name, up to the two spaces before its explanation).
    static func examples(in session: Session) -> [String] {
        session.commands.commands.flatMap { command in
            command.details.split(separator: "\n").compactMap { raw -> String? in
                let line = raw.trimmingCharacters(in: .whitespaces)
                guard line == command.name || line.hasPrefix(command.name + " ") else { return nil }
                let example = line.components(separatedBy: "  ")[0].trimmingCharacters(in: .whitespaces)
                return example.contains("…") || example.contains("|") ? nil : example
            }
        }
    }

    /// `example` with some of its numbers replaced (as `key=N` values or bare),
    /// FILE by a file name and CELL by one of the build's cells or models.
    static func mutatedNumbers(_ example: String, session: Session, _ input: inout FuzzBytes) -> String {
        let nets = session.registry.cells.map(\.name) + session.registry.models.map(\.name)
        return example.split(separator: " ").map { word -> String in
            if word.hasSuffix("FILE") || word.hasSuffix("FILE.svg") { return input.pick(fileNames) ?? "." }
            if word == "CELL" { return input.pick(nets) ?? "CELL" }
            guard word.contains(where: \.isNumber), input.byte() % 2 == 0 else { return String(word) }
            if let equals = word.firstIndex(of: "=") { return word[...equals] + (input.pick(numbers) ?? "0") }
            return input.pick(numbers) ?? "0"
        }.joined(separator: " ")
    }

    /// A value for an option: its bounds, just past them, extremes, or something else.
    static func value(for spec: OptionSpec, _ input: inout FuzzBytes) -> String {
        if input.byte() % 8 == 0 { return literal(&input) }
        switch spec.kind {
        case .int(let range):
            let near = (0..<4).map { range.lowerBound &+ $0 }
            let candidates = near + [range.upperBound, range.lowerBound &- 1, range.upperBound &+ 1, 0, -1, Int.max, Int.min]
            return input.pick(candidates).map(String.init) ?? "0"
        case .number(let range):
            let inside = range.lowerBound + (range.upperBound - range.lowerBound) * Double(input.byte()) / 255
            let candidates = [range.lowerBound, range.upperBound, inside, -range.lowerBound, range.upperBound * 2]
            let shown = candidates.map { "\($0)" } + ["nan", "inf", "-inf", "1e308", "1e-320", "-0", "1e999", "0x1p-3"]
            return input.pick(shown) ?? "0"
        case .choice(let choices):
            return input.byte() % 5 == 0 ? text(&input, alphabet: "abcelmnrst-") : (input.pick(choices) ?? "x")
        case .flag:
            return input.pick(["on", "off", "yes", "no", "true", "0", "1", "2", ""]) ?? "on"
        case .text:
            return "\"" + text(&input, alphabet: "aB \\\"\t.é") + "\""
        }
    }

    static let numbers = ["0", "1", "-1", "2", "0.5", "-0", "3", "1e308", "-1e308", "1e-320", "nan", "inf", "-inf",
                          "9223372036854775807", "9223372036854775808", "-9223372036854775808", "4294967296", "1e999", ".5", "1."]
    static let words = ["A", "B", "the", "?", "valid", "train", "all", "loss", "weights", "surface", "gates", "x", "h",
                        "out.weight", "weight_hh_l0", "bias_ih_l0", "=", "#", "[", "]", ",", "\"", "'", "to", "from", "force", "--"]

    /// A word, a number, a vector, a matrix (ragged, empty or deeply nested)
    /// or a quoted string.
    static func literal(_ input: inout FuzzBytes) -> String {
        func number() -> String {
            input.byte() % 2 == 0 ? (input.pick(numbers) ?? "0") : String(Int(input.byte()) - 128)
        }
        switch input.below(8) {
        case 0, 1: return number()
        case 2: return input.pick(words) ?? "x"
        case 3: return "[" + (0..<input.below(5)).map { _ in number() }.joined(separator: ", ") + "]"
        case 4:
            let rows = (0..<input.below(4)).map { _ in "[" + (0..<input.below(4)).map { _ in number() }.joined(separator: ", ") + "]" }
            return "[" + rows.joined(separator: ", ") + "]"
        case 5:
            let depth = input.below(300)
            return String(repeating: "[", count: depth) + number() + String(repeating: "]", count: input.byte() % 2 == 0 ? depth : input.below(depth + 1))
        case 6: return "\"" + text(&input, alphabet: "ab \\\"#[;") + "\""
        default: return text(&input, alphabet: "abcdefghijklmnopqrstuvwxyz_0123456789.=-")
        }
    }

    /// Up to 16 characters drawn from `alphabet`.
    static func text(_ input: inout FuzzBytes, alphabet: String) -> String {
        let letters = Array(alphabet)
        return String(input.chunk(upTo: 16).map { letters[Int($0) % letters.count] })
    }
}
