/// How `init` (and `net`) set parameters.
public enum InitScheme: Sendable, Equatable {
    /// PyTorch's default for recurrent layers: every parameter U(-1/√H, 1/√H).
    case pytorch
    /// Glorot/Xavier uniform for matrices, zero biases.
    case xavier
    /// N(0, std²) for matrices, zero biases.
    case normal(std: Double)
    /// Every parameter zero.
    case zeros

    public static let names = ["pytorch", "xavier", "normal", "zeros"]

    /// Sets `p` by this scheme; `hiddenSize` is the H in PyTorch's bound.
    public func apply(to p: Parameter, hiddenSize: Int, rng: inout SeededGenerator) {
        switch self {
        case .pytorch:
            let bound = 1 / Double(max(hiddenSize, 1)).squareRoot()
            p.fill { Float(rng.uniform(-bound, bound)) }
        case .xavier:
            if p.isVector { p.fill { 0 }; return }
            let bound = (6 / Double(p.value.rows + p.value.cols)).squareRoot()
            p.fill { Float(rng.uniform(-bound, bound)) }
        case .normal(let std):
            if p.isVector { p.fill { 0 }; return }
            p.fill { Float(rng.normal() * std) }
        case .zeros:
            p.fill { 0 }
        }
    }
}
