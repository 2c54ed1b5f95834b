import Foundation
import Testing
import RNNKit
import CellTesting

/// `loss_and_clip.json`'s clipping part.
private struct ClipReference: Decodable {
    struct Case: Decodable {
        let max_norm: Double
        let grads: [RefTensor]
        let total_norm: Double
        let clipped: [RefTensor]
    }
    let clip_grad_norm: Case

    static func load() throws -> Case {
        try JSONDecoder().decode(ClipReference.self, from: referenceData("loss_and_clip")).clip_grad_norm
    }
}

@Test func clipByNormMatchesPyTorch() throws {
    let ref = try ClipReference.load()
    var gradients = ref.grads.map(\.matrix)
    let norm = GradientClipping.norm(ref.max_norm).apply(to: &gradients)
    #expect(abs(norm - ref.total_norm) <= 1e-6 * ref.total_norm)
    for (got, want) in zip(gradients, ref.clipped) {
        let error = relativeError(got.data, want.data)
        #expect(error < 1e-5, "clipped relative error \(error)")
    }
    let clippedNorm = gradients.reduce(0.0) { $0 + $1.norm * $1.norm }.squareRoot()
    #expect(abs(clippedNorm - ref.max_norm) < 1e-5)
}

@Test func clipByNormLeavesSmallGradientsAlone() {
    let original = [Matrix(row: [0.3, -0.4])]
    var gradients = original
    let norm = GradientClipping.norm(1).apply(to: &gradients)
    #expect(abs(norm - 0.5) < 1e-7)
    #expect(gradients == original)
}

@Test func clipByValueClampsEachElement() {
    var gradients = [Matrix(row: [-3, 0.2, 0.7]), Matrix(rows: 2, cols: 1, data: [-0.1, 4])]
    let norm = GradientClipping.value(0.5).apply(to: &gradients)
    #expect(abs(norm - (9 + 0.04 + 0.49 + 0.01 + 16).squareRoot()) < 1e-6)
    #expect(gradients == [Matrix(row: [-0.5, 0.2, 0.5]), Matrix(rows: 2, cols: 1, data: [-0.1, 0.5])])
}

@Test func noClippingOnlyMeasures() {
    let original = [Matrix(row: [30, 40])]
    var gradients = original
    #expect(GradientClipping.none.apply(to: &gradients) == 50)
    #expect(gradients == original)
}

@Test func nonFiniteNormLeavesGradientsForTheCaller() {
    let original = [Matrix(row: [.infinity, 1])]
    var gradients = original
    let norm = GradientClipping.norm(1).apply(to: &gradients)
    #expect(!norm.isFinite)
    #expect(gradients == original)
}

@Test func clippingDescribesItself() {
    #expect(GradientClipping.none.description == "no clipping")
    #expect(GradientClipping.norm(5).description == "clip by global norm 5")
    #expect(GradientClipping.value(0.5).description == "clip by value 0.5")
}
