import Testing
import Notebook
import RNNKit

// `plot gates|memory|hidden` choose probes by their kind, and `plot weights`
// groups rows by the cell's declared gate names: neither reads a label, a
// probe's name or the cell's name.

/// One step of probes a cell of any name might record, with names and labels
/// that say nothing about their role.
private func unusualProbes() -> [[Probes.Entry]] {
    let one = { (v: Float) in Matrix(row: [v, v]) }
    return [[
        Probes.Entry(.input, name: "x", label: "input", value: one(1)),
        Probes.Entry(.gate, name: "q", label: "squash", value: one(0.5)),
        Probes.Entry(.other, name: "w", label: "a gate-like word", value: one(2)),
        Probes.Entry(.memory, name: "m", label: "store", value: one(3)),
        Probes.Entry(.other, name: "c", label: "not the memory", value: one(4)),
        Probes.Entry(.hidden, name: "s", label: "state", value: one(5)),
        Probes.Entry(.candidate, name: "h", label: "not the hidden state", value: one(6)),
    ]]
}

@Test(arguments: [("gates", "q squash"), ("memory", "m store"), ("hidden", "s state")])
func plotSelectsProbesByKind(what: String, legend: String) throws {
    let s = makeSession()
    run(s, "net elman in=2 hidden=2")
    s.lastProbes = unusualProbes()
    let text = run(s, "plot \(what)").joined(separator: "\n")
    #expect(text.contains(": \(legend)"), "\(text)")
    for other in ["squash", "gate-like", "store", "not the memory", "state", "not the hidden"] where !legend.contains(other) {
        #expect(!text.contains(other), "plot \(what) shows \(other)")
    }
}

@Test func plotWeightsGroupsRowsByTheCellsGateNames() {
    let s = makeSession()
    run(s, "net gru in=2 hidden=3 out=2 layers=2 bidirectional")
    for name in ["weight_ih_l0", "weight_hh_l1_reverse"] {
        let rows = run(s, "plot weights \(name)")
        #expect(rows.contains { $0.hasPrefix("r 0 ") } && rows.contains { $0.hasPrefix("n 0 ") }, "\(name): \(rows)")
    }
    // The output layer belongs to no cell; a cell without stacked gates declares none.
    #expect(!run(s, "plot weights out.weight").contains { $0.hasPrefix("r 0 ") })
    run(s, "net mgu in=2 hidden=3")
    #expect(run(s, "plot weights weight_if_l0").contains { $0.hasPrefix("0 ") })
}
