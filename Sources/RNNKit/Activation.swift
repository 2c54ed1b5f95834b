import Foundation

/// The squashing functions a cell or layer may use.
public enum Activation: String, CaseIterable, Sendable {
    case tanh, relu, sigmoid, linear

    /// Applies the activation on the tape (`linear` is the identity).
    public func callAsFunction(_ x: Variable) -> Variable {
        switch self {
        case .tanh: return RNNKit.tanh(x)
        case .relu: return RNNKit.relu(x)
        case .sigmoid: return RNNKit.sigmoid(x)
        case .linear: return x
        }
    }

    /// The activation of one number (for fused kernels).
    @inlinable public func value(_ x: Float) -> Float {
        switch self {
        case .tanh: return Foundation.tanh(x)
        case .relu: return max(x, 0)
        case .sigmoid: return 1 / (1 + Foundation.exp(-x))
        case .linear: return x
        }
    }

    /// Its derivative, from the activation's output `y`.
    @inlinable public func derivative(fromOutput y: Float) -> Float {
        switch self {
        case .tanh: return 1 - y * y
        case .relu: return y > 0 ? 1 : 0
        case .sigmoid: return y * (1 - y)
        case .linear: return 1
        }
    }

    /// `act=` for a cell with one hidden activation (tanh unless told).
    public static let hiddenOption = Option<Activation>("act", default: .tanh, help: "hidden activation")
}
