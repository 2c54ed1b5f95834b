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
            if let choice = session.encodingChoice {
                out["encoding"] = ([choice.descriptor.name] + choice.descriptor.options.compactMap { spec in
                    choice.options[spec.key].map { "\(spec.key)=\($0)" } }).joined(separator: " ")
            }
        case .text(_, _, _, let characters)?:
            out["characters"] = json(characters.characters.map(String.init))
        default:
            break
        }
        return out
    }

    /// Restores words and classes from a model file's metadata when the
    /// session has no data; returns a line saying what was restored.
    static func restore(_ metadata: [String: String], path: String, into session: Session) throws(CommandError) -> [String] {
        guard session.data == nil else { return [] }
        if let tags = strings(metadata["tags"]), let words = strings(metadata["vocabulary"]) {
            session.vocabulary = Vocabulary(words)
            if let command = metadata["encoding"] {
                let outcome = session.execute("encoding " + command)
                if let error = outcome.error { throw CommandError("\(path): cannot restore `encoding \(command)`: \(error.message)") }
                session.transcript.removeLast()
            }
            session.data = .tagged(source: path, split: DataSplit([], validationFraction: 0, seed: 0), tags: tags)
            return ["restored the vocabulary (\(words.count) words), encoding and tags (\(tags.joined(separator: " "))): `predict` works"]
        }
        if let characters = strings(metadata["characters"]) {
            let vocabulary = CharacterVocabulary(characters.compactMap(\.first))
            session.data = .text(source: path, train: "", validation: "", characters: vocabulary)
            return ["restored the character set (\(vocabulary.count - 1) characters): `sample` works"]
        }
        return []
    }

    private static func json(_ strings: [String]) -> String {
        (try? JSONSerialization.data(withJSONObject: strings)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    private static func strings(_ text: String?) -> [String]? {
        guard let data = text?.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String]
    }
}
