/// The output layer: `y = act(h · Wᵀ + b)`, PyTorch's `nn.Linear` named
/// `out` (`out.weight [out, in]`, `out.bias [out]`), then `OutputActivation`.
public struct OutputHead {
    public let weight: Parameter
    public let bias: Parameter?
    public let activation: OutputActivation

    /// An output layer from `inputWidth` to `outputWidth` values.
    public init(inputWidth: Int, outputWidth: Int, bias: Bool, activation: OutputActivation) {
        weight = Parameter("out.weight", rows: outputWidth, cols: inputWidth)
        self.bias = bias ? Parameter("out.bias", count: outputWidth) : nil
        self.activation = activation
    }

    public var outputWidth: Int { weight.value.rows }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        [(weight.name, weight)] + (bias.map { [($0.name, $0)] } ?? [])
    }

    /// As PyTorch's `nn.Linear`: U(-1/√fan_in, 1/√fan_in).
    public func initialize(_ scheme: InitScheme, rng: inout SeededGenerator) {
        let fanIn = weight.value.cols
        scheme.apply(to: weight, hiddenSize: fanIn, rng: &rng)
        if let bias { scheme.apply(to: bias, hiddenSize: fanIn, rng: &rng) }
    }

    /// The head on each step's `h`; with `logits`, the activation (softmax) is
    /// left off, as a cross-entropy loss wants.
    public func apply(_ hs: [Variable], logits: Bool) -> [Variable] {
        guard let tape = hs.first?.tape else { return [] }
        let w = tape.variable(for: weight), b = bias.map { tape.variable(for: $0) }
        return hs.map { h in
            let z = linear(h, w, b)
            return activation == .softmax && !logits ? softmax(z) : z
        }
    }
}
