/// The text of the numbered prompt, `In [n]: `.
///
/// With colour, each escape sequence sits between `\u{1}` and `\u{2}` so
/// libedit can measure the prompt. libedit drops a hidden sequence at the very
/// end of a prompt, so the colour is reset before the final space: a reset
/// placed last would never reach the terminal and the typed command, and
/// everything printed after it, would stay green.
public enum PromptText {
    /// `In [n]: `, green with a bold number when `color` is on.
    public static func make(cell n: Int, color: Bool) -> String {
        guard color else { return "In [\(n)]: " }
        return "\u{1}\u{1B}[32m\u{2}In [\u{1}\u{1B}[1m\u{2}\(n)\u{1}\u{1B}[22m\u{2}]:\u{1}\u{1B}[0m\u{2} "
    }
}
