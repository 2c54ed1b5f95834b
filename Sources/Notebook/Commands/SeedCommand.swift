import RNNKit

/// `seed N` restarts the session's random generator; bare `seed` shows it.
struct SeedCommand: Command {
    let name = "seed"
    let synopsis = "seed [N]"
    let summary = "restart the random generator from seed N (used by net and init)"
    let details = "The same seed and the same commands give the same numbers, bit for bit."

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        try line.expectNoMore(after: 1, usage: synopsis)
        guard let arg = line.arguments.first else { return CommandResult(["seed \(session.seed)"]) }
        guard case .value(.number(let x), _) = arg, x >= 0, x == x.rounded(), x <= 9_007_199_254_740_992 else {
            throw CommandError("a seed is a whole number from 0 to 2^53", at: arg.range)
        }
        session.reseed(UInt64(x))
        return CommandResult()
    }
}
