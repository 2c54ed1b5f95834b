import Foundation
import RNNKit

/// What a model file keeps besides the weights, so a trained tagger or
/// character model works after `load model` in a fresh session: the
/// vocabulary, the encoding and the tag names (or the text's characters).
/// Stored as JSON strings in the safetensors metadata.
enum ModelContext {
    /// Metadata entries describing the session's words and classes.
    static func metadata(of session: Session) -> [String: String] {
        var out: [String: String] = [:]
        switch session.data {
        case .tagged(_, _, let tags)?:
            out["tags"] = json(tags)
            out["vocabulary"] = json(session.vocabulary.words)
            if let choice = session.encodingChoice { out["encoding"] = choice.description }
        case .text(_, _, _, let characters)?:
            out["characters"] = json(characters.characters.map(String.init))
        case .pairs(_, _, let vocabulary)?:
            out["tokens"] = json(Array(vocabulary.tokens.dropFirst(TokenVocabulary.specials.count)))
        default:
            break
        }
        return out
    }

    /// Restores words and classes from a model file's metadata when the
    /// session has no data; returns a line saying what was restored. Every
    /// entry is data, validated as such: word lists must be JSON lists of
    /// distinct words, the encoding a registered name with valid options
    /// (never run as a command). Throws one line naming `path`; the caller
    /// puts the session back.
    /// With data in the session, nothing is restored, and a line says so when
    /// the file's words or classes differ from the session's. Restored lists
    /// must fit `model`'s widths (a hand-edited list would make every later
    /// `predict` fail).
    static func restore(_ metadata: [String: String], path: String, into session: Session, model: any Model) throws(CommandError) -> [String] {
        guard session.data == nil else {
            let mine = self.metadata(of: session)
            let differs = ["tags", "vocabulary", "tokens", "characters"].contains { metadata[$0] != nil && metadata[$0] != mine[$0] }
            return differs ? ["kept the session's data: the words or classes saved in \(path) differ from it (load the model in a fresh session to use the file's)"] : []
        }
        let widths = (model as? any SequenceModel).map { (input: $0.inputWidth, output: $0.outputWidth) }
        switch (metadata["tags"], metadata["vocabulary"]) {
        case (let tagText?, let wordText?):
            let tags = try wordList(tagText, what: "tag list", path: path)
            let words = try wordList(wordText, what: "vocabulary", path: path)
            if let widths, widths.output != tags.count {
                throw CommandError("cannot load \(path): its tag list has \(tags.count) tags but the net writes \(widths.output) classes")
            }
            session.vocabulary = Vocabulary(words)
            if let description = metadata["encoding"] {
                session.encodingChoice = try encoding(description, path: path, session: session)
            }
            session.data = .tagged(source: path, split: DataSplit([], validationFraction: 0, seed: 0), tags: tags)
            return ["restored the vocabulary (\(words.count) words), encoding and tags (\(tags.joined(separator: " "))): `predict` works"]
        case (.some, nil), (nil, .some):
            throw CommandError("cannot load \(path): its metadata has \(metadata["tags"] == nil ? "a vocabulary but no tags" : "tags but no vocabulary")")
        case (nil, nil):
            break
        }
        if let text = metadata["tokens"] {
            let tokens = try wordList(text, what: "token list", path: path)
            guard !tokens.contains(where: TokenVocabulary.specials.contains) else {
                throw CommandError("cannot load \(path): its token list holds one of \(TokenVocabulary.specials.joined(separator: " ")), which rnnbook adds itself")
            }
            let vocabulary = TokenVocabulary(tokens)
            if let widths, widths.input != vocabulary.count || widths.output != vocabulary.count {
                throw CommandError("cannot load \(path): its token list makes \(vocabulary.count) classes with </s> <s> <unk>, "
                                   + "but the net reads \(widths.input) and writes \(widths.output)")
            }
            session.data = .pairs(source: path, split: DataSplit([], validationFraction: 0, seed: 0), vocabulary: vocabulary)
            return ["restored the tokens (\(tokens.count) + </s> <s> <unk>): `predict` decodes"]
        }
        if let text = metadata["characters"] {
            let vocabulary = try characters(text, path: path)
            session.data = .text(source: path, train: "", validation: "", characters: vocabulary)
            return ["restored the character set (\(vocabulary.count - 1) characters): `sample` works"]
        }
        return []
    }

    /// The stored encoding (`other`, `letter-hash dim=100`) built for the session's vocabulary.
    private static func encoding(_ description: String, path: String, session: Session) throws(CommandError) -> EncodingChoice {
        let line: ParsedLine
        do throws(StoredDescription.Refusal) { line = try StoredDescription.parse(description) } catch {
            throw CommandError("cannot load \(path): its encoding is not an encoding name and options: \(error.reason)")
        }
        do throws(CommandError) {
            return try EncodingCommand.choice(named: line.command, at: nil, options: line.arguments[...], of: line, in: session)
        } catch {
            throw CommandError("cannot load \(path): its encoding \(description.quotedForMessage()) is refused: \(error.message)")
        }
    }

    /// A JSON list of distinct, non-empty words without control characters.
    private static func wordList(_ text: String, what: String, path: String) throws(CommandError) -> [String] {
        guard let list = strings(text), !list.isEmpty else {
            throw CommandError("cannot load \(path): its \(what) is not a JSON list of words")
        }
        var seen = Set<String>()
        for word in list {
            guard !word.isEmpty, !word.unicodeScalars.contains(where: \.isLineBreakingOrControl) else {
                throw CommandError("cannot load \(path): its \(what) holds \(word.quotedForMessage()), which is not a word")
            }
            guard seen.insert(word).inserted else {
                throw CommandError("cannot load \(path): its \(what) holds \(word.quotedForMessage()) twice")
            }
        }
        return list
    }

    /// A JSON list of distinct single characters (any, newline included: they are a text's).
    private static func characters(_ text: String, path: String) throws(CommandError) -> CharacterVocabulary {
        guard let list = strings(text), !list.isEmpty else {
            throw CommandError("cannot load \(path): its character set is not a JSON list of characters")
        }
        var seen = Set<Character>()
        for item in list {
            guard item.count == 1, let c = item.first else {
                throw CommandError("cannot load \(path): its character set holds \(item.quotedForMessage()), which is not one character")
            }
            guard seen.insert(c).inserted else {
                throw CommandError("cannot load \(path): its character set holds \(item.quotedForMessage()) twice")
            }
        }
        return CharacterVocabulary(list.compactMap(\.first))
    }

    private static func json(_ strings: [String]) -> String {
        (try? JSONSerialization.data(withJSONObject: strings)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    private static func strings(_ text: String?) -> [String]? {
        guard let data = text?.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String]
    }
}
