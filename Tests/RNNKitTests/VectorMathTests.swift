import Foundation
import RNNKit
import Testing

/// The fused kernels' vectorised exp, tanh and sigmoid against Foundation's.
@Suite struct VectorMathTests {
    /// Every 1/64 from -20 to 20, plus the far tails and zero.
    let points: [Float] = (-1280...1280).map { Float($0) / 64 } + [-100, -88, 88, 100, 1e-6, -1e-6, 0]

    func worst(_ f: (UnsafeMutablePointer<Float>, Int) -> Void, _ reference: (Double) -> Double) -> Double {
        var values = points
        values.withUnsafeMutableBufferPointer { f($0.baseAddress!, $0.count) }
        return zip(values, points).map { got, x in
            let want = reference(Double(x))
            return abs(Double(got) - want) / max(abs(want), 1e-30)
        }.max() ?? .infinity
    }

    @Test func tanhIsAccurateToAFewUlp() {
        #expect(worst({ VectorMath.tanh($0, count: $1) }, Foundation.tanh) < 1e-6)
    }

    @Test func sigmoidIsAccurateToAFewUlp() {
        #expect(worst({ VectorMath.sigmoid($0, count: $1) }, { 1 / (1 + Foundation.exp(-$0)) }) < 1e-6)
    }

    @Test func expIsAccurateToAFewUlpWhereFinite() {
        var values: [Float] = (-5000...5000).map { Float($0) / 64 }
        let inputs = values
        values.withUnsafeMutableBufferPointer { VectorMath.exp($0.baseAddress!, count: $0.count) }
        let errors = zip(values, inputs).map { abs(Double($0) - Foundation.exp(Double($1))) / Foundation.exp(Double($1)) }
        #expect(errors.max()! < 1e-6)
    }

    @Test func tailsOfOddLengthsAreHandled() {
        for count in [0, 1, 7, 9, 17] {
            var values = [Float](repeating: 0.5, count: count)
            values.withUnsafeMutableBufferPointer { if count > 0 { VectorMath.tanh($0.baseAddress!, count: count) } }
            #expect(values.allSatisfy { abs($0 - Foundation.tanh(0.5)) < 1e-6 })
        }
    }
}
