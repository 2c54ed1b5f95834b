/// Updates parameters from their gradients, keeping its own state (momenta,
/// step counts) per parameter between steps.
///
/// At run time the state is keyed by each parameter's identity, so it follows
/// its parameter whatever order the trainer passes them in. Outside, it is a
/// value keyed by the network-wide parameter name, PyTorch's
/// `optimizer.state_dict()`: `stateDict(of:)` exports it and `load(_:into:)`
/// puts it back (a refused command restores momenta this way; a saved
/// session will write it out).
///
/// Most optimizers update each parameter on its own: conform to
/// `PerParameterOptimizer` instead and write only the update rule.
public protocol Optimizer: AnyObject {
    /// The learning rate, changeable between `train` calls without losing state.
    var learningRate: Double { get set }

    /// One update of every parameter from its gradient (gradient `i` belongs
    /// to parameter `i`). Refuses, changing nothing, when the counts or a
    /// gradient's size do not match.
    func step(_ parameters: [Parameter], gradients: [Matrix]) throws(OptimizerError)

    /// Forgets accumulated state (momenta, step counts).
    func reset()

    /// The state of every listed parameter that has any, under its name
    /// (`weight_ih_l0`), with PyTorch's slot names (`exp_avg`, `momentum_buffer`),
    /// and the learning rate.
    func stateDict(of parameters: [(name: String, parameter: Parameter)]) -> OptimizerState

    /// Replaces all state with `state`, matching its names to `parameters`,
    /// and sets the learning rate. Refuses, changing nothing, a name not in
    /// `parameters`, a slot of the wrong shape, or slots this optimizer does
    /// not keep (or lacks one it needs).
    func load(_ state: OptimizerState, into parameters: [(name: String, parameter: Parameter)]) throws(OptimizerStateError)
}
