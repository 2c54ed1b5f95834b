import RNNKit

/// `params` lists parameters; `params NAME` prints one's values.
struct ParamsCommand: Command {
    let name = "params"
    let synopsis = "params [NAME]"
    let summary = "list parameters (name, shape, norm), or print one's values"
    let details = "Names are PyTorch's: weight_ih_l0, weight_hh_l0, bias_ih_l0, … and out.weight, out.bias for the output layer."

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let net = try session.require((any Model).self, as: "a model", at: line.commandRange)
        try line.expectNoMore(after: 1, usage: synopsis)
        let f = session.format
        if !line.arguments.isEmpty {
            let (name, range) = try line.word(at: 0, expected: "a parameter name")
            if net.parameter(named: name) == nil, let block = (net as? any GateAddressable)?.gateBlock(named: name) {
                let p = block.parameter
                let values = p.isVector ? Matrix(row: Array(p.value.data[block.range]))
                    : Matrix(rows: block.range.count, cols: p.value.cols, data: Array(p.value.data[(block.range.lowerBound * p.value.cols)..<(block.range.upperBound * p.value.cols)]))
                let full = NumberFormat(precision: f.precision, maxUnits: nil)
                return CommandResult(["\(name)  gate \(block.gate) of \(block.base)  norm \(f.format(values.norm))"]
                    + (p.isVector ? [full.format(vector: values.data)] : full.format(matrix: values)))
            }
            let p = try parameter(name, range: range, in: net)
            let header = "\(name)  \(NumberFormat.shape(p.shape))  norm \(f.format(p.value.norm))"
            let body = p.isVector ? [NumberFormat(precision: f.precision, maxUnits: nil).format(vector: p.value.data)]
                : NumberFormat(precision: f.precision, maxUnits: nil).format(matrix: p.value)
            return CommandResult([header] + body)
        }
        var rows = [["name", "shape", "norm"]]
        rows += net.namedParameters.map { [$0.name, NumberFormat.shape($0.parameter.shape), f.format($0.parameter.value.norm)] }
        return CommandResult(table(rows) + ["\(net.parameterCount) parameters in all"])
    }

    func completions(after words: [String], in session: Session) -> [String] {
        words.isEmpty ? (session.model?.namedParameters.map(\.name) ?? []) + ((session.model as? any GateAddressable)?.gateBlockNames ?? []) : []
    }
}

/// The parameter `name` of `net`, or an error with a suggestion.
func parameter(_ name: String, range: Range<Int>, in net: any Model) throws(CommandError) -> Parameter {
    if let p = net.parameter(named: name) { return p }
    // Never the name just refused (a gate block where a whole parameter is needed).
    let names = (net.namedParameters.map(\.name) + ((net as? any GateAddressable)?.gateBlockNames ?? [])).filter { $0 != name }
    let hint = closestMatch(to: name, in: names).map { "did you mean '\($0)'?" } ?? "see `params`"
    throw CommandError("no parameter '\(name)' (\(hint))", at: range)
}

/// Row and column of `NAME[i,j]` (or `NAME[i]` for a vector), bounds-checked.
func parameterElement(_ indices: [Int], of p: Parameter, name: String, range: Range<Int>) throws(CommandError) -> (Int, Int) {
    let shape = NumberFormat.shape(p.shape)
    if p.isVector {
        guard indices.count == 1 else { throw CommandError("\(name) is a vector \(shape): use one index, \(name)[i]", at: range) }
        guard indices[0] < p.elementCount else {
            throw CommandError("index \(indices[0]) is out of range for \(name) \(shape) (indices start at 0)", at: range)
        }
        return (0, indices[0])
    }
    guard indices.count == 2 else { throw CommandError("\(name) is a matrix \(shape): use two indices, \(name)[row,col]", at: range) }
    guard indices[0] < p.value.rows, indices[1] < p.value.cols else {
        throw CommandError("index [\(indices[0]),\(indices[1])] is out of range for \(name) \(shape) (indices start at 0)", at: range)
    }
    return (indices[0], indices[1])
}
