/// What an HMM knows of a word it never saw in training: its letter shape
/// (`Taipei` → `Xx`, `10:30` → `d:d`, `2nd` → `dx`) and its last letters,
/// each hashed (FNV-1a, the same on every platform) into one of `buckets`
/// feature slots, so the tables stay tensors a model file can keep.
struct WordShape: Sendable {
    /// Suffixes of 1…`suffixLength` letters are features.
    let suffixLength: Int
    /// Hashed feature slots.
    let buckets: Int

    /// The word's feature slots: its shape, then its suffixes (lower case), shortest first.
    func features(of word: String) -> [Int] {
        let letters = Array(word.lowercased())
        let suffixes = (1...max(suffixLength, 1)).filter { $0 <= letters.count }.map { "suffix:" + String(letters.suffix($0)) }
        return (["shape:" + Self.shape(of: word)] + suffixes).map(slot)
    }

    /// Upper-case letters become X, lower-case x, digits d, anything else
    /// itself; runs of the same class collapse to one.
    static func shape(of word: String) -> String {
        var out: [Character] = []
        for c in word {
            let kind: Character = c.isUppercase ? "X" : c.isLowercase ? "x" : c.isNumber ? "d" : c
            if out.last != kind { out.append(kind) }
        }
        return String(out)
    }

    private func slot(_ feature: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in feature.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int(hash % UInt64(max(buckets, 1)))
    }
}
