import Testing
import RNNKit
import BuiltinPlugins

/// `copy()` gives an optimizer with the same settings and state that then
/// goes its own way: stepping one leaves the other as it was.
@Test(arguments: ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"])
func optimizerCopiesAreIndependent(name: String) throws {
    let registry = Registry(plugins: allPlugins)
    let descriptor = try #require(registry.optimizer(named: name))
    let original = try descriptor.make(try Options(parsing: [("lr", "0.1")], specs: descriptor.options))
    let p = Parameter("w", count: 3)
    p.value = Matrix(row: [1, 2, 3])
    let g = Matrix(row: [0.5, -1, 2])
    original.step([p], gradients: [g])
    let twin = original.copy()
    let start = p.value
    // The same next step from the same state…
    original.step([p], gradients: [g])
    let afterOriginal = p.value
    p.value = start
    twin.step([p], gradients: [g])
    #expect(p.value == afterOriginal)
    // …and the original's extra step did not touch the twin's state.
    p.value = start
    let third = original.copy()
    original.step([p], gradients: [g])
    p.value = start
    third.step([p], gradients: [g])
    #expect(p.value != start)
}
