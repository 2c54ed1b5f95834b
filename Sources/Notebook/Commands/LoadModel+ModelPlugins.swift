import RNNKit

/// The model a file's `net` metadata describes when it names a model plugin
/// (`net seq2seq in=13 out=13 …`), built uninitialised; nil when it names a
/// cell (or is no `net` line: `storedNetwork` says why). The description is
/// data: validated as `net`'s options would be, never run as a command.
func storedModelPlugin(_ description: String, path: String, range: Range<Int>, session: Session) throws(CommandError) -> (any Model)? {
    guard let line = try? StoredDescription.parse(description), line.command == "net",
          case .value(.word(let name), _)? = line.arguments.first, let descriptor = session.registry.model(named: name) else { return nil }
    guard line.arguments.contains(where: { if case .option(key: "in", _, _, _) = $0 { true } else { false } }) else {
        throw CommandError("cannot load \(path): its model description \(description.quotedForMessage()) does not give in=", at: range)
    }
    do throws(CommandError) {
        return try NetCommand.buildModelPlugin(descriptor, line: line, arguments: line.arguments[...], session: session, at: range)
    } catch {
        throw CommandError("cannot load \(path): its model description \(description.quotedForMessage()) is refused: \(error.message)", at: range)
    }
}
