import Crypto
import Foundation
import RNNKit

/// How the session's data set was made, so `load state` can make it again:
/// the `data` kind and every option, the seed resolved (`slots n=400
/// late=0.3 tags=plain min=1 valid=0.2 seed=1`), and for a file its
/// absolute path and SHA-256, so a file that changed or is gone is noticed
/// instead of silently training on other data.
public struct DataRecipe: Codable, Equatable, Sendable {
    /// The kind and its options, as `data` reads them (without the file).
    public var description: String
    /// The file a loaded set came from (absolute), nil for a generated one.
    public var path: String?
    /// The file's SHA-256 (hex) when it was loaded.
    public var sha256: String?

    /// The SHA-256 of a data file, in hex; the file is read within `ReadLimit.dataFile`.
    static func digest(ofFile path: String, shownAs name: String, at range: Range<Int>?) throws(CommandError) -> String {
        let bytes: [UInt8]
        do throws(FileProblem) { bytes = try FileReading.bytes(atPath: path, limit: .dataFile) } catch {
            throw CommandError("cannot read \(name): \(error.reason)", at: range)
        }
        return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
