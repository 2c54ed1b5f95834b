import Notebook
import RNNKit
import Testing

/// A model that is only a table of numbers (as a counted HMM will be): it has
/// parameters, so `params`, `set` and `init` work on it, but it cannot step,
/// train by gradient or score sequences, and the commands that need that say so.
final class TableModel: Model {
    let table = Parameter("transitions", rows: 2, cols: 2)
    var summaryLine: String { "table(2x2)  # 4 parameters" }
    var command: String { "net table" }
    var namedParameters: [(name: String, parameter: Parameter)] { [("transitions", table)] }
    func initialize(_ scheme: InitScheme, rng: inout SeededGenerator) { scheme.apply(to: table, hiddenSize: 2, rng: &rng) }
}

@Test func commandsAskTheModelForTheCapabilityTheyNeed() throws {
    let s = makeSession()
    run(s, "seed 1", "data slots n=20")
    s.model = TableModel()
    #expect(run(s, "params").first?.hasPrefix("name") == true)
    run(s, "set transitions[0,1] = 0.5")
    #expect(s.model?.parameter(named: "transitions")?.value[0, 1] == 0.5)
    #expect(run(s, "net") == ["table(2x2)  # 4 parameters", "net table"])
    let refusals = [
        ("step [1]", "this needs a model fed one input at a time; the current model, table(2x2), is not one"),
        ("train epochs=1", "this needs a model trained by gradient; the current model, table(2x2), is not one"),
        ("eval", "this needs a model that scores or tags sequences; the current model, table(2x2), is not one"),
        ("predict leave Taipei", "this needs a model that tags sequences; the current model, table(2x2), is not one"),
    ]
    for (line, message) in refusals {
        #expect(s.execute(line).error?.message == message, "\(line)")
    }
    #expect(s.model is TableModel)
}
