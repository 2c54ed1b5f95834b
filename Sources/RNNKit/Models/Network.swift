import Foundation

/// A recurrent network: stacked (optionally bidirectional) layers of one cell
/// type, then an optional output layer. Stateless between calls: what `step`
/// remembers is a `NetworkMemory` the caller keeps (the session).
///
/// Parameters carry PyTorch's names: the cell's own (`weight_ih`) plus
/// `_l<k>` for the layer and `_reverse` for the backward direction; the output
/// layer is `out.weight` / `out.bias` (an `nn.Linear` named `out`).
public final class Network {
    public let config: NetworkConfig
    /// The plugin the cells came from.
    public let descriptor: CellDescriptor
    /// The recurrent layers.
    public let stack: RecurrentStack
    /// The output layer (`out=N`), unless there is none or the top cell computes the output itself (Jordan).
    public let head: OutputHead?
    /// Whether whole sequences run on the fused path when every cell has one
    /// (see `Network+Fused.swift`); off, everything is stepped on the tape
    /// (the tests compare the two; `RNNBOOK_FUSED=0` turns it off for a run).
    public var fusedPathEnabled = Network.fusedPathDefault
    /// The CRF over the outputs (`crf`), whose transition scores decode whole sentences.
    public let crf: CRFLayer?
    /// Every parameter with its network-wide name, in PyTorch's `state_dict` order.
    public let namedParameters: [(name: String, parameter: Parameter)]
    /// Each parameter's position in `namedParameters`, by identity.
    let parameterPositions: [ObjectIdentifier: Int]

    /// `cells[layer][direction]`, direction 0 forward, 1 backward.
    public var cells: [[any RecurrentCell]] { stack.cells }
    public var directions: Int { stack.directions }
    public var outputWeight: Parameter? { head?.weight }
    public var outputBias: Parameter? { head?.bias }

