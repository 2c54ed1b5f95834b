import RNNKit

/// `param NAME=VALUE…`: a notebook's parameters with their defaults
/// (papermill's idea). `rnnbook FILE -p NAME=VALUE` overrides a default;
/// later lines use a parameter as `$NAME`.
struct ParamCommand: Command {
    let name = "param"
    let synopsis = "param NAME=VALUE…"
    let summary = "declare notebook parameters with defaults; lines use them as $NAME; `rnnbook FILE -p NAME=VALUE` overrides"
    let details = """
        param hidden=32 lr=0.01              then: net CELL hidden=$hidden out=auto, train lr=$lr
        rnnbook sweep.rnn -p hidden=64 -p lr=0.003 --out run.rnn --json run.json
        A value is a number, a word or a quoted string; bare `param` lists the parameters.
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        guard !line.arguments.isEmpty else {
            let names = session.parameters.keys.sorted()
            return CommandResult(names.isEmpty ? ["no parameters: declare some with `param NAME=VALUE`"]
                                 : names.map { "\($0)=\(session.parameters[$0] ?? "")" })
        }
        var shown: [String] = []
        for argument in line.arguments {
            guard case .option(let key, let keyRange, let value, let valueRange) = argument else {
                throw CommandError("a parameter is NAME=VALUE, as in hidden=32", at: argument.range)
            }
            guard let first = key.first, first == "_" || first.isLetter, key.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else {
                throw CommandError("a parameter's name is letters, digits and _ (not starting with a digit)", at: keyRange)
            }
            let given: String
            switch value {
            case .number(let x): given = x.formatted
            case .word(let w): given = w
            case .string(let s): given = OptionValue.text(s).description
            default: throw CommandError("a parameter's value is a number, a word or a quoted string", at: valueRange)
            }
            let chosen = session.parameterOverrides[key] ?? given
            session.parameters[key] = chosen
            shown.append("\(key)=\(chosen)")
        }
        var result = CommandResult(["param " + shown.joined(separator: " ")])
        // Recorded with the values used, so the executed notebook (`--out`) replays as it ran.
        result.transcriptInput = "param " + shown.joined(separator: " ")
        return result
    }
}
