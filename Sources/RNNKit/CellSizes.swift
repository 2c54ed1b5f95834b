/// How big a cell of one type is at any size, learnt from cells built at tiny
/// sizes, so a net's parameter count is known before anything large is
/// allocated (a typo such as `hidden=100000` is refused, not an out-of-memory
/// crash), whatever the cell: no gate count is assumed.
///
/// Every dimension of every parameter, and the cell's output width, is taken
/// to be linear in the input, hidden and output sizes (`gates × hidden`,
/// `input`, `hidden + 1`…), as it is for stacked gate blocks. The fit is
/// checked at one more size; a cell for which it does not hold, or that
/// refuses the tiny sizes, has no `CellSizes`.
public struct CellSizes: Sendable {
    /// `constant + perInput·in + perHidden·hidden + perOutput·out`.
    struct Linear: Sendable, Equatable {
        var constant = 0, perInput = 0, perHidden = 0, perOutput = 0

        /// The value at `s`, or nil if it overflows.
        func callAsFunction(_ s: Sizes) -> Int? {
            var total: Int? = constant
            for (a, b) in [(perInput, s.input), (perHidden, s.hidden), (perOutput, s.output)] {
                total = total.flatMap { t in checkedProduct(a, b).flatMap { checkedSum(t, $0) } }
            }
            return total
        }
    }

    struct Sizes: Sendable { var input: Int, hidden: Int, output: Int }

    /// Each parameter's dimensions, in the cell's order.
    let shapes: [[Linear]]
    /// Width of what the cell passes up.
    let outputWidth: Linear
    /// Whether the cell computes the network's output itself (no output layer).
    public let producesNetworkOutput: Bool

    /// Fits the sizes of `descriptor`'s cells with `bias` and `options`; with
    /// `outputSize`, cells are given an output width (as `out=N` does).
    public init?(_ descriptor: CellDescriptor, bias: Bool, options: Options, outputSize: Bool) {
        typealias Built = (shapes: [[Int]], names: [String], output: Int, produces: Bool)
        func build(_ s: Sizes) -> Built? {
            let config = CellConfig(inputSize: s.input, hiddenSize: s.hidden, outputSize: outputSize ? s.output : nil,
                                    bias: bias, options: options)
            guard let cell = try? descriptor.make(config) else { return nil }
            return (cell.parameters.map(\.shape), cell.parameters.map(\.name), cell.outputSize, cell.producesNetworkOutput)
        }
        let base = Sizes(input: 2, hidden: 2, output: 2), step = 2
        var moved = [Sizes(input: 2 + step, hidden: 2, output: 2), Sizes(input: 2, hidden: 2 + step, output: 2)]
        if outputSize { moved.append(Sizes(input: 2, hidden: 2, output: 2 + step)) }
        guard let b = build(base) else { return nil }
        let others = moved.compactMap(build)
        guard others.count == moved.count,
              others.allSatisfy({ $0.names == b.names && $0.shapes.map(\.count) == b.shapes.map(\.count) }) else { return nil }
        /// The linear form through the base and one step along each size.
        func fit(_ value: (Built) -> Int) -> Linear {
            let slopes = others.map { (value($0) - value(b)) / step }
            let perOutput = outputSize ? slopes[2] : 0
            return Linear(constant: value(b) - 2 * (slopes[0] + slopes[1] + perOutput),
                          perInput: slopes[0], perHidden: slopes[1], perOutput: perOutput)
        }
        shapes = b.shapes.indices.map { p in b.shapes[p].indices.map { d in fit { $0.shapes[p][d] } } }
        outputWidth = fit { $0.output }
        producesNetworkOutput = b.produces
        // One more size, off the lines fitted, must agree.
        let check = Sizes(input: 4, hidden: 6, output: 8)
        guard let c = build(check), c.names == b.names, c.output == outputWidth(check),
              c.shapes.map({ $0.map(Optional.some) }) == shapes.map({ $0.map { $0(check) } }) else { return nil }
    }

    /// Trainable numbers in one cell of these sizes (nil if it does not fit in an `Int`).
    public func parameterCount(inputSize: Int, hiddenSize: Int, outputSize: Int?) -> Int? {
        let s = Sizes(input: inputSize, hidden: hiddenSize, output: outputSize ?? 0)
        var total: Int? = 0
        for shape in shapes {
            var count: Int? = 1
            for dimension in shape {
                guard let n = dimension(s), n >= 0 else { return nil }
                count = count.flatMap { checkedProduct($0, n) }
            }
            total = total.flatMap { t in count.flatMap { checkedSum(t, $0) } }
        }
        return total
    }

    /// The width one cell of these sizes passes up.
    public func outputWidth(inputSize: Int, hiddenSize: Int, outputSize: Int?) -> Int? {
        outputWidth(Sizes(input: inputSize, hidden: hiddenSize, output: outputSize ?? 0))
    }
}

extension CellDescriptor {
    /// Trainable numbers in the cell `make(config)` would build, worked out
    /// without building it (see `CellSizes`); nil when it cannot be.
    public func parameterCount(for config: CellConfig) -> Int? {
        CellSizes(self, bias: config.bias, options: config.options, outputSize: config.outputSize != nil)?
            .parameterCount(inputSize: config.inputSize, hiddenSize: config.hiddenSize, outputSize: config.outputSize)
    }
}

extension NetworkConfig {
    /// The sizes of this configuration's cells (nil when they cannot be learnt, see `CellSizes`).
    public func cellSizes(_ descriptor: CellDescriptor) -> CellSizes? {
        CellSizes(descriptor, bias: bias, options: cellOptions, outputSize: outputSize != nil)
    }

    /// Trainable numbers in the network `Network(config: self, descriptor:)`
    /// would build, every layer, direction, the output layer and the CRF, worked out
    /// from `cellSizes(descriptor)` without building it; nil when the count
    /// does not fit in an `Int`.
    public func parameterCount(_ sizes: CellSizes) -> Int? {
        let directions = bidirectional ? 2 : 1
        var width = inputSize, total = 0
        for _ in 0..<max(layers, 1) {
            guard let one = sizes.parameterCount(inputSize: width, hiddenSize: hiddenSize, outputSize: outputSize),
                  let passed = sizes.outputWidth(inputSize: width, hiddenSize: hiddenSize, outputSize: outputSize),
                  let layer = checkedProduct(one, directions), let sum = checkedSum(total, layer),
                  let next = checkedProduct(passed, directions) else { return nil }
            total = sum
            width = next
        }
        // The output layer: `out.weight` [out, width] and `out.bias` [out].
        if let out = outputSize, out > 0, !sizes.producesNetworkOutput {
            guard let fanIn = checkedSum(width, bias ? 1 : 0), let weights = checkedProduct(out, fanIn),
                  let sum = checkedSum(total, weights) else { return nil }
            total = sum
        }
        // The CRF: `crf.transitions` [out, out], its start and end scores [out] each.
        if crf, let out = outputSize, out > 0 {
            guard let square = checkedProduct(out, out), let ends = checkedProduct(out, 2), let table = checkedSum(square, ends),
                  let sum = checkedSum(total, table) else { return nil }
            total = sum
        }
        return total
    }
}

/// `a × b`, or nil when it overflows.
private func checkedProduct(_ a: Int, _ b: Int) -> Int? {
    let (r, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : r
}

/// `a + b`, or nil when it overflows.
private func checkedSum(_ a: Int, _ b: Int) -> Int? {
    let (r, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : r
}
