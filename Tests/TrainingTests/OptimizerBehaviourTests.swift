import Testing
import RNNKit
import BuiltinPlugins
import CellTesting

/// Makes a registered optimizer from `key=value` words, as `optimizer NAME …` would.
private func makeOptimizer(_ name: String, _ words: String = "") throws -> any Optimizer {
    let descriptor = try #require(Registry(plugins: allPlugins).optimizer(named: name))
    let pairs = words.split(separator: " ").map { word -> (key: String, value: String?) in
        let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : nil)
    }
    return try descriptor.make(Options(parsing: pairs, specs: descriptor.options))
}

/// A one-element parameter holding `x`.
private func scalar(_ x: Float, name: String = "p") -> Parameter {
    let p = Parameter(name, count: 1)
    p.value.data[0] = x
    return p
}

/// Steps one scalar parameter from `start` through `gradients`; the value after each step.
private func trajectory(_ name: String, _ words: String, start: Float, gradients: [Float]) throws -> [Float] {
    let optimizer = try makeOptimizer(name, words)
    let p = scalar(start)
    return try gradients.map { g in
        try optimizer.step([p], gradients: [Matrix(row: [g])])
        return p.value.data[0]
    }
}

@Test func everyOptimizerIsRegisteredWithDocumentedOptions() throws {
    let registry = Registry(plugins: allPlugins)
    for name in ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"] {
        let d = try #require(registry.optimizer(named: name), "\(name) is not registered")
        #expect(d.options.contains { $0.key == "lr" }, "\(name) has no lr option")
        #expect(d.options.allSatisfy { !$0.help.isEmpty && $0.defaultValue != nil })
        #expect(!d.summary.isEmpty && !d.details.isEmpty)
    }
}

@Test func defaultsAreTorchs() throws {
    let registry = Registry(plugins: allPlugins)
    func number(_ optimizer: String, _ key: String) -> Double? {
        guard case .number(let x)? = registry.optimizer(named: optimizer)?.options.first(where: { $0.key == key })?.defaultValue
        else { return nil }
        return x
    }
    #expect(number("sgd", "lr") == 0.001 && number("momentum", "momentum") == 0.9)
    #expect(number("adagrad", "lr") == 0.01 && number("adagrad", "eps") == 1e-10)
    #expect(number("rmsprop", "lr") == 0.01 && number("rmsprop", "alpha") == 0.99 && number("rmsprop", "eps") == 1e-8)
    #expect(number("adam", "lr") == 0.001 && number("adam", "beta2") == 0.999 && number("adam", "weight_decay") == 0)
    #expect(number("adamw", "weight_decay") == 0.01)
}

/// Every optimizer, with its defaults, brings Σθ² down and stays finite.
@Test(arguments: ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"])
func defaultsDescendAQuadratic(name: String) throws {
    let optimizer = try makeOptimizer(name)
    let p = Parameter("w", rows: 2, cols: 3)
    p.value = Matrix(rows: 2, cols: 3, data: [1, -2, 0.5, 3, -1, 2])
    let before = p.value.norm
    for _ in 0..<200 { try optimizer.step([p], gradients: [p.value * 2]) }
    #expect(p.value.isFinite)
    #expect(p.value.norm < before)
}

@Test func optionsTheUpdateCannotUseAreRefused() throws {
    #expect(throws: OptionError.badValue(key: "momentum", value: "0", expected: "above 0 for Nesterov momentum")) {
        try makeOptimizer("nesterov", "momentum=0")
    }
    #expect(throws: OptionError.self) { try makeOptimizer("adam", "beta1=1") }
    #expect(throws: OptionError.self) { try makeOptimizer("adamw", "beta2=1") }
    #expect(throws: OptionError.self) { try makeOptimizer("rmsprop", "alpha=2") }
    #expect(throws: OptionError.self) { try makeOptimizer("sgd", "momentum=0.9") }
}

// Hand-computed steps for the options the PyTorch reference runs leave at their defaults.

@Test func sgdWeightDecayIsAnL2Term() throws {
    // g' = 0.5 + 0.1·1 = 0.6; θ = 1 − 0.1·0.6
    #expect(relativeError(try trajectory("sgd", "lr=0.1 weight_decay=0.1", start: 1, gradients: [0.5]), [0.94], floor: 1) < 1e-6)
}

@Test func momentumDampeningSparesTheFirstStep() throws {
    // b = 1 (first step, undamped) → 0.9; b = 0.9·1 + 0.5·1 = 1.4 → 0.76
    #expect(relativeError(try trajectory("momentum", "lr=0.1 dampening=0.5", start: 1, gradients: [1, 1]), [0.9, 0.76], floor: 1) < 1e-6)
}

@Test func adagradDecayAndInitialAccumulator() throws {
    // s = 1 + 1 = 2, lr_t = 0.1; then s = 3, lr_t = 0.1 / 1.5
    let first = 1 - 0.1 / 2.0.squareRoot()
    let second = first - (0.1 / 1.5) / 3.0.squareRoot()
    #expect(relativeError(try trajectory("adagrad", "lr=0.1 lr_decay=0.5 initial_accumulator=1 eps=0", start: 1, gradients: [1, 1]),
                          [first, second], floor: 1) < 1e-6)
}

