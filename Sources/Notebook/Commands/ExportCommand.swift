import Foundation
import RNNKit

/// `export FILE.html`: the session as one self-contained web page.
struct ExportCommand: Command {
    let name = "export"
    let synopsis = "export FILE.html [force] | export FILE.md [force] | export FILE.ipynb [force]"
    let summary = "write the session as one web page (plots as inline SVG), as Markdown (plots as SVG files beside it) or as a Jupyter notebook"
    let details = """
        export notebook.html    commands and outputs as text, plots as pictures (SVG inside the page)
        export notebook.md      the same as Markdown, each plot written to notebook-plot-N.svg beside it
        export notebook.ipynb   a Jupyter notebook (nbformat 4.5): a markdown cell per block of # comments,
                                a code cell per command, its text as a stream output, its plot as an SVG output
        The page needs nothing else (no scripts, no fonts, no network) and the same session gives the same bytes.
        `save session FILE` writes the replayable plain-text notebook instead.
        A read-only file is refused unless `force` follows the name (`export notebook.html force`); see `help save`.
        """
    let recordsInTranscript = false

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let (path, range) = try line.path(at: 0)
        let readOnly: ReadOnlyFiles = try line.force(at: 1, usage: synopsis) ? .overwrite : .refuse(hint: forceHint)
        let lower = path.lowercased()
        let n = session.transcript.count
        let plots = session.transcript.filter { $0.svg != nil }.count
        let summary = "exported \(n) command\(n == 1 ? "" : "s") and \(plots) plot\(plots == 1 ? "" : "s") to \(path)"
        if lower.hasSuffix(".md") {
            // Markdown cannot hold SVG inline: each plot goes to FILE-plot-N.svg beside it.
            let target = session.resolve(path)
            let stem = ((target as NSString).lastPathComponent as NSString).deletingPathExtension
            let folder = (target as NSString).deletingLastPathComponent
            let (page, figures) = Self.markdown(session.transcript, title: (path as NSString).lastPathComponent, stem: stem)
            // All or nothing: a plot file that cannot be written stops the export before any is written.
            try writeTextFiles(figures.map { ($0.1, (folder as NSString).appendingPathComponent($0.0)) } + [(page, target)],
                               at: range, readOnly: readOnly)
            return CommandResult([summary + (figures.isEmpty ? "" : " (plots as \(stem)-plot-N.svg beside it)")])
        }
        if lower.hasSuffix(".ipynb") {
            try writeTextFile(JupyterNotebook.json(session.transcript), to: session.resolve(path), at: range, readOnly: readOnly)
            return CommandResult([summary])
        }
        guard lower.hasSuffix(".html") || lower.hasSuffix(".htm") else {
            throw CommandError("export writes a web page (FILE.html), Markdown (FILE.md) or a Jupyter notebook (FILE.ipynb); `save session FILE` writes a notebook", at: range)
        }
        let page = Self.html(session.transcript, title: (path as NSString).lastPathComponent)
        try writeTextFile(page, to: session.resolve(path), at: range, readOnly: readOnly)
        return CommandResult([summary])
    }

    /// `s` safe in HTML text and attribute values.
    static func escape(_ s: String) -> String { SVGWriter.escape(s) }

    /// The page: a heading, then per command its input (`In [n]:`), its
    /// output in `<pre>`, and its plot as inline SVG (the text version of a
    /// terminal plot folded away under it). A `<pre>` that scrolls sideways
    /// (`overflow-x: auto`) clips what leaves its padding box, so every `<pre>`
    /// has room below the baseline: the underscores of parameter names show.
    static func html(_ transcript: [TranscriptEntry], title: String) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body { font-family: DejaVu Sans, Helvetica, Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
            pre { font-family: DejaVu Sans Mono, Menlo, Consolas, monospace; font-size: 0.85rem; line-height: 1.4; margin: 0.2rem 0; white-space: pre; overflow-x: auto; }
            pre.in { color: #1a5e20; padding: 0.15rem 0 0.25rem; }
            pre.in span { color: #888; }
            pre.out { background: #f6f6f6; padding: 0.4rem 0.6rem; }
            section { margin: 0.8rem 0; }
            figure { margin: 0.4rem 0; }
            figure svg { max-width: 100%; height: auto; }
            details summary { color: #888; font-size: 0.8rem; cursor: pointer; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <p>rnnbook session: \(transcript.count) command\(transcript.count == 1 ? "" : "s").</p>

            """
        for (i, entry) in transcript.enumerated() {
            out += "<section>\n<pre class=\"in\"><span>In [\(i + 1)]:</span> \(escape(entry.input))</pre>\n"
            let text = entry.output.map(escape).joined(separator: "\n")
            if let svg = entry.svg {
                out += "<figure>\n\(svg)</figure>\n"
                if entry.output.count > 1 {
                    out += "<details><summary>as text</summary><pre class=\"out\">\(text)</pre></details>\n"
                } else if !entry.output.isEmpty {
                    out += "<pre class=\"out\">\(text)</pre>\n"
                }
            } else if !entry.output.isEmpty {
                out += "<pre class=\"out\">\(text)</pre>\n"
            }
            out += "</section>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// Markdown: each command in a fenced block with its output as `#>`
    /// lines (as in a notebook), each plot as an image link to its SVG file.
    static func markdown(_ transcript: [TranscriptEntry], title: String, stem: String) -> (String, [(String, String)]) {
        var out = "# \(title)\n\nrnnbook session: \(transcript.count) command\(transcript.count == 1 ? "" : "s").\n"
        var figures: [(String, String)] = []
        for entry in transcript {
            let fence = entry.output.contains { $0.contains("```") } || entry.input.contains("```") ? "~~~~" : "```"
            out += "\n\(fence)\n\(entry.input)\n" + entry.output.map { $0.isEmpty ? "#>" : "#> " + $0 }.map { $0 + "\n" }.joined() + "\(fence)\n"
            if let svg = entry.svg {
                let name = "\(stem)-plot-\(figures.count + 1).svg"
                figures.append((name, svg))
                out += "\n![\(altText(entry.input))](\(name))\n"
            }
        }
        return (out, figures)
    }

    /// `s` as Markdown image alt text: `\`, `[` and `]` escaped with a backslash
    /// (`out.weight\[0,0\]`), so the text reads as typed and the link stays whole.
    static func altText(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "\\" || c == "[" || c == "]" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    func completions(after words: [String], in session: Session) -> [String] { words.count == 1 ? ["force"] : [] }
    func completesFilePath(after words: [String]) -> Bool { words.isEmpty }
}
