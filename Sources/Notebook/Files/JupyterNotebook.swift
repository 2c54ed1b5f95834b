import Foundation

/// A session's transcript as a Jupyter notebook (nbformat 4.5): a markdown
/// cell per block of comment lines, a code cell per command with its text
/// output as a `stream` output and its plot's SVG as an `image/svg+xml`
/// `display_data` output (a terminal plot's text as that output's
/// `text/plain`). The same transcript gives the same bytes (sorted keys,
/// cell ids from their position).
enum JupyterNotebook {
    /// The notebook's JSON text.
    static func json(_ transcript: [TranscriptEntry]) -> String {
        var cells: [Cell] = []
        func add(_ cell: Cell) {
            var numbered = cell
            numbered.id = "cell-\(cells.count + 1)"
            cells.append(numbered)
        }
        var count = 0
        for entry in transcript {
            markdownBlocks(entry.comments).forEach { add(Cell(markdown: $0)) }
            count += 1
            add(Cell(code: entry, count: count))
        }
        let document = Document(cells: cells)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Comment lines (`# text`) in blocks split by blank lines, each line without its `#` and one space.
    static func markdownBlocks(_ comments: [String]) -> [String] {
        comments.split(separator: "").map { block in
            block.map { line -> String in
                let body = line.hasPrefix("#") ? line.dropFirst() : Substring(line)
                return String(body.hasPrefix(" ") ? body.dropFirst() : body)
            }.joined(separator: "\n")
        }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// Text as nbformat's multiline strings: one string per line, each but the last ending in `\n`.
    static func lines(_ text: String) -> [String] {
        var parts = text.components(separatedBy: "\n")
        if parts.last == "" { parts.removeLast() }
        return parts.indices.map { $0 < parts.count - 1 || text.hasSuffix("\n") ? parts[$0] + "\n" : parts[$0] }
    }

    struct Document: Encodable {
        var cells: [Cell]
        var metadata = Metadata()
        var nbformat = 4
        var nbformat_minor = 5
    }

    struct Metadata: Encodable {
        struct Language: Encodable { var name = "rnnbook" }
        var language_info = Language()
    }

    struct Cell: Encodable {
        var cell_type: String
        var id = ""
        var metadata: [String: String] = [:]
        var source: [String]
        var execution_count: Int?
        var outputs: [Output]?

        init(markdown: String) {
            cell_type = "markdown"
            source = JupyterNotebook.lines(markdown)
        }

        init(code entry: TranscriptEntry, count: Int) {
            cell_type = "code"
            source = JupyterNotebook.lines(entry.input)
            execution_count = count
            let text = entry.output.map { $0 + "\n" }.joined()
            var outputs: [Output] = []
            if let svg = entry.svg, entry.output.count > 1 {
                // A terminal plot: its text is the picture's plain-text form.
                outputs.append(.display(svg: svg, text: text))
            } else {
                if !text.isEmpty { outputs.append(.stream(text)) }
                if let svg = entry.svg { outputs.append(.display(svg: svg, text: entry.input)) }
            }
            self.outputs = outputs
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cell_type, forKey: .cell_type)
            try c.encode(id, forKey: .id)
            try c.encode(metadata, forKey: .metadata)
            try c.encode(source, forKey: .source)
            if cell_type == "code" {
                try c.encode(execution_count, forKey: .execution_count)
                try c.encode(outputs ?? [], forKey: .outputs)
            }
        }

        enum CodingKeys: String, CodingKey { case cell_type, id, metadata, source, execution_count, outputs }
    }

    enum Output: Encodable {
        case stream(String)
        case display(svg: String, text: String)

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            switch self {
            case .stream(let text):
                try c.encode("stream", forKey: .output_type)
                try c.encode("stdout", forKey: .name)
                try c.encode(JupyterNotebook.lines(text), forKey: .text)
            case .display(let svg, let text):
                try c.encode("display_data", forKey: .output_type)
                try c.encode(["image/svg+xml": JupyterNotebook.lines(svg), "text/plain": JupyterNotebook.lines(text)], forKey: .data)
                try c.encode([String: String](), forKey: .metadata)
            }
        }

        enum Keys: String, CodingKey { case output_type, name, text, data, metadata }
    }
}
