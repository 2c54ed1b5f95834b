import Testing
@testable import Notebook

/// Issue 15, item 1: libedit drops a hidden escape sequence at the end of a
/// prompt, so the colour reset must come before the last visible character.
@Suite struct PromptTextTests {
    @Test func plainPromptHasNoEscapes() {
        #expect(PromptText.make(cell: 3, color: false) == "In [3]: ")
    }

    @Test func colouredPromptResetsBeforeItsLastVisibleCharacter() {
        let prompt = PromptText.make(cell: 37, color: true)
        #expect(prompt.hasSuffix("\u{1}\u{1B}[0m\u{2} "))
        #expect(!prompt.hasSuffix("\u{2}"))
        // The visible text is still `In [37]: `.
        var visible = "", hidden = false
        for c in prompt {
            if c == "\u{1}" { hidden = true } else if c == "\u{2}" { hidden = false } else if !hidden { visible.append(c) }
        }
        #expect(visible == "In [37]: ")
    }
}
