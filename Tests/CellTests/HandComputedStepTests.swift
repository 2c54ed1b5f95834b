import Foundation
import Testing
import RNNKit
import GRUCell
import MGUCell
import CellTesting

// One step of the cells PyTorch has no reference for, against the equations
// written out with plain matrix arithmetic.

private func sig(_ m: Matrix) -> Matrix { m.map { 1 / (1 + Foundation.exp(-$0)) } }
private func th(_ m: Matrix) -> Matrix { m.map { Foundation.tanh($0) } }
private func mul(_ a: Matrix, _ b: Matrix) -> Matrix { a.zip(b, *) }
/// `x · Wᵀ + b` for a 1×n row `b`.
private func lin(_ x: Matrix, _ w: Matrix, _ b: Matrix? = nil) -> Matrix {
    let y = Matrix.matmul(x, w, transposeB: true)
    guard let b else { return y }
    return Matrix(rows: y.rows, cols: y.cols, data: y.data.enumerated().map { $1 + b.data[$0 % y.cols] })
}
private func rowsOf(_ m: Matrix, _ r: Range<Int>) -> Matrix {
    Matrix(rows: r.count, cols: m.cols, data: Array(m.data[(r.lowerBound * m.cols)..<(r.upperBound * m.cols)]))
}

/// Builds a cell with seeded random parameters and steps it once from a random state.
private func oneStep(_ plugin: any RNNPlugin.Type, _ name: String, _ raw: [(key: String, value: String?)] = [])
    throws -> (cell: any RecurrentCell, x: Matrix, h: Matrix, out: Matrix, probes: [Probes.Entry]) {
    let d = try descriptor(plugin, name)
    let cell = try d.make(CellConfig(inputSize: 3, hiddenSize: 4, options: try Options(parsing: raw, specs: d.options)))
    var rng = SeededGenerator(seed: 17)
    cell.initialize(.normal(std: 0.7), rng: &rng)
    for p in cell.parameters where p.isVector { p.fill { Float(rng.normal()) } }
    let x = Matrix(rows: 2, cols: 3, data: (0..<6).map { _ in Float(rng.normal()) })
    let h = Matrix(rows: 2, cols: 4, data: (0..<8).map { _ in Float(rng.normal()) })
    let tape = Tape(recording: false)
    var probes = Probes(enabled: true)
    let (out, _) = cell.step(tape.constant(x), state: CellState(cell.stateLayout, [tape.constant(h)], on: tape), probes: &probes)
    return (cell, x, h, out.value, probes.entries)
}


@Test func gruResetBeforeIsChoEtAl() throws {
    let s = try oneStep(GRUPlugin.self, "gru", [("reset", "before")])
    let p = Dictionary(uniqueKeysWithValues: s.cell.parameters.map { ($0.name, $0.value) })
    let (wih, whh, bih, bhh) = (try #require(p["weight_ih"]), try #require(p["weight_hh"]),
                                try #require(p["bias_ih"]), try #require(p["bias_hh"]))
    let gi = lin(s.x, wih, bih)
    let H = 4
    let rz = sig(lin(s.x, rowsOf(wih, 0..<(2 * H)), bih.columns(0..<(2 * H))) + lin(s.h, rowsOf(whh, 0..<(2 * H)), bhh.columns(0..<(2 * H))))
    let r = rz.columns(0..<H), z = rz.columns(H..<(2 * H))
    let n = th(gi.columns((2 * H)..<(3 * H)) + lin(mul(r, s.h), rowsOf(whh, (2 * H)..<(3 * H)), bhh.columns((2 * H)..<(3 * H))))
    let h = mul(z.map { 1 - $0 }, n) + mul(z, s.h)
    #expect(relativeError(s.out, h, floor: 1) < 1e-5)
    #expect(s.probes.map(\.name) == ["r", "z", "n", "h"])
    // reset=after differs (same seed, same weights): the option does something.
    #expect(relativeError(try oneStep(GRUPlugin.self, "gru").out, h, floor: 1) >= 1e-5)
}

@Test func mguFollowsZhouEtAl() throws {
    let s = try oneStep(MGUPlugin.self, "mgu")
    let p = Dictionary(uniqueKeysWithValues: s.cell.parameters.map { ($0.name, $0.value) })
    let f = sig(lin(s.x, try #require(p["weight_if"]), p["bias_f"]) + lin(s.h, try #require(p["weight_hf"])))
    let hhat = th(lin(s.x, try #require(p["weight_ih"]), p["bias_h"]) + lin(mul(f, s.h), try #require(p["weight_hh"])))
    let h = mul(f.map { 1 - $0 }, s.h) + mul(f, hhat)
    #expect(relativeError(s.out, h, floor: 1) < 1e-5)
    #expect(s.probes.map(\.name) == ["f", "hhat", "h"])
}
