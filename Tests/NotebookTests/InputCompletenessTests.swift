import Testing
@testable import Notebook

/// The prompt's "is this input complete?" decision (multi-line input).
struct InputCompletenessTests {
    @Test func balancedLinesAreComplete() {
        #expect(InputCompleteness.isComplete(["step [1, 1]"]))
        #expect(InputCompleteness.isComplete(["net elman in=2 hidden=2"]))
        #expect(InputCompleteness.isComplete([""]))
        #expect(InputCompleteness.isComplete(["set w = [[1, 0], [0, 1]]"]))
    }

    @Test func anOpenBracketContinues() {
        #expect(!InputCompleteness.isComplete(["set weight_hh_l0 = [[1, 0],"]))
        #expect(InputCompleteness.isComplete(["set weight_hh_l0 = [[1, 0],", "[0, 1]]"]))
        #expect(!InputCompleteness.isComplete(["run [1,0]", "[", "[2"]))
    }

    @Test func extraClosingBracketsAreComplete() {
        // The parser reports the stray `]`; the prompt must not wait.
        #expect(InputCompleteness.isComplete(["step 1]"]))
    }

    @Test func quotesAndCommentsDoNotCount() {
        #expect(InputCompleteness.isComplete(["sample prime=\"[\""]))
        #expect(InputCompleteness.isComplete(["sample prime='[x'"]))
        #expect(InputCompleteness.isComplete(["sample prime=\"a\\\"[\""]))
        #expect(InputCompleteness.isComplete(["step [1, 1]  # [ not counted"]))
        #expect(!InputCompleteness.isComplete(["set w = [[1, 0],  # first row ]"]))
        #expect(!InputCompleteness.isComplete(["vocab don't ["]))  // `don't` opens no quote
        // An unterminated quote does not wait for more input (the lexer reports it).
        #expect(InputCompleteness.isComplete(["sample prime=\"[abc"]))
    }

    @Test func joinMakesOneLineWithoutInnerComments() {
        #expect(InputCompleteness.join(["set w = [[1, 0],  # row one", "   [0, 1]]  # identity"])
                == "set w = [[1, 0], [0, 1]]  # identity")
        #expect(InputCompleteness.join(["run [", "", "1 2]"]) == "run [ 1 2]")
        #expect(InputCompleteness.join(["step [1, 1]"]) == "step [1, 1]")
        #expect(InputCompleteness.join(["sample prime=\"#[\" n=[", "1]"]) == "sample prime=\"#[\" n=[ 1]")
    }

    @Test func continuationPromptLinesUpWithTheCellPrompt() {
        #expect(InputCompleteness.continuationPrompt(width: "In [1]: ".count) == "   ...: ")
        #expect(InputCompleteness.continuationPrompt(width: "In [12]: ".count) == "    ...: ")
        #expect(InputCompleteness.continuationPrompt(width: 0) == "...: ")
    }
}
