/// A sequence of real vectors with a real target at every step.
public struct RealSequence: Sendable, Equatable {
    public var inputs: [[Float]]
    public var targets: [[Float]]

    public init(inputs: [[Float]], targets: [[Float]]) {
        self.inputs = inputs
        self.targets = targets
    }
}

/// A real-valued toy task for mean squared error: the input is a random
/// number in [-1, 1] at each step, and the target is the input from `lag`
/// steps earlier (0 before that). A net must keep the last `lag` inputs in
/// its memory — the lecture's memory example, learned instead of set by hand.
public struct DelayGenerator: Sendable {
    public var length: Int
    public var lag: Int

    public init(length: Int, lag: Int) {
        self.length = max(1, length)
        self.lag = max(0, lag)
    }

    /// `count` sequences, the same for the same seed.
    public func generate(count: Int, seed: UInt64) -> [RealSequence] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let xs = (0..<length).map { _ in Float(rng.uniform(-1, 1)) }
            let ys = (0..<length).map { t in t >= lag ? xs[t - lag] : 0 }
            return RealSequence(inputs: xs.map { [$0] }, targets: ys.map { [$0] })
        }
    }
}
