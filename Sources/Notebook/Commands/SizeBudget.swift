/// How much one command may make, estimated from its options before
/// anything is allocated, so an in-range typo (`hidden=100000`,
/// `data recall n=100000 length=10000`) is an error with a caret rather than
/// an out-of-memory abort. `net` and `data` share it.
enum SizeBudget {
    /// Most numbers a net may hold (200 MB of Float32).
    static let parameters = 50_000_000
    /// Most time steps a generated data set may hold (`n × length`): about
    /// 100 bytes each for `data delay`, half a gigabyte in all.
    static let generatedSteps = 5_000_000

    /// The product of `factors`, or nil when it does not fit in an `Int`.
    static func product(_ factors: Int...) -> Int? {
        var out = 1
        for f in factors {
            let (p, overflow) = out.multipliedReportingOverflow(by: f)
            if overflow { return nil }
            out = p
        }
        return out
    }

    /// Refuses an `estimate` (nil: too large to count) over `limit`, with
    /// `message(estimate text, limit)` and a caret at `range`.
    static func check(_ estimate: Int?, limit: Int, at range: Range<Int>?,
                      _ message: (_ estimate: String, _ limit: Int) -> String) throws(CommandError) {
        guard let estimate, estimate <= limit else {
            throw CommandError(message(estimate.map(String.init) ?? "more than \(Int.max)", limit), at: range)
        }
    }
}
