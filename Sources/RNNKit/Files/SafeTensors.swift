import Foundation

/// Reads and writes the safetensors format (what `torch`'s `safetensors`
/// package and Hugging Face use): an 8-byte little-endian header length, a
/// JSON header naming each tensor's dtype, shape and byte range, then the raw
/// little-endian data. Only F32 tensors are written; F32, F64 and F16 are read.
public enum SafeTensors {
    /// One named tensor: PyTorch shape and row-major values.
    public struct Tensor: Equatable, Sendable {
        public var shape: [Int]
        public var values: [Float]

        public init(shape: [Int], values: [Float]) {
            self.shape = shape
            self.values = values
        }
    }

    /// A file's tensors and its string metadata.
    public struct Contents: Equatable, Sendable {
        public var tensors: [String: Tensor]
        public var metadata: [String: String]

        public init(tensors: [String: Tensor], metadata: [String: String] = [:]) {
            self.tensors = tensors
            self.metadata = metadata
        }
    }

    /// Why a file could not be read, as one line.
    public struct FormatError: Error, Sendable, CustomStringConvertible {
        public let description: String
        /// The file could not be read at all (an I/O error), as opposed to read and found malformed.
        public var unreadable: FileProblem?
        init(_ d: String) { description = d }
        init(unreadable problem: FileProblem) {
            description = "cannot be read: \(problem.reason)"
            unreadable = problem
        }
    }

    /// The bytes of a safetensors file holding `contents` (tensors in name
    /// order, so the same contents give the same bytes).
    public static func encode(_ contents: Contents) -> Data {
        var header: [String: Any] = [:]
        if !contents.metadata.isEmpty { header["__metadata__"] = contents.metadata }
        var body = Data()
        for name in contents.tensors.keys.sorted() {
            guard let t = contents.tensors[name] else { continue }
            let start = body.count
            for v in t.values { withUnsafeBytes(of: v.bitPattern.littleEndian) { body.append(contentsOf: $0) } }
            header[name] = ["dtype": "F32", "shape": t.shape, "data_offsets": [start, body.count]] as [String: Any]
        }
        var json = (try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) ?? Data("{}".utf8)
        // Pad the header with spaces to a multiple of 8 bytes, as the reference writer does.
        while (json.count + 8) % 8 != 0 { json.append(0x20) }
        var out = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        out.append(body)
        return out
    }

    /// Parses a safetensors file's bytes.
    public static func decode(_ data: Data) throws(FormatError) -> Contents {
        let bytes = [UInt8](data)
        let headerLength = try Layout.headerLength(bytes.prefix(8), fileSize: bytes.count)
        let layout = try Layout(header: bytes[8..<8 + headerLength], available: bytes.count - 8 - headerLength)
        return layout.contents(data: bytes[(8 + headerLength)...])
    }

    /// Reads a safetensors file in three steps — the header's length, the
    /// header, the tensors — checking each against the file's size before
    /// reading it, so a crafted header is refused before anything is allocated.
    /// `InputFile` keeps every read within `ReadLimit.modelFile`.
    public static func read(_ file: InputFile) throws(FormatError) -> Contents {
        func next(_ count: Int) throws(FormatError) -> [UInt8] {
            do throws(InputFileError) { return try file.read(upTo: count) } catch {
                throw FormatError(unreadable: error)
            }
        }
        let headerLength = try Layout.headerLength(try next(8)[...], fileSize: file.size)
        let header = try next(headerLength)
        guard header.count == headerLength else {
            throw FormatError("truncated: \(headerLength - header.count) bytes missing (the header alone is \(headerLength) bytes)")
        }
        let available = file.size.map { $0 - 8 - headerLength } ?? ReadLimit.modelFile.bytes - 8 - headerLength
        let layout = try Layout(header: header[...], available: available)
        let data = try next(layout.dataLength)
        guard data.count == layout.dataLength else {
            throw FormatError("truncated: \(layout.dataLength - data.count) bytes missing")
        }
        return layout.contents(data: data[...])
    }
}

/// IEEE half precision, decoded by hand (Swift's Float16 is missing on some platforms).
struct Float16Bits {
    let bits: UInt16
    init(_ bits: UInt16) { self.bits = bits }

    var value: Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * pow(2, Double(exponent - 15))
        }
    }
}
