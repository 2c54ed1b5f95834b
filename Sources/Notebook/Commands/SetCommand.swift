import RNNKit

/// `set NAME = VALUE`, `set NAME[i,j] = x`, `set * = x`, and display settings.
struct SetCommand: Command {
    let name = "set"
    let synopsis = "set NAME = VALUE | set NAME[i,j] = x | set * = x | set precision N | set units N|all"
    let summary = "set a parameter (whole, one element, or all) or a display setting"
    let details = """
        set * = 1                          every parameter, every element
        set weight_hh_l0 = [[1, 0], [0, 1]]  a whole matrix (shape must match)
        set bias_ih_l0 = [0.5, -0.5]       a whole vector
        set weight_ih_l0 = 0.1             a number fills the parameter
        set weight_hh_l0[0,1] = 3          one element (row, column), from 0
        set weight_ih_l0.f = [0, 100, 0]   one gate's block of a parameter that stacks the cell's gates (`help net CELL` names them)
        set weight_ih_l0.f[0,1] = 100      one element of a gate's block (rows counted within the block)
        set bias_ih_l0.f = 10
        set precision 6                    significant digits shown (1-17, default 4)
        To set a whole net by hand (the lecture's examples), start with `init zeros` so nothing random is left.
        set units all                      show every unit of wide layers (default: first 8)
        """

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        guard let first = line.arguments.first else {
            throw CommandError("set what? usage: \(synopsis)", at: line.endRange)
        }
        if case .value(.word(let setting), let range) = first, ["precision", "units"].contains(setting) {
            try setDisplay(setting, range: range, line: line, session: session)
            return CommandResult()
        }
        let (target, value, valueRange) = try assignment(line)
        let net = try session.require((any Model).self, as: "a model", at: line.commandRange)
        let gates = net as? any GateAddressable
        // A model with ranges is asked after the assignment; out of range, the values go back.
        let snapshot = net is any ConstrainedParameters ? SessionSnapshot(session) : nil
        switch target {
        case .value(.word("*"), _):
            guard case .number(let x) = value else {
                throw CommandError("`set *` takes one number, not \(value.kindDescription)", at: valueRange)
            }
            for (_, p) in net.namedParameters { p.fill { Float(x) } }
        case .value(.word(let name), let range):
            if net.parameter(named: name) == nil, let block = gates?.gateBlock(named: name) {
                try set(block, to: value, name: name, range: valueRange)
            } else {
                let p = try parameter(name, range: range, in: net)
                p.value = try matrix(value, for: p, name: name, range: valueRange)
            }
        case .indexed(let name, let indices, let range):
            guard case .number(let x) = value else {
                throw CommandError("one element takes one number, not \(value.kindDescription)", at: valueRange)
            }
            if net.parameter(named: name) == nil, let block = gates?.gateBlock(named: name) {
                let (r, c) = try blockElement(indices, of: block, name: name, range: range)
                block.parameter.value[r, c] = Float(x)
            } else {
                let p = try parameter(name, range: range, in: net)
                let (r, c) = try parameterElement(indices, of: p, name: name, range: range)
                p.value[r, c] = Float(x)
            }
        default:
            throw CommandError("expected a parameter name, NAME[i,j] or *", at: target.range)
        }
        if let problem = (net as? any ConstrainedParameters)?.parameterProblem {
            snapshot?.restore(session)
            throw CommandError("not set: \(problem)", at: valueRange)
        }
        return CommandResult()
    }

    /// Splits `TARGET = VALUE` (or `TARGET=VALUE`).
    private func assignment(_ line: ParsedLine) throws(CommandError) -> (Argument, Value, Range<Int>) {
        let args = line.arguments
        if case .option(let key, let keyRange, let value, let valueRange) = args[0] {
            try line.expectNoMore(after: 1, usage: synopsis)
            return (.value(.word(key), range: keyRange), value, valueRange)
        }
        guard args.count >= 2, case .equals = args[1] else {
            throw CommandError("expected '=' after the name: set NAME = VALUE", at: args.count >= 2 ? args[1].range : line.endRange)
        }
        guard args.count >= 3, case .value(let value, let valueRange) = args[2] else {
            throw CommandError("expected a value after '='", at: args.count >= 3 ? args[2].range : line.endRange)
        }
        try line.expectNoMore(after: 3, usage: synopsis)
        return (args[0], value, valueRange)
    }

    /// Sets one gate's block (`weight_ih_l0.f`): a number fills it, a vector
    /// fills a bias block or a one-row block, a matrix a block of its shape.
    private func set(_ block: GateBlock, to value: Value, name: String, range: Range<Int>) throws(CommandError) {
        let p = block.parameter
        let rows = p.isVector ? 1 : block.range.count, cols = p.isVector ? block.range.count : p.value.cols
        let shape = p.isVector ? "[\(cols)]" : "[\(rows), \(cols)]"
        var numbers: [Float]
        switch value {
        case .number(let x): numbers = Array(repeating: Float(x), count: rows * cols)
        case .vector(let v) where v.count == rows * cols && (rows == 1 || cols == 1): numbers = v.map(Float.init)
        case .matrix(let m) where m.count == rows && m.allSatisfy({ $0.count == cols }): numbers = m.flatMap { $0.map(Float.init) }
        default:
            throw CommandError("\(name) (gate \(block.gate) of \(block.base)) is \(shape), the value is \(value.kindDescription)", at: range)
        }
        if p.isVector {
            for (k, i) in block.range.enumerated() { p.value.data[i] = numbers[k] }
        } else {
            for (k, r) in block.range.enumerated() {
                for c in 0..<cols { p.value[r, c] = numbers[k * cols + c] }
            }
        }
    }

    /// Row and column in the stacked parameter of `NAME.GATE[i,j]` (`[i]` for
    /// a bias block), indices counted within the block, bounds-checked.
    private func blockElement(_ indices: [Int], of block: GateBlock, name: String, range: Range<Int>) throws(CommandError) -> (Int, Int) {
        let p = block.parameter
        let size = block.range.count
        if p.isVector {
            guard indices.count == 1 else { throw CommandError("\(name) is a vector [\(size)]: use one index, \(name)[i]", at: range) }
            guard indices[0] < size else {
                throw CommandError("index \(indices[0]) is out of range for \(name) [\(size)] (indices start at 0)", at: range)
            }
            return (0, block.range.lowerBound + indices[0])
        }
        let shape = "[\(size), \(p.value.cols)]"
        guard indices.count == 2 else { throw CommandError("\(name) is a matrix \(shape): use two indices, \(name)[row,col]", at: range) }
        guard indices[0] < size, indices[1] < p.value.cols else {
            throw CommandError("index [\(indices[0]),\(indices[1])] is out of range for \(name) \(shape) (indices start at 0)", at: range)
        }
        return (block.range.lowerBound + indices[0], indices[1])
    }

    /// The new value for `p`, shape-checked.
    private func matrix(_ value: Value, for p: Parameter, name: String, range: Range<Int>) throws(CommandError) -> Matrix {
        let shape = NumberFormat.shape(p.shape)
        switch value {
        case .number(let x):
            return Matrix(rows: p.value.rows, cols: p.value.cols, repeating: Float(x))
        case .vector(let v):
            let fitsVector = p.isVector || p.value.rows == 1 || p.value.cols == 1
            guard fitsVector, v.count == p.elementCount else {
                throw CommandError("\(name) is \(shape), the value is a vector of \(v.count)", at: range)
            }
            return Matrix(rows: p.value.rows, cols: p.value.cols, data: v.map(Float.init))
        case .matrix(let m):
            guard !p.isVector, m.count == p.value.rows, m.first?.count == p.value.cols else {
                throw CommandError("\(name) is \(shape), the value is \(value.kindDescription)", at: range)
            }
            return Matrix(m.map { $0.map(Float.init) })
        case .word(let w):
            throw CommandError("'\(w)' is not a value: give a number, vector or matrix", at: range)
        case .string:
            throw CommandError("a parameter takes numbers, not a string", at: range)
        }
    }


    private func setDisplay(_ setting: String, range: Range<Int>, line: ParsedLine, session: Session) throws(CommandError) {
        try line.expectNoMore(after: 2, usage: "set \(setting) N")
        guard line.arguments.count == 2, case .value(let value, let valueRange) = line.arguments[1] else {
            throw CommandError("set \(setting) needs a value", at: line.arguments.count > 1 ? line.arguments[1].range : line.endRange)
        }
        switch (setting, value) {
        case ("precision", .number(let x)) where x == x.rounded() && NumberFormat.precisions.contains(Int(exactly: x) ?? 0):
            session.format.precision = Int(x)
        case ("precision", _):
            let p = NumberFormat.precisions
            throw CommandError("precision is a whole number of significant digits from \(p.lowerBound) to \(p.upperBound)", at: valueRange)
        case ("units", .word("all")):
            session.format.maxUnits = nil
        case ("units", .number(let x)) where x == x.rounded() && NumberFormat.unitCounts.contains(Int(exactly: x) ?? 0):
            session.format.maxUnits = Int(x)
        default:
            let u = NumberFormat.unitCounts
            throw CommandError("units is a whole number from \(u.lowerBound) to \(u.upperBound), or `all`", at: valueRange)
        }
    }

    func completions(after words: [String], in session: Session) -> [String] {
        if words.isEmpty {
            return ["*", "precision", "units"] + (session.model?.namedParameters.map(\.name) ?? []) + ((session.model as? any GateAddressable)?.gateBlockNames ?? [])
        }
        if words == ["units"] { return ["all"] }
        return []
    }
}
