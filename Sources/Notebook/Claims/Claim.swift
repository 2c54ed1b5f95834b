import RNNKit

/// A claim a notebook makes about its results, as `expect` reads it:
/// `accuracy >= 0.95`, `gradnorm[1] < 1e-6 * gradnorm[50]`, `diverged`,
/// `not diverged`. Checked on the values of the last `train`/`eval`, so it
/// holds on any machine where the story holds, unlike a recorded number.
struct Claim {
    /// A comparison between two sides.
    enum Relation: String, CaseIterable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            case .equal: return a == b
            case .notEqual: return a != b
            }
        }
    }

    /// One operand: a number, a named measurement, or a word to compare a word-valued one with (`dest`).
    enum Term {
        case number(Double)
        case literal(String, range: Range<Int>)
        case measurement(Measurement, index: Int?, tag: String?, range: Range<Int>)
    }

    /// `term (* term | / term)*`.
    struct Expression {
        var first: Term
        var rest: [(multiply: Bool, term: Term)] = []
        var range: Range<Int>
    }

    var left: Expression
    var relation: Relation
    var right: Expression
    /// The typed text, echoed when the claim holds.
    var text: String

    /// The claim's two sides and whether it holds, or an error at the part to blame.
    func evaluate(in session: Session) throws(CommandError) -> (left: ClaimValue, right: ClaimValue, holds: Bool) {
        let a = try Self.value(left, session), b = try Self.value(right, session)
        switch (a, b) {
        case (.number(let x), .number(let y)): return (a, b, relation.holds(x, y))
        case (.word(let x), .word(let y)):
            guard relation == .equal || relation == .notEqual else {
                throw CommandError("words compare with == or != only", at: left.range.lowerBound..<right.range.upperBound)
            }
            return (a, b, (x == y) == (relation == .equal))
        case (.word, .number), (.number, .word):
            // A bare word on one side: most likely a mistyped result name.
            let wordSide = { if case .word = a { return left } else { return right } }()
            if case .literal(let w, let range) = wordSide.first { throw Self.unknown(w, range: range) }
            throw CommandError("one side is a word and the other a number", at: left.range.lowerBound..<right.range.upperBound)
        }
    }

    private static func value(_ e: Expression, _ session: Session) throws(CommandError) -> ClaimValue {
        let first = try value(e.first, session)
        guard !e.rest.isEmpty else { return first }
        guard case .number(var v) = first else { throw arithmeticOnWord(e.first, e.range) }
        for (multiply, term) in e.rest {
            guard case .number(let x) = try value(term, session) else { throw arithmeticOnWord(term, e.range) }
            v = multiply ? v * x : v / x
        }
        return .number(v)
    }

    private static func arithmeticOnWord(_ t: Term, _ range: Range<Int>) -> CommandError {
        if case .literal(let w, let r) = t { return unknown(w, range: r) }
        return CommandError("only numbers multiply and divide", at: range)
    }

    private static func value(_ t: Term, _ session: Session) throws(CommandError) -> ClaimValue {
        switch t {
        case .number(let x): return .number(x)
        case .literal(let w, _): return .word(w)
        case .measurement(let m, let index, let tag, let range):
            do throws(MeasurementError) { return try m.read(session, index, tag) } catch {
                throw CommandError(error.message, at: range)
            }
        }
    }

    /// The error for a word that names no result.
    static func unknown(_ name: String, range: Range<Int>) -> CommandError {
        let hint = closestMatch(to: name, in: Measurement.all.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
        return CommandError("'\(name)' is not a result `expect` knows\(hint); see `help expect`", at: range)
    }
}

extension Claim {
    /// Reads a claim from `expect`'s arguments.
    init(parsing line: ParsedLine) throws(CommandError) {
        var items = try Self.items(line.arguments)
        guard let firstItem = items.first else {
            throw CommandError("expect what? e.g. `expect accuracy >= 0.95` (see `help expect`)", at: line.endRange)
        }
        // `expect diverged` / `expect not diverged`: a measurement that is 0 or 1.
        if items.count <= 2, items.allSatisfy({ if case .relation = $0.kind { return false } else { return true } }) {
            var negated = false
            if items.count == 2, case .word("not") = firstItem.kind { negated = true; items.removeFirst() }
            let term = try Self.term(items[0])
            guard case .measurement(let m, _, _, _) = term, m.isYesNo else {
                throw CommandError("a claim compares two sides: add one of < <= > >= == !=", at: line.endRange)
            }
            let zero = Expression(first: .number(0), range: items[0].range)
            self.init(left: Expression(first: term, range: items[0].range), relation: negated ? .equal : .notEqual,
                      right: zero, text: line.text(of: firstItem.range.lowerBound..<items[0].range.upperBound))
            return
        }
        guard let split = items.firstIndex(where: { if case .relation = $0.kind { return true } else { return false } }),
              case .relation(let relation) = items[split].kind else {
            throw CommandError("a claim compares two sides: add one of < <= > >= == !=", at: line.endRange)
        }
        if let extra = items[(split + 1)...].first(where: { if case .relation = $0.kind { return true } else { return false } }) {
            throw CommandError("one comparison per `expect`; write a second `expect` line", at: extra.range)
        }
        let leftItems = Array(items[..<split]), rightItems = Array(items[(split + 1)...])
        guard !leftItems.isEmpty else { throw CommandError("nothing to compare before '\(relation.rawValue)'", at: items[split].range) }
        guard !rightItems.isEmpty else { throw CommandError("nothing to compare after '\(relation.rawValue)'", at: items[split].range) }
        let text = line.text(of: firstItem.range.lowerBound..<(items.last?.range.upperBound ?? line.endRange.lowerBound))
        self.init(left: try Self.expression(leftItems), relation: relation, right: try Self.expression(rightItems), text: text)
    }

