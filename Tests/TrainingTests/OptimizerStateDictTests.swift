import Testing
import RNNKit
import BuiltinPlugins

/// Every optimizer configuration that keeps a different set of slots.
private let configurations: [(name: String, options: String)] = [
    ("sgd", "lr=0.1 weight_decay=0.1"), ("momentum", "lr=0.1 dampening=0.3"), ("nesterov", "lr=0.1 weight_decay=0.05"),
    ("adagrad", "lr=0.1 lr_decay=0.1 initial_accumulator=0.5"), ("rmsprop", "lr=0.01"),
    ("rmsprop", "lr=0.01 centered momentum=0.9 weight_decay=0.1"), ("adam", "lr=0.01"),
    ("adam", "lr=0.01 weight_decay=0.1 amsgrad"), ("adamw", "lr=0.01 weight_decay=0.2"),
]

/// A registered optimizer built from `key=value` words.
private func makeOptimizer(_ name: String, _ words: String) throws -> any Optimizer {
    let descriptor = try #require(Registry(plugins: allPlugins).optimizer(named: name))
    let pairs = words.split(separator: " ").map { word -> (key: String, value: String?) in
        let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : nil)
    }
    return try descriptor.make(Options(parsing: pairs, specs: descriptor.options))
}

/// A `[2, 3]` weight and a `[3]` bias under PyTorch names, at fixed values.
private func parameters() -> [(name: String, parameter: Parameter)] {
    let w = Parameter("weight_ih", rows: 2, cols: 3), b = Parameter("bias_ih", count: 3)
    w.value = Matrix(rows: 2, cols: 3, data: [0.5, -1, 2, 0.25, -0.75, 1.5])
    b.value = Matrix(row: [1, -2, 0.3])
    return [("weight_ih_l0", w), ("bias_ih_l0", b)]
}

/// The gradients of step `k` (the same for every run).
private func gradients(_ k: Int) -> [Matrix] {
    var rng = SeededGenerator(seed: UInt64(k + 1))
    return [Matrix(rows: 2, cols: 3, data: (0..<6).map { _ in Float.random(in: -2...2, using: &rng) }),
            Matrix(row: (0..<3).map { _ in Float.random(in: -2...2, using: &rng) })]
}

private func run(_ optimizer: any Optimizer, _ named: [(name: String, parameter: Parameter)], steps: Range<Int>) throws {
    for k in steps { try optimizer.step(named.map(\.parameter), gradients: gradients(k)) }
}

/// Export after three steps, load into a fresh optimizer beside fresh
/// parameters holding the same weights, three more steps: the same weights,
/// bit for bit, as six uninterrupted steps.
@Test(arguments: configurations)
func stateDictRoundTripContinuesTheSameTrajectory(name: String, options: String) throws {
    let straight = parameters()
    let uninterrupted = try makeOptimizer(name, options)
    try run(uninterrupted, straight, steps: 0..<6)

    let before = parameters()
    let first = try makeOptimizer(name, options)
    try run(first, before, steps: 0..<3)
    let saved = first.stateDict(of: before)
    let after = parameters()
    for (p, q) in zip(before, after) { q.parameter.value = p.parameter.value }
    let second = try makeOptimizer(name, options)
    try second.load(saved, into: after)
    #expect(second.stateDict(of: after) == saved)
    try run(second, after, steps: 3..<6)

    for (p, q) in zip(straight, after) {
        #expect(p.parameter.value == q.parameter.value, "\(name) \(options): \(p.name) differs after the round trip")
    }
}

