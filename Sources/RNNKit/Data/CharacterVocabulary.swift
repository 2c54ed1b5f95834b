/// The characters of a text (Unicode `Character`s, so `床前明月光` is five
/// characters and `é` one), plus one unknown slot at the end for characters
/// not seen when it was built: the classes of a character language model.
public struct CharacterVocabulary: Sendable, Equatable {
    /// The known characters, index `i` at position `i`.
    public let characters: [Character]
    private let indices: [Character: Int]

    /// The label of the unknown slot.
    public static let unknownLabel = "<unk>"

    /// The given characters in order, repeats dropped.
    public init(_ characters: [Character]) {
        var seen: [Character: Int] = [:]
        var list: [Character] = []
        for c in characters where seen[c] == nil {
            seen[c] = list.count
            list.append(c)
        }
        self.characters = list
        self.indices = seen
    }

    /// The characters of `text` seen at least `minCount` times, most
    /// frequent first (ties in order of first appearance).
    public init(text: String, minCount: Int = 1) {
        // Counted as Characters, not one String per character: a long text stays its own size in memory.
        var counts: [Character: Int] = [:]
        var firstSeen: [Character] = []
        for c in text {
            if counts[c] == nil { firstSeen.append(c) }
            counts[c, default: 0] += 1
        }
        let order = Dictionary(uniqueKeysWithValues: firstSeen.enumerated().map { ($1, $0) })
        var kept = firstSeen.filter { counts[$0, default: 0] >= minCount }
        kept.sort { (counts[$0, default: 0], order[$1, default: 0]) > (counts[$1, default: 0], order[$0, default: 0]) }
        self.init(kept)
    }

    /// Number of slots: the characters and the unknown slot.
    public var count: Int { characters.count + 1 }

    /// The index of the unknown slot (the last).
    public var unknownIndex: Int { characters.count }

    /// The index of `c`, or `unknownIndex` if it was not seen.
    public func index(of c: Character) -> Int { indices[c] ?? unknownIndex }

    /// Whether `c` has its own slot.
    public func contains(_ c: Character) -> Bool { indices[c] != nil }

    /// The indices of every character of `text`.
    public func indices(of text: String) -> [Int] { text.map(index(of:)) }

    /// The known characters as one-character strings, in index order: pass
    /// these as the vocabulary of the `other` encoding, whose `<other>` slot
    /// then lines up with `unknownIndex`.
    public var tokens: [String] { characters.map(String.init) }

    /// A printable name for slot `i`: the character, `␣` for a space, `\n`
    /// and `\t` for newline and tab, `<unk>` for the unknown slot.
    public func label(ofIndex i: Int) -> String {
        guard i >= 0, i < characters.count else { return CharacterVocabulary.unknownLabel }
        return CharacterVocabulary.display(characters[i])
    }

    /// A printable form of one character (`␣`, `\n`, `\t`, `U+0007` for other controls).
    public static func display(_ c: Character) -> String {
        switch c {
        case " ": return "␣"
        case "\n", "\r\n": return "\\n"
        case "\t": return "\\t"
        default:
            if let s = c.unicodeScalars.first, c.unicodeScalars.count == 1, s.properties.generalCategory == .control {
                return "U+" + String(s.value, radix: 16, uppercase: true).leftPadded(to: 4)
            }
            return String(c)
        }
    }

    public static func == (a: CharacterVocabulary, b: CharacterVocabulary) -> Bool { a.characters == b.characters }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