@Test func rmspropCenteredWithMomentum() throws {
    // v = 0.5, m = 0.5, d = √(0.5 − 0.25) = 0.5, b = 2 → θ = 0.8
    // v = 0.75, m = −0.25, d = √0.6875, b = 0.5·2 − 1/d
    let b2 = 1 - 1 / 0.6875.squareRoot()
    #expect(relativeError(try trajectory("rmsprop", "lr=0.1 alpha=0.5 eps=0 momentum=0.5 centered", start: 1, gradients: [1, -1]),
                          [0.8, 0.8 - 0.1 * b2], floor: 1) < 1e-6)
}

@Test func amsgradDividesByTheLargestMeanSquare() throws {
    // beta1 = 0: m = g. Step 1: v = 0.5, corrected √v/√0.5 = 1 → θ = 0.9.
    // Step 2 (g = 0.5): v = 0.375 but v̂ = 0.5; denominator √0.5/√0.75.
    let plain = 0.9 - 0.1 * 0.5 / (0.375.squareRoot() / 0.75.squareRoot())
    let ams = 0.9 - 0.1 * 0.5 / (0.5.squareRoot() / 0.75.squareRoot())
    let words = "lr=0.1 beta1=0 beta2=0.5 eps=0"
    #expect(relativeError(try trajectory("adam", words, start: 1, gradients: [1, 0.5]), [0.9, plain], floor: 1) < 1e-6)
    #expect(relativeError(try trajectory("adam", words + " amsgrad", start: 1, gradients: [1, 0.5]), [0.9, ams], floor: 1) < 1e-6)
}

@Test func adamDecaysThroughTheGradientAdamWDirectly() throws {
    // Adam: g' = 0.1, and the normalised step is a full lr → 0.9.
    #expect(relativeError(try trajectory("adam", "lr=0.1 weight_decay=0.1", start: 1, gradients: [0]), [0.9], floor: 1) < 1e-6)
    // AdamW: θ·(1 − 0.1·0.1), and a zero gradient moves nothing else.
    #expect(relativeError(try trajectory("adamw", "lr=0.1 weight_decay=0.1", start: 1, gradients: [0]), [0.99], floor: 1) < 1e-6)
    // With no decay the two are the same optimizer.
    let gs: [Float] = [0.3, -1, 2, 0.1]
    #expect(try trajectory("adam", "lr=0.1", start: 1, gradients: gs)
            == trajectory("adamw", "lr=0.1 weight_decay=0", start: 1, gradients: gs))
}

// State: kept per parameter object, across learning-rate changes, until reset.

@Test func changingTheLearningRateKeepsMomentum() throws {
    let optimizer = try makeOptimizer("momentum", "lr=0.1")
    let p = scalar(1)
    try optimizer.step([p], gradients: [Matrix(row: [1])])        // b = 1, θ = 0.9
    optimizer.learningRate = 0.05
    #expect(optimizer.learningRate == 0.05)
    try optimizer.step([p], gradients: [Matrix(row: [2])])        // b = 0.9 + 2 = 2.9
    #expect(relativeError(p.value.data, [0.9 - 0.05 * 2.9], floor: 1) < 1e-6)
}

@Test func resetForgetsState() throws {
    let optimizer = try makeOptimizer("adam", "lr=0.1")
    let p = scalar(1)
    for g: Float in [1, -2, 3] { try optimizer.step([p], gradients: [Matrix(row: [g])]) }
    optimizer.reset()
    let before = p.value.data[0]
    try optimizer.step([p], gradients: [Matrix(row: [0.5])])
    // A fresh Adam's first step moves by lr·sign(g) (up to eps).
    #expect(relativeError(p.value.data, [Double(before) - 0.1], floor: 1) < 1e-5)
}

@Test(arguments: ["momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"])
func stateFollowsTheParameterNotItsPosition(name: String) throws {
    let inOrder = try makeOptimizer(name, "lr=0.1")
    let swapped = try makeOptimizer(name, "lr=0.1")
    let a1 = scalar(1, name: "a"), b1 = scalar(-1, name: "b")
    let a2 = scalar(1, name: "a"), b2 = scalar(-1, name: "b")
    for (ga, gb) in [(Float(0.5), Float(-2)), (1, 3), (-1, 0.25)] {
        try inOrder.step([a1, b1], gradients: [Matrix(row: [ga]), Matrix(row: [gb])])
        try swapped.step([b2, a2], gradients: [Matrix(row: [gb]), Matrix(row: [ga])])
    }
    #expect(a1.value == a2.value && b1.value == b2.value)
}

@Test func aNewParameterStartsWithFreshState() throws {
    let optimizer = try makeOptimizer("momentum", "lr=0.1")
    let old = scalar(1)
    try optimizer.step([old], gradients: [Matrix(row: [5])])
    let new = scalar(1)   // a new net's parameter: no momentum from the old one
    try optimizer.step([new], gradients: [Matrix(row: [1])])
    #expect(relativeError(new.value.data, [0.9], floor: 1) < 1e-6)
}
