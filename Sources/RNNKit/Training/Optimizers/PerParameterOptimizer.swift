/// An optimizer that updates each parameter on its own, from its gradient
/// and its own state (every `torch.optim` optimizer rnnbook has).
///
/// Write the update rule and how the state maps to PyTorch's slot names; the
/// default `step` does everything else once for every such optimizer: it
/// refuses mismatched gradients before touching anything, drops the state of
/// parameters that no longer exist, applies weight decay (`decay`), counts
/// steps per parameter and keeps each parameter's state by identity.
/// `stateDict(of:)`, `load(_:into:)` and `reset()` come with it.
public protocol PerParameterOptimizer: Optimizer {
    /// What the optimizer keeps per parameter (momentum buffers, running averages).
    associatedtype State

    /// Where the default methods keep each parameter's step count and `State`.
    /// Declare it as `public var perParameterState = ParameterSlots<State>()`
    /// and leave it to them.
    var perParameterState: ParameterSlots<State> { get set }

    /// How weight decay acts; applied before `update` sees the gradient.
    var decay: WeightDecay { get }

    /// A parameter's state before its first step, for `count` elements.
    func initialState(count: Int) -> State

    /// One update of the weights `w` from the gradient `g` (weight decay
    /// already applied; both have the parameter's element count, as has
    /// every buffer of `state`); `step` counts this parameter's steps from 1.
    func update(_ w: inout [Float], gradient g: [Float], state: inout State, step: Int)

    /// The state's buffers under PyTorch's slot names, each with the
    /// parameter's element count (a buffer not made yet is left out).
    func slots(of state: State) -> [OptimizerSlot: [Float]]

    /// The state from a state dict's buffers: read each slot this optimizer,
    /// as configured, keeps with `slots.required` (or `slots.optional`).
    func state(from slots: inout OptimizerSlotReader) throws(OptimizerStateError) -> State
}

/// How weight decay acts, applied by `PerParameterOptimizer`'s `step`.
public enum WeightDecay: Sendable, Equatable {
    /// An L2 penalty in the gradient, `g ← g + factor · θ` (torch.optim.SGD, Adagrad, RMSprop, Adam).
    case l2(Double)
    /// Decoupled: `θ ← θ · (1 − lr · factor)` before the update (torch.optim.AdamW).
    case decoupled(Double)
}

extension PerParameterOptimizer {
    /// Inlinable, so each optimizer plugin gets it specialised for its `State`.
    @inlinable
    public func step(_ parameters: [Parameter], gradients: [Matrix]) throws(OptimizerError) {
        guard parameters.count == gradients.count else {
            throw .gradientCount(parameters: parameters.count, gradients: gradients.count)
        }
        for (p, g) in zip(parameters, gradients) where g.count != p.value.count {
            throw .gradientSize(parameter: p.name, expected: p.value.count, got: g.count)
        }
        if perParameterState.count > parameters.count { perParameterState.pruneReleased() }
        for (p, gradient) in zip(parameters, gradients) {
            var g = gradient.data
            switch decay {
            case .l2(let factor) where factor != 0:
                let wd = Float(factor)
                for i in g.indices { g[i] += wd * p.value.data[i] }
            case .decoupled(let factor) where factor != 0:
                let shrink = Float(1 - learningRate * factor)
                p.value.data.withUnsafeMutableBufferPointer { w in for i in 0..<w.count { w[i] *= shrink } }
            default:
                break
            }
            perParameterState.withState(of: p, initial: { initialState(count: g.count) }) { step, state in
                step += 1
                update(&p.value.data, gradient: g, state: &state, step: step)
            }
        }
    }

    public func reset() { perParameterState.removeAll() }

    public func stateDict(of parameters: [(name: String, parameter: Parameter)]) -> OptimizerState {
        var dict = OptimizerState(learningRate: learningRate)
        for (name, p) in parameters {
            guard let (step, state) = perParameterState.state(of: p) else { continue }
            let buffers = slots(of: state).mapValues { values in
                // A buffer of the wrong size (an optimizer's mistake) stays visible, and `load` refuses it.
                values.count == p.value.count ? Matrix(rows: p.value.rows, cols: p.value.cols, data: values) : Matrix(row: values)
            }
            dict.parameters[name] = OptimizerState.ParameterState(step: step, slots: buffers)
        }
        return dict
    }

    public func load(_ state: OptimizerState, into parameters: [(name: String, parameter: Parameter)]) throws(OptimizerStateError) {
        guard state.learningRate.isFinite, state.learningRate >= 0 else { throw .badLearningRate(state.learningRate) }
        var byName: [String: Parameter] = [:]
        for (name, p) in parameters where byName[name] == nil { byName[name] = p }
        var loaded = ParameterSlots<State>()
        for (name, entry) in state.parameters.sorted(by: { $0.key < $1.key }) {
            guard let p = byName[name] else { throw .unknownParameter(name, known: parameters.map(\.name)) }
            guard entry.step >= 0 else { throw .negativeStep(parameter: name, step: entry.step) }
            var reader = try OptimizerSlotReader(parameter: name, p, slots: entry.slots)
            let parameterState = try self.state(from: &reader)
            try reader.finish()
            loaded.set(step: entry.step, state: parameterState, for: p)
        }
        perParameterState = loaded
        learningRate = state.learningRate
    }
}
