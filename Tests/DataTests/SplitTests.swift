import Testing
import RNNKit

@Test func splitIsSeededAndCoversEverything() {
    let items = Array(0..<100)
    let a = DataSplit(items, validationFraction: 0.2, seed: 7)
    let b = DataSplit(items, validationFraction: 0.2, seed: 7)
    let c = DataSplit(items, validationFraction: 0.2, seed: 8)
    #expect(a == b)
    #expect(a.validation != c.validation)
    #expect(a.validation.count == 20 && a.train.count == 80)
    #expect(Set(a.train + a.validation) == Set(items))
    #expect(a.train == a.train.sorted() && a.validation == a.validation.sorted())
}

@Test func splitEdgeCases() {
    #expect(DataSplit([1, 2, 3], validationFraction: 0.01, seed: 1).validation.count == 1)
    #expect(DataSplit([1, 2, 3], validationFraction: 1, seed: 1).train.count == 1)
    #expect(DataSplit([1, 2, 3], validationFraction: 0, seed: 1).validation.isEmpty)
    #expect(DataSplit([1], validationFraction: 0.5, seed: 1).train == [1])
    #expect(DataSplit([Int](), validationFraction: 0.5, seed: 1).train.isEmpty)
}