/// The state dict uses the network's PyTorch names and PyTorch's slot names.
@Test func stateDictNamesAreTheNetworksPyTorchNames() throws {
    let registry = Registry(plugins: allPlugins)
    let net = try Network(config: NetworkConfig(cell: "elman", inputSize: 2, hiddenSize: 3, outputSize: 2),
                          descriptor: try #require(registry.cell(named: "elman")))
    let adam = try makeOptimizer("adam", "lr=0.01 amsgrad")
    let named = net.namedParameters
    try adam.step(named.map(\.parameter), gradients: named.map { $0.parameter.value.map { _ in 0.5 } })
    let dict = adam.stateDict(of: named)
    #expect(Set(dict.parameters.keys) == Set(named.map(\.name)))
    let weight = try #require(dict.parameters["weight_ih_l0"])
    #expect(weight.step == 1)
    #expect(weight.slots.keys.sorted() == [.expAvg, .expAvgSq, .maxExpAvgSq])
    #expect(weight.slots.keys.map(\.rawValue).sorted() == ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"])
    #expect(dict.learningRate == 0.01)

    let momentum = try makeOptimizer("momentum", "lr=0.1")
    try momentum.step(named.map(\.parameter), gradients: named.map { $0.parameter.value.map { _ in 1 } })
    #expect(momentum.stateDict(of: named).parameters["bias_hh_l0"]?.slots.keys.map(\.rawValue) == ["momentum_buffer"])
}

/// A parameter that has not been stepped has no entry, as in PyTorch.
@Test func aFreshOptimizerHasAnEmptyStateDict() throws {
    let dict = try makeOptimizer("adam", "lr=0.01").stateDict(of: parameters())
    #expect(dict == OptimizerState(learningRate: 0.01))
}

/// Each bad state dict is refused with its own error, and the optimizer keeps its state.
@Test func badStateDictsAreRefusedAndChangeNothing() throws {
    let named = parameters()
    let adam = try makeOptimizer("adam", "lr=0.01")
    try run(adam, named, steps: 0..<2)
    let good = adam.stateDict(of: named)
    let weight = try #require(good.parameters["weight_ih_l0"])

    var unknown = good
    unknown.parameters["weight_ih_l9"] = weight
    #expect(throws: OptimizerStateError.unknownParameter("weight_ih_l9", known: ["weight_ih_l0", "bias_ih_l0"])) {
        try adam.load(unknown, into: named)
    }
    var misshapen = good
    misshapen.parameters["bias_ih_l0"]?.slots[.expAvg] = Matrix(row: [1, 2])
    #expect(throws: OptimizerStateError.wrongShape(parameter: "bias_ih_l0", slot: .expAvg, expected: [3], got: [2])) {
        try adam.load(misshapen, into: named)
    }
    var transposed = good
    transposed.parameters["weight_ih_l0"]?.slots[.expAvgSq] = Matrix(rows: 3, cols: 2)
    #expect(throws: OptimizerStateError.wrongShape(parameter: "weight_ih_l0", slot: .expAvgSq, expected: [2, 3], got: [3, 2])) {
        try adam.load(transposed, into: named)
    }
    var missing = good
    missing.parameters["weight_ih_l0"]?.slots[.expAvgSq] = nil
    #expect(throws: OptimizerStateError.missingSlot(parameter: "weight_ih_l0", slot: .expAvgSq)) {
        try adam.load(missing, into: named)
    }
    var negative = good
    negative.parameters["weight_ih_l0"]?.step = -1
    #expect(throws: OptimizerStateError.negativeStep(parameter: "weight_ih_l0", step: -1)) {
        try adam.load(negative, into: named)
    }
    var nan = good
    nan.learningRate = .nan
    #expect(throws: OptimizerStateError.self) { try adam.load(nan, into: named) }
    #expect(adam.stateDict(of: named) == good)
}

/// Another optimizer's buffers are refused by name, naming what this one keeps.
@Test func anotherOptimizersStateIsRefused() throws {
    let named = parameters()
    let adam = try makeOptimizer("adam", "lr=0.01")
    try run(adam, named, steps: 0..<1)
    let sgd = try makeOptimizer("momentum", "lr=0.1")
    let error = #expect(throws: OptimizerStateError.self) { try sgd.load(adam.stateDict(of: named), into: named) }
    #expect(error == .unknownSlot(parameter: "bias_ih_l0", slot: .expAvg, expected: [.momentumBuffer]))
    #expect(error?.message == "optimizer state bias_ih_l0.exp_avg is not kept by this optimizer (it keeps momentum_buffer)")
    #expect(sgd.stateDict(of: named) == OptimizerState(learningRate: 0.1))
}

/// Loading sets the learning rate, as PyTorch's `load_state_dict` sets `param_groups`.
@Test func loadingSetsTheLearningRate() throws {
    let named = parameters()
    let optimizer = try makeOptimizer("rmsprop", "lr=0.01")
    try optimizer.load(OptimizerState(learningRate: 0.5), into: named)
    #expect(optimizer.learningRate == 0.5)
}

/// Gradients that do not match the parameters are refused before any weight moves.
@Test(arguments: ["sgd", "adagrad", "rmsprop", "adam", "adamw"])
func mismatchedGradientsAreRefused(name: String) throws {
    let named = parameters()
    let optimizer = try makeOptimizer(name, "lr=0.1")
    let start = named.map(\.parameter.value)
    let ps = named.map(\.parameter)
    #expect(throws: OptimizerError.gradientCount(parameters: 2, gradients: 1)) {
        try optimizer.step(ps, gradients: [gradients(0)[0]])
    }
    #expect(throws: OptimizerError.gradientSize(parameter: "bias_ih", expected: 3, got: 2)) {
        try optimizer.step(ps, gradients: [gradients(0)[0], Matrix(row: [1, 2])])
    }
    #expect(named.map(\.parameter.value) == start)
    #expect(optimizer.stateDict(of: named).parameters.isEmpty)
}
