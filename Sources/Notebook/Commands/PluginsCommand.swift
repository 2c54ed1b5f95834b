import RNNKit
/// `plugins` lists every registered cell, encoding and optimizer.
struct PluginsCommand: Command {
    let name = "plugins"
    let synopsis = "plugins"
    let summary = "list every registered cell, encoding and optimizer"

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        try line.expectNoMore(after: 0, usage: synopsis)
        let r = session.registry
        var out: [String] = []
        func section(_ title: String, _ items: [(String, String)]) {
            out.append("\(title):")
            if items.isEmpty { out.append("  (none in this build)") }
            out += table(items.map { ["  " + $0.0, $0.1] })
        }
        section("cells (net NAME)", r.cells.map { ($0.name, $0.summary) })
        section("models (net NAME)", r.models.map { ($0.name, $0.summary) })
        section("encodings", r.encodings.map { ($0.name, $0.summary) })
        section("optimizers", r.optimizers.map { ($0.name, $0.summary) })
        return CommandResult(out)
    }
}
