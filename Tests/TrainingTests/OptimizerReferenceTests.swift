import Foundation
import Testing
import RNNKit
import CellTesting
import BuiltinPlugins

/// `optimizers.json`: six steps of each PyTorch optimizer (float64) from one
/// start `p0` and one gradient sequence.
private struct OptimizerReference: Decodable {
    struct Run: Decodable {
        let after_each_step: [RefTensor]
    }
    let p0: RefTensor
    let grads: [RefTensor]
    let runs: [String: Run]

    static func load() throws -> OptimizerReference {
        try JSONDecoder().decode(OptimizerReference.self, from: referenceData("optimizers"))
    }

    /// Each run's torch keyword arguments, as `key=value` pairs in our option
    /// names (`betas` → `beta1`, `beta2`; `nesterov` is the optimizer's name).
    static func options(of run: String) throws -> [(key: String, value: String?)] {
        let json = try JSONSerialization.jsonObject(with: referenceData("optimizers"))
        let runs = try #require((json as? [String: Any])?["runs"] as? [String: Any])
        let kwargs = try #require((runs[run] as? [String: Any])?["options"] as? [String: Any])
        var pairs: [(key: String, value: String?)] = []
        for (key, value) in kwargs.sorted(by: { $0.key < $1.key }) {
            switch (key, value) {
            case ("nesterov", _): continue
            case ("betas", let betas as [Double]):
                pairs += [("beta1", String(betas[0])), ("beta2", String(betas[1]))]
            case (_, let x as Double): pairs.append((key, String(x)))
            default: Issue.record("unexpected option \(key)=\(value) in run \(run)")
            }
        }
        return pairs
    }
}

/// Our optimizer name for each reference run.
private let runs: [(run: String, optimizer: String)] = [
    ("sgd", "sgd"), ("sgd_momentum", "momentum"), ("sgd_nesterov", "nesterov"),
    ("adagrad", "adagrad"), ("rmsprop", "rmsprop"), ("adam", "adam"), ("adamw", "adamw"),
]

/// Float32 updates against PyTorch's float64: within 1e-5 relative
/// (floor 1e-3 for values near zero) after every one of six steps.
@Test(arguments: runs)
func optimizerMatchesPyTorch(run: String, optimizer name: String) throws {
    let reference = try OptimizerReference.load()
    let expected = try #require(reference.runs[run]).after_each_step
    let descriptor = try #require(Registry(plugins: allPlugins).optimizer(named: name))
    let options = try Options(parsing: OptimizerReference.options(of: run), specs: descriptor.options)
    let optimizer = try descriptor.make(options)
    let p = Parameter("p", count: reference.p0.data.count)
    p.value = reference.p0.matrix
    #expect(expected.count == reference.grads.count)
    for (step, (gradient, want)) in zip(reference.grads, expected).enumerated() {
        try optimizer.step([p], gradients: [gradient.matrix])
        let error = relativeError(p.value.data, want.data)
        #expect(error < 1e-5, "\(name) step \(step + 1): relative error \(error)")
    }
}
