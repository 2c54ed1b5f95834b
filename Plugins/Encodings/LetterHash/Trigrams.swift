import Foundation

/// Letter trigrams with word-boundary markers: "apple" → `#ap app ppl ple le#`.
///
/// The alphabet has 28 symbols: `#` (word boundary), `a`…`z`, and `?` for
/// every other character. Letters are lowercased and accents removed first
/// (`Café` → `cafe`); digits, punctuation and non-Latin characters (`台`)
/// all become `?` (`2nd` → `#?n ?nd nd#`).
public enum Trigrams {
    /// Symbols in index order.
    public static let alphabet: [Character] = ["#"] + (UInt8(ascii: "a")...UInt8(ascii: "z")).map { Character(UnicodeScalar($0)) } + ["?"]
    /// Number of symbols (28).
    public static var base: Int { alphabet.count }
    /// Number of distinct trigrams (28³ = 21952).
    public static var spaceSize: Int { base * base * base }

    /// The word lowercased and without accents (`Café` → `cafe`).
    public static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// The word as symbols: lowercased, accents removed, non-letters `?`.
    public static func normalize(_ word: String) -> [Character] {
        fold(word).map { c in
            guard let a = c.asciiValue, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(a) else { return "?" }
            return c
        }
    }

    /// Whether the word has characters that are read as `?`.
    public static func hasNonLetters(_ word: String) -> Bool { normalize(word).contains("?") }

    /// The trigrams of `#word#` in order (repeats kept); none for an empty word.
    public static func of(_ word: String) -> [String] {
        let symbols = normalize(word)
        guard !symbols.isEmpty else { return [] }
        let padded: [Character] = ["#"] + symbols + ["#"]
        return (0..<(padded.count - 2)).map { String(padded[$0..<($0 + 3)]) }
    }

    /// The index of a trigram in the exact space, `0..<spaceSize`.
    public static func index(of trigram: String) -> Int {
        trigram.reduce(0) { $0 * base + symbolIndex($1) }
    }

    /// The trigram at `index` of the exact space.
    public static func trigram(at index: Int) -> String {
        String([alphabet[index / (base * base) % base], alphabet[index / base % base], alphabet[index % base]])
    }

    /// A stable hash bucket in `0..<buckets` (FNV-1a over the UTF-8 bytes).
    public static func bucket(of trigram: String, buckets: Int) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in trigram.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return Int(h % UInt64(buckets))
    }

    private static func symbolIndex(_ c: Character) -> Int {
        if c == "#" { return 0 }
        if let a = c.asciiValue, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(a) { return Int(a - UInt8(ascii: "a")) + 1 }
        return base - 1
    }
}
