import RNNKit

/// `help`, `help COMMAND`, `help net CELL`.
struct HelpCommand: Command {
    let name = "help"
    let aliases = ["?"]
    let synopsis = "help [COMMAND] | help net CELL | help encoding NAME | help optimizer NAME"
    let summary = "list the commands, or explain one (`help net CELL` for a cell's options)"
    let recordsInTranscript = true

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        try line.expectNoMore(after: 2, usage: synopsis)
        guard !line.arguments.isEmpty else { return CommandResult(overview(session)) }
        let (topic, range) = try line.word(at: 0, expected: "a command name")
        guard let command = session.commands.command(named: topic) else {
            let hint = closestMatch(to: topic, in: session.commands.allNames).map { " (did you mean '\($0)'?)" } ?? ""
            throw CommandError("no command '\(topic)'\(hint)", at: range)
        }
        let modelPlugin = command.name == "net" && line.arguments.count == 2
            ? (try? line.word(at: 1, expected: "a model name")).flatMap { session.registry.model(named: $0.0) } : nil
        if command.name == "net", line.arguments.count == 2, modelPlugin == nil {
            let (cellName, cellRange) = try line.word(at: 1, expected: "a cell name")
            if let model = session.registry.model(named: cellName) { return CommandResult(modelHelp(model, width: session.width)) }
            guard let cell = session.registry.cell(named: cellName) else {
                let names = session.registry.cells.map(\.name)
                throw CommandError("unknown cell '\(cellName)'; cells: \(names.joined(separator: ", "))", at: cellRange)
            }
            return CommandResult(cellHelp(cell, width: session.width))
        }
        if line.arguments.count == 2, ["encoding", "optimizer"].contains(command.name) || modelPlugin != nil {
            let (name, nameRange) = try line.word(at: 1, expected: "a plugin name")
            let plugin: (summary: String, details: String, options: [OptionSpec])?
            if let modelPlugin {
                plugin = (modelPlugin.summary, modelPlugin.details, modelPlugin.options)
            } else if command.name == "encoding" {
                plugin = session.registry.encoding(named: name).map { ($0.summary, $0.details, $0.options) }
            } else {
                plugin = session.registry.optimizer(named: name).map { ($0.summary, $0.details, $0.options) }
            }
            guard let plugin else {
                let names = command.name == "encoding" ? session.registry.encodings.map(\.name) : session.registry.optimizers.map(\.name)
                let hint = closestMatch(to: name, in: names).map { "did you mean '\($0)'?" } ?? names.joined(separator: ", ")
                throw CommandError("no \(command.name) named '\(name)' (\(hint))", at: nameRange)
            }
            var out = fitted("\(command.name) \(name): \(plugin.summary)", width: session.width)
            out += fittedText(plugin.details, width: session.width - 2).map { "  " + $0 }
            out.append("Options:")
            out += plugin.options.isEmpty ? ["  (none)"] : table(plugin.options.map { spec in
                ["  \(spec.key)=\(spec.valueSyntax)", spec.help, spec.defaultValue.map { "(default \($0))" } ?? ""]
            }, width: session.width)
            return CommandResult(out)
        }
        try line.expectNoMore(after: 1, usage: synopsis)
        // The summary's pointer to `help NAME` is for the list, not for this page.
        let summary = command.summary.replacingOccurrences(of: " (`help \(command.name)`)", with: "")
        var out = fitted("usage: \(command.synopsis)", width: session.width) + fitted(summary, width: session.width)
        if !command.aliases.isEmpty { out.append("also: " + command.aliases.joined(separator: ", ")) }
        if !command.details.isEmpty {
            out += fittedText(command.details, width: session.width)
        }
        if command.name == "net" { out.append("cells: " + session.registry.cells.map(\.name).joined(separator: ", ")) }
        if command.name == "net", !session.registry.models.isEmpty {
            out.append("models (`help net NAME`): " + session.registry.models.map(\.name).joined(separator: ", "))
        }
        if command.name == "encoding" { out.append("`help encoding NAME` for one: " + session.registry.encodings.map(\.name).joined(separator: ", ")) }
        if command.name == "optimizer" { out.append("`help optimizer NAME` for one: " + session.registry.optimizers.map(\.name).joined(separator: ", ")) }
        return CommandResult(out)
    }

    /// A help text fitted to `width` columns: a paragraph of prose (lines
    /// without indentation or aligned columns) that does not fit is joined and
    /// wrapped again (`wrap`); every other line is `fitted` on its own.
    private func fittedText(_ text: String, width: Int) -> [String] {
        var out: [String] = [], paragraph: [String] = []
        func flush() {
            if paragraph.contains(where: { displayWidth(Array($0)) > width }) {
                out += wrap(paragraph.joined(separator: " "), width: width, indent: "")
            } else {
                out += paragraph
            }
            paragraph = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !line.isEmpty, !line.hasPrefix(" "), !line.contains("  ") {
                paragraph.append(line)
            } else {
                flush()
                out += fitted(line, width: width)
            }
        }
        flush()
        return out
    }

    /// A help line as it is when it fits in `width` columns, else broken at
    /// spaces, its continuation lines indented under its text: under a
    /// definition's text (`opt=NAME   switch …`), or two more than the line.
    /// Runs of spaces inside a line are kept, so tables stay aligned.
    private func fitted(_ line: String, width: Int) -> [String] {
        guard displayWidth(Array(line)) > width, width > 20 else { return [line] }
        var rest = Array(line)
        let lead = rest.prefix { $0 == " " }.count
        var hang = lead + 2
        // A definition: a term, two or more spaces, then its text.
        var i = lead
        while i < rest.count, rest[i] != " " { i += 1 }
        var j = i
        while j < rest.count, rest[j] == " " { j += 1 }
        if j - i >= 2, j <= width / 2 { hang = j }
        var lines: [String] = []
        var start = lead  // no break before the line's own text starts
        while displayWidth(rest) > width {
            // The last space that leaves the piece within `width`, past where this piece's text begins.
            var cut = min(width, rest.count - 1)
            while cut > start, rest[cut] != " " { cut -= 1 }
            if cut <= start {
                // A word longer than the room left: it overflows whole, the break after it.
                cut = start
                while cut < rest.count, rest[cut] == " " { cut += 1 }
                while cut < rest.count, rest[cut] != " " { cut += 1 }
                guard cut < rest.count else { break }
            }
            lines.append(String(rest[..<cut]).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            let remainder = rest[cut...].drop { $0 == " " }
            rest = Array(repeating: " ", count: hang) + remainder
            start = hang
        }
        lines.append(String(rest))
        return lines
    }

    private func overview(_ session: Session) -> [String] {
        var out = wrap("Commands (`help COMMAND` for more; Tab completes; `#` starts a comment; a trailing `;` hides output):",
                       width: session.width, indent: "")
        out += table(session.commands.commands.map { ["  " + $0.synopsis, $0.summary] }, width: session.width)
        out += wrap("Values: numbers 1, -1e-3; vectors [1, 1]; matrices [[1, 0], [0, 1]] or [1 0; 0 1]; \"quoted strings\"; key=value.",
                    width: session.width, indent: "")
        out += wrap("At the prompt: an open [ continues on the next line (after `...:`) until it closes; " +
                    "Up with text typed recalls the last line starting with it.", width: session.width, indent: "")
        return out
    }

    /// The gate blocks a cell declares (built at its defaults, tiny), for `set NAME.GATE = …`.
    private func gateLine(_ cell: CellDescriptor) -> [String] {
        guard let defaults = try? Options(parsing: [], specs: cell.options),
              let sample = try? cell.make(CellConfig(inputSize: 1, hiddenSize: 1, outputSize: 1, options: defaults)),
              let first = sample.gateNames.first else { return [] }
        let aliases = sample.gateAliases.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
        return ["Gate blocks: \(sample.gateNames.joined(separator: " "))" + (aliases.isEmpty ? "" : " (\(aliases.joined(separator: ", ")))")
                + "; `set weight_ih_l0.\(first) = …` sets one"]
    }

    /// `help net NAME` for a model plugin: its summary, equations and every option.
    private func modelHelp(_ model: ModelDescriptor, width: Int) -> [String] {
        var out = fitted("net \(model.name): \(model.summary)", width: width)
        out += fittedText(model.details, width: width - 2).map { "  " + $0 }
        out.append("Options of \(model.name):")
        out += table(model.options.map { spec in
            ["  \(spec.key)=\(spec.valueSyntax)", spec.help, spec.defaultValue.map { "(default \($0))" } ?? ""]
        }, width: width)
        return out
    }

    private func cellHelp(_ cell: CellDescriptor, width: Int) -> [String] {
        var out = fitted("net \(cell.name): \(cell.summary)", width: width)
        out += fittedText(cell.details, width: width - 2).map { "  " + $0 }
        out += gateLine(cell)
        out.append("Options of \(cell.name):")
        out += cell.options.isEmpty ? ["  (none)"] : table(cell.options.map { spec in
            ["  \(spec.key)=\(spec.valueSyntax)", spec.help, spec.defaultValue.map { "(default \($0))" } ?? ""]
        }, width: width)
        out.append("Options of every net:")
        out += table(NetworkConfig.optionSpecs.map { spec in
            ["  \(spec.key)=\(spec.valueSyntax)", spec.help, spec.defaultValue.map { "(default \($0))" } ?? ""]
        }, width: width)
        return out
    }

    func completions(after words: [String], in session: Session) -> [String] {
        if words.isEmpty { return session.commands.commands.map(\.name) }
        if words == ["net"] { return session.registry.cells.map(\.name) + session.registry.models.map(\.name) }
        if words == ["encoding"] { return session.registry.encodings.map(\.name) }
        if words == ["optimizer"] { return session.registry.optimizers.map(\.name) }
        return []
    }
}