    /// Builds the network; each cell comes from `descriptor.make`.
    public init(config: NetworkConfig, descriptor: CellDescriptor) throws {
        self.config = config
        self.descriptor = descriptor
        stack = try RecurrentStack(descriptor: descriptor, inputSize: config.inputSize, hiddenSize: config.hiddenSize,
                                   outputSize: config.outputSize, layers: config.layers, bidirectional: config.bidirectional,
                                   bias: config.bias, options: config.cellOptions)
        if let out = config.outputSize, out > 0, !stack.top.producesNetworkOutput {
            head = OutputHead(inputWidth: stack.outputWidth, outputWidth: out, bias: config.bias, activation: config.outputActivation)
        } else {
            head = nil
        }
        if config.crf {
            guard let out = config.outputSize, out > 0, config.outputActivation == .linear else {
                throw CellError("crf needs tag scores to chain: add out=auto (or out=N), with the linear output (no outact=)")
            }
            crf = CRFLayer(tags: out)
        } else {
            crf = nil
        }
        namedParameters = stack.namedParameters + (head?.namedParameters ?? []) + (crf?.namedParameters ?? [])
        parameterPositions = Dictionary(namedParameters.enumerated().map { (ObjectIdentifier($1.parameter), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every cell with its position, layer by layer, forward before backward
    /// (the order of states in `NetworkMemory` and `SequenceResult.finalStates`).
    public var positionedCells: [(position: CellPosition, cell: any RecurrentCell)] { stack.positionedCells }

    /// Zero memory: what `step` starts from after `net` or `reset`.
    public func zeroMemory() -> NetworkMemory { NetworkMemory(states: stack.zeroStates(batch: 1)) }

    /// The PyTorch modules whose `state_dict` these weights are (`torch.nn.LSTM`,
    /// plus `torch.nn.Linear` named `out` for an output layer), or nil when a
    /// cell has no PyTorch equivalent as configured.
    public var pytorchModules: String? {
        guard let module = stack.top.pytorchModule, cells.joined().allSatisfy({ $0.pytorchModule == module }) else { return nil }
        guard let head else { return module }
        return "\(module) + torch.nn.Linear named out" + (head.activation == .softmax ? ", then softmax" : "")
            + (crf == nil ? "" : ", then pytorch-crf's CRF named crf")
    }

    /// The `net` command that builds this network again.
    public var command: String { config.command(cellSpecs: descriptor.options) }

    /// Whether the network computes an output beyond the top layer's hidden
    /// state: an output layer, or a cell that produces it (Jordan).
    public var hasOutput: Bool { head != nil || stack.top.producesNetworkOutput }

    /// Width of the network's output at each step.
    public var outputWidth: Int { head?.outputWidth ?? stack.outputWidth }


    /// Re-initialises every parameter (cells by their own rule, the output
    /// layer as PyTorch's `nn.Linear`: U(-1/√fan_in, 1/√fan_in)).
    public func initialize(_ scheme: InitScheme, rng: inout SeededGenerator) {
        for layer in cells { for cell in layer { cell.initialize(scheme, rng: &rng) } }
        head?.initialize(scheme, rng: &rng)
        crf?.initialize(rng: &rng)
    }

    /// The result of a forward pass over a sequence.
    public struct SequenceResult {
        /// The network's output at each time step `[batch, outputWidth]`.
        public var outputs: [Variable]
        /// Final state per layer and direction (`index = layer * directions + direction`).
        public var finalStates: [CellState]

        /// The final states off the tape (what truncated BPTT carries to the next chunk).
        public var finalValues: [StateValues] { finalStates.map(\.matrices) }
        /// Probes per time step: the input, every cell's values, the output.
        public var probes: [[Probes.Entry]]
        /// The first layer's forward outputs h_t (for ‖∂L/∂h_t‖, vanishing gradients).
        public var firstLayerOutputs: [Variable] = []
    }

    /// Runs the whole sequence on `tape`. `inputs[t]` is `[batch, inputSize]`;
    /// `initialStates` (one per layer and direction) default to zero.
    /// With `logits`, the output layer's activation (softmax) is left off,
    /// as a cross-entropy loss wants.
    ///
    /// `lengths` gives each batch row's real length when shorter rows are
    /// padded at the end: past its length a row's state stays as it was, so
    /// the backward direction starts at the row's own last word and final
    /// states are those at the last real step (as PyTorch's packed sequences).
    ///
    /// A cell's mistake (see `RecurrentCell.step`) is thrown as a `CellError`
    /// naming the cell, the layer and the operation.
    public func forward(_ inputs: [Variable], initialStates: [StateValues]? = nil, probes: Bool = false,
                        logits: Bool = false, lengths: [Int]? = nil) throws(CellError) -> SequenceResult {
        guard let tape = inputs.first?.tape else { return SequenceResult(outputs: [], finalStates: [], probes: []) }
        return try forward(inputs, from: initialStates?.map { $0.onTape(tape) }, probes: probes, logits: logits, lengths: lengths)
    }

    /// `forward` from initial states already on the tape (to differentiate with respect to them).
    public func forward(_ inputs: [Variable], from initialStates: [CellState]?, probes: Bool = false,
                        logits: Bool = false, lengths: [Int]? = nil) throws(CellError) -> SequenceResult {
        guard let tape = inputs.first?.tape else { return SequenceResult(outputs: [], finalStates: [], probes: []) }
        let pass = try stack.forward(inputs, from: initialStates, probes: probes, lengths: lengths)
        let outputs = head?.apply(pass.outputs, logits: logits) ?? pass.outputs
        if let failure = tape.failure { throw CellError("the output layer: \(failure)") }
        var perStep = pass.probes
        if probes {
            for t in perStep.indices {
                perStep[t].insert(Probes.Entry(.input, name: "x", label: "input", value: inputs[t].value), at: 0)
                // The output is its own row only when something computes it beyond the top layer's hidden state.
                if hasOutput { perStep[t].append(Probes.Entry(.output, name: "y", label: "output", value: outputs[t].value)) }
            }
        }
        return SequenceResult(outputs: outputs, finalStates: pass.finalStates, probes: perStep, firstLayerOutputs: pass.firstLayerOutputs)
    }

    /// Feeds a sequence (batch 1) from `memory`, moves `memory` on to the
    /// final state (only if the whole sequence ran), and returns each step's
    /// probes. No gradients are recorded.
    public func run(_ inputs: [Matrix], memory: inout NetworkMemory) throws(CellError) -> [[Probes.Entry]] {
        let tape = Tape(recording: false)
        let result = try forward(inputs.map { tape.constant($0) }, initialStates: memory.states, probes: true)
        memory = NetworkMemory(states: result.finalValues, time: memory.time + inputs.count)
        return result.probes
    }
}

extension Network {
    /// `RNNBOOK_FUSED=0` in the environment: every new network steps on the tape (to measure what the fused path gives).
    static let fusedPathDefault: Bool = ProcessInfo.processInfo.environment["RNNBOOK_FUSED"] != "0"
}
