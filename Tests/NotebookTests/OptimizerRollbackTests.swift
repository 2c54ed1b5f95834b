import Foundation
import Testing
import Notebook
import RNNKit

/// A refused `load session` whose notebook trained (with a new learning
/// rate, then another optimizer) puts the optimizer back through its state
/// dict: the same momenta and learning rate, and the next `train` continues
/// exactly as in a session that never tried the notebook.
@Test func aRefusedLoadSessionPutsTheOptimizersMomentaBack() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-\(UUID().uuidString).rnn").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "train epochs=1 lr=0.5\ntrain epochs=1 opt=adam\nnot_a_command\n".write(toFile: path, atomically: true, encoding: .utf8)
    let start = ["seed 1", "data slots n=40", "net elman hidden=4 out=auto", "train epochs=1 opt=momentum lr=0.1"]
    let tried = makeSession(), untouched = makeSession()
    for line in start { run(tried, line); run(untouched, line) }
    let net = try #require(tried.network)
    let before = try #require(tried.optimizerChoice).optimizer.stateDict(of: net.namedParameters)
    #expect(before.parameters["weight_hh_l0"]?.slots.keys.map(\.rawValue) == ["momentum_buffer"])

    #expect(tried.execute("load session \(path)").error != nil)
    let choice = try #require(tried.optimizerChoice)
    #expect(choice.descriptor.name == "momentum")
    #expect(choice.optimizer.stateDict(of: net.namedParameters) == before)

    run(tried, "train epochs=1")
    run(untouched, "train epochs=1")
    #expect(tried.network?.namedParameters.map(\.parameter.value) == untouched.network?.namedParameters.map(\.parameter.value))
    #expect(tried.lossHistory.map(\.trainLoss) == untouched.lossHistory.map(\.trainLoss))
}