    /// A piece of a claim with where it was typed.
    private struct Item {
        enum Kind { case number(Double), word(String), indexed(String, Int), relation(Relation), times, divide }
        var kind: Kind
        var range: Range<Int>
    }

    /// The arguments as claim pieces. `loss<=1` arrives from the parser as the option
    /// `loss<` = 1, and is read as written.
    private static func items(_ arguments: [Argument]) throws(CommandError) -> [Item] {
        var out: [Item] = []
        for argument in arguments {
            switch argument {
            case .value(.number(let x), let r): out.append(Item(kind: .number(x), range: r))
            case .value(.word(let w), let r):
                if let relation = Relation(rawValue: w) { out.append(Item(kind: .relation(relation), range: r)) }
                else if w == "*" { out.append(Item(kind: .times, range: r)) }
                else if w == "/" { out.append(Item(kind: .divide, range: r)) }
                else if w == "=" || w == "=>" || w == "=<" {
                    throw CommandError("compare with ==, <= or >=", at: r)
                } else { out.append(Item(kind: .word(w), range: r)) }
            case .indexed(let name, let indices, let r):
                guard indices.count == 1, let i = indices.first else {
                    throw CommandError("\(name) takes one index, as in \(name)[1]", at: r)
                }
                out.append(Item(kind: .indexed(name, i), range: r))
            case .option(let key, let keyRange, let value, let valueRange):
                guard let last = key.last, "<>!".contains(last), key.count > 1 else {
                    throw CommandError("compare with == (a single = sets an option)", at: keyRange.upperBound..<valueRange.lowerBound)
                }
                let nameRange = keyRange.lowerBound..<keyRange.upperBound - 1
                out += try Self.items([.value(.word(String(key.dropLast())), range: nameRange)])
                out.append(Item(kind: .relation(Relation(rawValue: String(last) + "=") ?? .equal), range: nameRange.upperBound..<valueRange.lowerBound))
                out += try Self.items([.value(value, range: valueRange)])
            case .equals(let r):
                throw CommandError("compare with ==, <= or >= (a single = is not a comparison)", at: r)
            case .value(let v, let r):
                throw CommandError("a claim compares numbers and results, not \(v.kindDescription)", at: r)
            }
        }
        return out
    }

    private static func expression(_ items: [Item]) throws(CommandError) -> Expression {
        var rest: [(Bool, Term)] = []
        var i = 1
        while i < items.count {
            let op = items[i]
            let multiply: Bool
            switch op.kind {
            case .times: multiply = true
            case .divide: multiply = false
            default: throw CommandError("expected * or / or a comparison here", at: op.range)
            }
            guard i + 1 < items.count else { throw CommandError("a number or result must follow '\(multiply ? "*" : "/")'", at: op.range) }
            rest.append((multiply, try term(items[i + 1])))
            i += 2
        }
        let range = items[0].range.lowerBound..<(items.last?.range.upperBound ?? items[0].range.upperBound)
        return Expression(first: try term(items[0]), rest: rest, range: range)
    }

    private static func term(_ item: Item) throws(CommandError) -> Term {
        switch item.kind {
        case .number(let x): return .number(x)
        case .word(let w):
            let parts = w.split(separator: ".", maxSplits: 1).map(String.init)
            // A word of dots (`expect . < 1`) splits into nothing: a literal, not a trap (found by the fuzzer).
            guard let first = parts.first, let m = Measurement.named(first) else { return .literal(w, range: item.range) }
            let tag = parts.count > 1 ? parts[1] : nil
            switch m.argument {
            case .tag: break
            case .none, .index:
                if tag != nil { throw CommandError("\(m.name) takes no tag", at: item.range) }
            }
            return .measurement(m, index: nil, tag: tag, range: item.range)
        case .indexed(let name, let index):
            let m = try measurement(name, range: item.range)
            guard case .index(let what) = m.argument else { throw CommandError("\(name) takes no index", at: item.range) }
            guard index >= 1 else { throw CommandError("\(name)[…] counts \(what)s from 1", at: item.range) }
            return .measurement(m, index: index, tag: nil, range: item.range)
        case .relation(let r): throw CommandError("unexpected '\(r.rawValue)'", at: item.range)
        case .times, .divide: throw CommandError("a number or result must come before * or /", at: item.range)
        }
    }

    private static func measurement(_ name: String, range: Range<Int>) throws(CommandError) -> Measurement {
        guard let m = Measurement.named(name) else { throw unknown(name, range: range) }
        return m
    }
}
