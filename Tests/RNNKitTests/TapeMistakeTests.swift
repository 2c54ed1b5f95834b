import Testing
import RNNKit

/// A cell plugin's shape mistakes on the tape are noted, not trapped: each
/// operation returns a placeholder and `Tape.failure` names the first one.
@Suite struct TapeMistakeTests {
    @Test(arguments: [
        ("matmul", "a 2x3 matrix times a 2x4ᵀ one: inner sizes 3 and 4 differ"),
        ("+", "shapes 2x3 and 2x4 neither match nor broadcast a row"),
        ("columns", "columns 2..<5 of a matrix with 3"),
        ("chunk", "3 columns do not split into 2 equal parts"),
        ("concatColumns", "nothing to concatenate"),
        ("sum", "nothing to add"),
        ("selectRows", "a 2x3 and a 2x4 state for 2 rows (a cell's next state must have its previous state's shape)"),
        ("weightedSum", "a 2x3 value with 1x1 weights"),
    ])
    func mistakesAreNotedNotTrapped(operation: String, message: String) {
        let tape = Tape()
        let a = tape.constant(Matrix(rows: 2, cols: 3)), b = tape.constant(Matrix(rows: 2, cols: 4))
        switch operation {
        case "matmul": _ = linear(a, b)
        case "+": _ = a + b
        case "columns": _ = columns(a, 2..<5)
        case "chunk": _ = chunk(a, 2)
        case "concatColumns": _ = concatColumns([], on: tape)
        case "sum": _ = sum([], on: tape)
        case "selectRows": _ = selectRows([true, false], a, b)
        default: _ = weightedSum(a, Matrix(rows: 1, cols: 1))
        }
        #expect(tape.failure == TapeFailure(operation: operation, message: message))
    }

    @Test func variablesOfAnotherTapeAreAMistake() {
        let old = Tape(), now = Tape()
        let kept = old.constant(Matrix(rows: 1, cols: 2))
        _ = now.constant(Matrix(rows: 1, cols: 2)) + kept
        #expect(now.failure?.message == "its operands come from different tapes (a Variable kept from another step?)")
    }

    @Test func aVariableWhoseTapeIsGoneReadsEmptyAndIsAMistake() {
        var kept: Variable? = nil
        do {
            let old = Tape()
            kept = old.constant(Matrix(rows: 1, cols: 2, repeating: 1))
        }
        let now = Tape()
        guard let kept else { return }
        #expect(kept.value.count == 0 && kept.rows == 0)
        let sum = now.constant(Matrix(rows: 1, cols: 2)) + kept
        #expect(now.failure?.message == "its operands come from different tapes (a Variable kept from another step?)")
        #expect(sum.rows == 1)
        _ = tanh(kept)  // on no live tape: nothing to note, and nothing traps
    }

    @Test func backwardOnATapeThatDoesNotRecordIsAMistake() {
        let tape = Tape(recording: false)
        tape.backward(from: tape.constant(Matrix(rows: 1, cols: 1)))
        #expect(tape.failure?.message == "backward on a tape that does not record")
    }

    @Test func theFirstMistakeIsKept() {
        let tape = Tape()
        let a = tape.constant(Matrix(rows: 2, cols: 3))
        _ = chunk(a, 2)
        _ = columns(a, 0..<9)
        #expect(tape.failure?.operation == "chunk")
    }
}
