/// Edit distance between two strings (by Unicode scalar) where inserting,
/// deleting, replacing or swapping two neighbours costs one (optimal string
/// alignment), so the typo `stpe` is one edit from `step`.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
    }
    return d[a.count][b.count]
}

/// The candidate closest to `word` for a "did you mean" hint: one it begins,
/// or one within an edit distance of about a third of its length.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    // The hint is for a typo: a word far longer than every candidate is none
    // (and its distance table would be len × len cells: a 10 MB word took a minute).
    guard word.utf8.count <= 4 * (candidates.map(\.utf8.count).max() ?? 0) else { return nil }
    let lower = word.lowercased()
    let candidates = candidates.filter { $0.count >= 2 }
    if let prefixed = candidates.first(where: { $0.hasPrefix(lower) && lower.count >= 2 }) { return prefixed }
    // About one edit per three letters, at least one: `act` is not a typo of `out`.
    let limit = max(1, lower.count / 3)
    let scored = candidates.map { ($0, editDistance(lower, $0.lowercased())) }.filter { $0.1 <= limit }
    return scored.min { $0.1 < $1.1 }?.0
}
