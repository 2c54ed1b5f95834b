import RNNKit

/// `expect CLAIM`: a notebook's assertion on the last results, checked on any
/// machine where a recorded number would only match on one.
struct ExpectCommand: Command {
    let name = "expect"
    let synopsis = "expect RESULT OP VALUE"
    let summary = "check a claim on the last train/eval results (`expect accuracy >= 0.95`); an error if it does not hold"
    var details: String {
        """
        A claim holds on any machine where the story holds; a recorded number after a long or chaotic
        training run only matches on the CPU that recorded it. In a notebook, a claim that fails stops
        replay and fails `rnnbook check` at its line.
          expect accuracy >= 0.95                   after `eval`
          expect valid_loss < 1                     after `train`
          expect gradnorm[1] < 1e-6 * gradnorm[50]  orders of magnitude less error signal at step 1
          expect diverged                           the last `train` stopped on a NaN loss (`expect not diverged`)
          expect tag[1] == dest                     after `predict Taipei is where I arrive`
        OP is one of < <= > >= == !=; each side is a number, a result, or a product or quotient of them;
        a word-valued result (tag) compares with a word.
        Results:
        """ + "\n" + Measurement.all.map { m -> String in
            let shown: String
            switch m.argument {
            case .none: shown = m.name
            case .index: shown = m.name + "[k]"
            case .tag: shown = m.name + ".TAG"
            }
            return "  " + shown.padding(toLength: 15, withPad: " ", startingAt: 0) + m.help
        }.joined(separator: "\n")
    }

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        let claim = try Claim(parsing: line)
        let (a, b, holds) = try claim.evaluate(in: session)
        guard holds else {
            let f = session.format
            func shown(_ v: ClaimValue) -> String {
                switch v { case .number(let x): return f.format(x); case .word(let w): return w }
            }
            let left = claim.left.rest.isEmpty ? line.text(of: claim.left.range) : "the left side"
            let right = claim.right.rest.isEmpty ? "" : ", the right side \(shown(b))"
            throw CommandError("claim does not hold: \(claim.text) (\(left) is \(shown(a))\(right))",
                               at: claim.left.range.lowerBound..<claim.right.range.upperBound)
        }
        // The claim as typed, not the values: they may differ between machines, the verdict not.
        return CommandResult(["✓ \(claim.text)"])
    }

    func completions(after words: [String], in session: Session) -> [String] {
        if words.isEmpty { return Measurement.all.map(\.name) + ["not"] }
        if words.count == 1 || (words.first == "not" && words.count == 1) { return Claim.Relation.allCases.map(\.rawValue) }
        return []
    }
}
