import Testing
import Notebook
import RNNKit

/// The lecture's memory example, through the command language.
@Test func lectureMemoryExample() throws {
    let session = makeSession()
    #expect(run(session, "net elman in=2 hidden=2 out=2 act=linear bias=off") == ["elman(2 => 2 => 2, linear, no bias)  # 12 parameters"])
    run(session, "set * = 1")
    let expected: [([Float], [Float], [Float])] = [([1, 1], [2, 2], [4, 4]), ([1, 1], [6, 6], [12, 12]), ([2, 2], [16, 16], [32, 32])]
    for (x, h, y) in expected {
        run(session, "step [\(x.map { String(Int($0)) }.joined(separator: ", "))]")
        let probes = try #require(session.lastProbes.last)
        #expect(probes.map(\.name) == ["x", "h", "y"])
        #expect(probes[1].value.data == h)
        #expect(probes[2].value.data == y)
    }
    #expect(session.memory.time == 3)
    #expect(session.lastProbes.count == 3, "the steps since the last reset form one sequence")
    run(session, "reset")
    run(session, "run [1, 1] [1, 1] [2, 2]")
    #expect(session.lastProbes.map { $0[2].value.data } == [[4, 4], [12, 12], [32, 32]])
}

@Test func stepPrintsEveryProbeWithLabels() {
    let session = makeSession()
    run(session, "net elman in=2 hidden=2 out=2 act=linear bias=off", "set * = 1")
    #expect(run(session, "step [1, 1]") == ["t=1", "  x  input   [1, 1]", "  h  hidden  [2, 2]", "  y  output  [4, 4]"])
}

@Test func setOneElementAndWholeMatrix() throws {
    let session = makeSession()
    run(session, "net elman in=2 hidden=2 out=2 bias=off", "set weight_hh_l0 = [[1, 2], [3, 4]]", "set weight_ih_l0[1,0] = -5")
    let net = try #require(session.network)
    #expect(net.parameter(named: "weight_hh_l0")?.value.data == [1, 2, 3, 4])
    #expect(net.parameter(named: "weight_ih_l0")?.value[1, 0] == -5)
}

@Test func sameSeedSameWeights() {
    let a = makeSession(), b = makeSession()
    run(a, "seed 7", "net elman in=3 hidden=4 out=2")
    run(b, "seed 7", "net elman in=3 hidden=4 out=2")
    #expect(run(a, "params weight_hh_l0") == run(b, "params weight_hh_l0"))
    run(b, "init seed=8")
    #expect(run(a, "params weight_hh_l0") != run(b, "params weight_hh_l0"))
    run(a, "init seed=8")
    #expect(run(a, "params weight_hh_l0") == run(b, "params weight_hh_l0"))
}

@Test func precisionAndWideLayers() {
    let session = makeSession()
    run(session, "net elman in=1 hidden=20 act=linear bias=off", "set * = 0.123456")
    let wide = run(session, "step [1]")
    #expect(wide[2].contains("…") && wide[2].contains("20 units"))
    run(session, "set units all", "set precision 6")
    let all = run(session, "step [1]")
    #expect(!all[2].contains("…"))
    #expect(all[1].contains("[1]"))
}

@Test func canonicalCommandRebuildsTheSameNetwork() throws {
    let session = makeSession()
    run(session, "net elman in=3 hidden=5 out=2 layers=2 bidirectional act=relu bias=off")
    let net = try #require(session.network)
    let again = makeSession()
    run(again, net.command)
    #expect(again.network?.config == net.config)
}

@Test func gateBlocksAreAddressableByName() throws {
    let session = makeSession()
    run(session, "net lstm in=3 hidden=2", "set weight_ih_l0 = 0", "set weight_ih_l0.f = [[1, 2, 3], [4, 5, 6]]", "set bias_ih_l0.o = 7")
    let net = try #require(session.network)
    let w = try #require(net.parameter(named: "weight_ih_l0")).value
    #expect(Array(w.data[6..<12]) == [1, 2, 3, 4, 5, 6])
    #expect(w.data[0..<6].allSatisfy { $0 == 0 } && w.data[12...].allSatisfy { $0 == 0 })
    #expect(Array(try #require(net.parameter(named: "bias_ih_l0")).value.data[6..<8]) == [7, 7])
    #expect(session.execute("set weight_ih_l0.f = [1, 2, 3]").error?.message.contains("is [2, 3]") == true)
    #expect(session.execute("set peephole_i_l0.f = 1").error != nil)
    #expect(run(session, "params bias_ih_l0.o") == ["bias_ih_l0.o  gate o of bias_ih_l0  norm 9.899", "[7, 7]"])
}

@Test func aNewNetKeepsTheInputWidthOfTheLastOne() {
    let session = makeSession()
    run(session, "net lstm in=3 hidden=1")
    #expect(run(session, "net lstm hidden=64 layers=2 bidirectional") == ["lstm(3 => 64, tanh, 2 layers, bidirectional)  # 134656 parameters"])
}
