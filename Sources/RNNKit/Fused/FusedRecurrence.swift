import CKernels

// The fused whole-sequence path: what a cell plugin provides to run a whole
// sequence at once, forward and backward, instead of step by step on the tape.
//
// A gated recurrent layer is two matrix products and elementwise work per
// step: pre-activations `x·W_ihᵀ + b_ih + h(t-1)·W_hhᵀ + b_hh`, then the
// cell's gates. The engine (`FusedSequence.swift`) does the products for all
// time steps at once where it can (the input projection and every weight
// gradient are one GEMM per sequence); the plugin provides only the
// elementwise step, forward and backward, as a `FusedRecurrence`.

/// The elementwise part of one recurrent step of a cell, for the fused path.
///
/// All buffers are row-major with `rows` rows of their natural width
/// (`gates × width` for pre-activations, `width` for states), contiguous.
public protocol FusedRecurrence: Sendable {
    /// Gate blocks stacked in the pre-activations (LSTM 4: i f g o; GRU 3: r z n; Elman 1).
    var gates: Int { get }
    /// Whether the state has a memory `c` beside `h` (LSTM).
    var hasMemory: Bool { get }
    /// Whether the recurrent pre-activations are kept apart from the input's
    /// (GRU: its candidate reads `r ∘ (W_hn h + b_hn)`); otherwise the engine
    /// adds them into `pre`.
    var separateRecurrent: Bool { get }
    /// Floats per row and step the forward pass keeps for backward beyond
    /// `pre` and `recurrent`, in units of `width`.
    var savedBlocks: Int { get }
    /// One step forward.
    func forward(_ step: FusedForwardStep)
    /// One step backward, from the gradients of the step's new state.
    func backward(_ step: FusedBackwardStep)
}

/// The buffers of one forward step.
public struct FusedForwardStep {
    public let rows: Int
    /// Units (H).
    public let width: Int
    /// Pre-activations `[rows, gates·width]` with biases (and, unless
    /// `separateRecurrent`, the recurrent term) added. The kernel may
    /// overwrite them with what its backward needs (the gate values).
    public let pre: UnsafeMutablePointer<Float>
    /// With `separateRecurrent`: `h(t-1)·W_hhᵀ + b_hh`, `[rows, gates·width]`; the kernel may overwrite it too.
    public let recurrent: UnsafeMutablePointer<Float>?
    public let hPrev: UnsafePointer<Float>
    public let cPrev: UnsafePointer<Float>?
    /// Out: the new `h` (also the step's output).
    public let h: UnsafeMutablePointer<Float>
    /// Out: the new `c` (memory cells only).
    public let c: UnsafeMutablePointer<Float>?
    /// `[rows, savedBlocks·width]` for backward, or nil when nothing will be differentiated.
    public let saved: UnsafeMutablePointer<Float>?
}

/// The buffers of one backward step.
public struct FusedBackwardStep {
    public let rows: Int
    public let width: Int
    /// What the forward step left in `pre`, `recurrent` and `saved`.
    public let pre: UnsafePointer<Float>
    public let recurrent: UnsafePointer<Float>?
    public let saved: UnsafePointer<Float>?
    public let hPrev: UnsafePointer<Float>
    public let cPrev: UnsafePointer<Float>?
    /// The step's new `h`.
    public let h: UnsafePointer<Float>
    /// Gradient of the loss with respect to the new `h` (output and carried state together).
    public let dh: UnsafePointer<Float>
    /// Gradient with respect to the new `c` (memory cells only).
    public let dc: UnsafePointer<Float>?
    /// Out: gradient with respect to `pre` (the input's pre-activations; also
    /// the recurrent ones unless `separateRecurrent`). Written, not added.
    public let dPre: UnsafeMutablePointer<Float>
    /// Out, with `separateRecurrent`: gradient with respect to `recurrent`. Written.
    public let dRecurrent: UnsafeMutablePointer<Float>?
    /// Out: the part of ∂L/∂h(t-1) that does not go through `W_hh` (GRU's
    /// `z ∘ dh`; zeros for cells without one). Written; the engine adds the rest.
    public let dhPrev: UnsafeMutablePointer<Float>
    /// Out: ∂L/∂c(t-1) (memory cells only). Written.
    public let dcPrev: UnsafeMutablePointer<Float>?
}

/// A cell's fused path: its kernel and the four PyTorch-layout weights it
/// multiplies (`weight_ih [gates·H, in]`, `weight_hh [gates·H, H]`, biases `[gates·H]`).
public struct FusedLayer {
    public let kernel: any FusedRecurrence
    public let weightIH: Parameter
    public let weightHH: Parameter
    public let biasIH: Parameter?
    public let biasHH: Parameter?

    public init(kernel: any FusedRecurrence, weightIH: Parameter, weightHH: Parameter, biasIH: Parameter?, biasHH: Parameter?) {
        self.kernel = kernel
        self.weightIH = weightIH
        self.weightHH = weightHH
        self.biasIH = biasIH
        self.biasHH = biasHH
    }

    /// Units (H).
    public var width: Int { weightHH.value.cols }
    public var inputWidth: Int { weightIH.value.cols }

    /// Whether the weights have the shapes the kernel needs (a plugin's mistake is refused, not run).
    var isConsistent: Bool {
        let g = kernel.gates * width
        return kernel.gates > 0 && width > 0 && weightIH.value.rows == g && weightHH.value.rows == g
            && (biasIH.map { $0.value.count == g } ?? true) && (biasHH.map { $0.value.count == g } ?? true)
            && kernel.savedBlocks >= 0
    }
}

/// A cell that can run whole sequences on the fused path.
public protocol FusedSequenceCell: RecurrentCell {
    /// The fused path for this configuration, or nil when it has none (an
    /// LSTM with peepholes): the network then steps it on the tape.
    var fusedLayer: FusedLayer? { get }
}

/// A buffer of `count` floats left uninitialised: the fused path's per-sequence
/// buffers are written in full before they are read (pre-activations start as
/// the bias, every kernel writes all its outputs), and zeroing tens of MB per
/// batch showed in profiles.
/// An empty one is `[]`: `unsafeUninitializedCapacity: 0` writes its count into
/// the runtime's one shared empty-array storage, a data race ThreadSanitizer
/// reports when two threads do it (two tests training at once).
func scratchBuffer(_ count: Int) -> [Float] {
    _ = heapKeepsLargeBuffers
    guard count > 0 else { return [] }
    return [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}

/// glibc maps every allocation over 128 KB to fresh pages and unmaps it when
/// freed, so each batch's buffers (tens of MB) were page-faulted in and
/// zeroed by the kernel again: a fifth of a training profile. Raising the
/// thresholds keeps them in the heap, reused from batch to batch.
private let heapKeepsLargeBuffers: Void = {
    rnnbook_keep_large_buffers_in_heap()
}()
