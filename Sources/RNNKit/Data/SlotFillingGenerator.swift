/// Generates ATIS-style flight requests for the lecture's slot-filling task:
/// tag each word as destination, departure, time or nothing.
///
/// "arrive Taipei on November 2nd" makes Taipei the destination, "leave
/// Taipei on November 2nd" the departure: the same word, told apart only by
/// its context. A `lateCueFraction` of the sentences put the deciding word
/// after the city ("Taipei is where I leave on November 2nd", "Taipei to
/// Tokyo", "Tokyo from Taipei"), which a left-to-right net cannot tag when it
/// reaches the city; a bidirectional net can.
///
/// Tags (`tagging`):
/// - `plain`: `O`, `dest`, `depart`, `time` — every word of a slot gets the
///   slot's tag ("New York" is `dest dest`).
/// - `bio`: `O`, `B-dest`, `I-dest`, `B-depart`, `I-depart`, `B-time`,
///   `I-time` — the first word of a slot `B-`, the rest `I-`.
///
/// The same seed and settings always give the same sentences.
public struct SlotFillingGenerator: Sendable {
    /// How slots are tagged.
    public enum Tagging: String, Sendable, CaseIterable {
        case plain, bio
    }

    /// One generated sentence and whether a deciding word follows its city.
    public struct Sample: Sendable, Equatable {
        public var sentence: TaggedSentence
        /// True when the sentence came from a late-cue template.
        public var lateCue: Bool
        /// The template, e.g. `{depart} is where I leave {when}`.
        public var template: String
    }

    /// Fraction (0…1) of sentences from late-cue templates.
    public var lateCueFraction: Double
    public var tagging: Tagging

    public init(lateCueFraction: Double = 0.3, tagging: Tagging = .plain) {
        self.lateCueFraction = max(0, min(1, lateCueFraction))
        self.tagging = tagging
    }

    /// Every tag the generator can produce, `O` first.
    public var tags: [String] {
        let slots = ["dest", "depart", "time"]
        switch tagging {
        case .plain: return ["O"] + slots
        case .bio: return ["O"] + slots.flatMap { ["B-\($0)", "I-\($0)"] }
        }
    }

    /// The templates with the deciding word before each city.
    public static var earlyCueTemplates: [String] { SlotFillingTemplates.earlyCue }
    /// The templates with a deciding word after a city.
    public static var lateCueTemplates: [String] { SlotFillingTemplates.lateCue }
    /// The cities used (some two words long).
    public static var cities: [String] { SlotFillingTemplates.cities }

    /// `count` tagged sentences.
    public func generate(count: Int, seed: UInt64) -> [TaggedSentence] {
        samples(count: count, seed: seed).map(\.sentence)
    }

    /// `count` sentences with the template each came from.
    public func samples(count: Int, seed: UInt64) -> [Sample] {
        var rng = SeededGenerator(seed: seed)
        return (0..<max(0, count)).map { _ in
            let late = rng.nextUnit() < lateCueFraction
            let list = late ? SlotFillingTemplates.lateCue : SlotFillingTemplates.earlyCue
            let template = list[rng.index(below: list.count)]
            return Sample(sentence: fill(template, rng: &rng), lateCue: late, template: template)
        }
    }

    /// Fills a template's slots (two cities in one sentence differ).
    private func fill(_ template: String, rng: inout SeededGenerator) -> TaggedSentence {
        var words: [String] = [], tags: [String] = []
        var usedCity: String?
        func add(_ phrase: String, slot: String?) {
            for (i, w) in phrase.split(separator: " ").enumerated() {
                words.append(String(w))
                guard let slot else { tags.append("O"); continue }
                tags.append(tagging == .plain ? slot : (i == 0 ? "B-" : "I-") + slot)
            }
        }
        for piece in template.split(separator: " ") {
            switch piece {
            case "{dest}", "{depart}":
                let cities = SlotFillingTemplates.cities.filter { $0 != usedCity }
                let city = cities[rng.index(below: cities.count)]
                usedCity = city
                add(city, slot: piece == "{dest}" ? "dest" : "depart")
            case "{when}":
                let (on, time) = when(rng: &rng)
                if on { add("on", slot: nil) }
                add(time, slot: "time")
            default:
                add(String(piece), slot: nil)
            }
        }
        return TaggedSentence(words: words, tags: tags)
    }

    /// A time phrase and whether it takes `on` before it.
    private func when(rng: inout SeededGenerator) -> (on: Bool, phrase: String) {
        let weekday = SlotFillingTemplates.weekdays[rng.index(below: 7)]
        switch rng.index(below: 6) {
        case 0, 1, 2:
            let month = SlotFillingTemplates.months[rng.index(below: 12)]
            return (true, "\(month) \(SlotFillingTemplates.ordinal(1 + rng.index(below: 28)))")
        case 3: return (true, weekday)
        case 4: return (false, "next \(weekday)")
        default: return (false, ["tomorrow", "tomorrow morning", "tonight", "this evening"][rng.index(below: 4)])
        }
    }
}
