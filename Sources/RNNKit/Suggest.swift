/// Levenshtein edit distance between two strings (by Unicode scalar).
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidate closest to `word` for a "did you mean" hint: a prefix match,
/// or one within an edit distance of about a third of its length.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    let lower = word.lowercased()
    if let prefixed = candidates.first(where: { $0.hasPrefix(lower) && !lower.isEmpty }) { return prefixed }
    let limit = max(1, lower.count / 3 + 1)
    let scored = candidates.map { ($0, editDistance(lower, $0.lowercased())) }.filter { $0.1 <= limit }
    return scored.min { $0.1 < $1.1 }?.0
}
