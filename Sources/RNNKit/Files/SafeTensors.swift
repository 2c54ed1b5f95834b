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
        init(_ d: String) { description = d }
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
        guard bytes.count >= 8 else { throw FormatError("too short to be a safetensors file (\(bytes.count) bytes)") }
        let headerLength = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(bytes.count - 8), headerLength < 100_000_000 else {
            throw FormatError("not a safetensors file: its first 8 bytes give a header of \(headerLength) bytes")
        }
        let headerEnd = 8 + Int(headerLength)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd])),
              let header = object as? [String: Any] else {
            throw FormatError("not a safetensors file: the header is not a JSON object")
        }
        var contents = Contents(tensors: [:])
        for (name, entry) in header {
            if name == "__metadata__" {
                contents.metadata = (entry as? [String: Any])?.compactMapValues { $0 as? String } ?? [:]
                continue
            }
            guard let e = entry as? [String: Any], let dtype = e["dtype"] as? String,
                  let shape = (e["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  let offsets = (e["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }), offsets.count == 2
            else { throw FormatError("tensor '\(name)' has a malformed header entry") }
            let width: Int
            switch dtype {
            case "F32": width = 4
            case "F64": width = 8
            case "F16": width = 2
            default: throw FormatError("tensor '\(name)' is \(dtype); only F32, F64 and F16 can be read")
            }
            let count = shape.reduce(1, *)
            let start = headerEnd + offsets[0], end = headerEnd + offsets[1]
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[1] - offsets[0] == count * width, end <= bytes.count else {
                throw FormatError("tensor '\(name)': its byte range does not match its shape \(shape)")
            }
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                let p = start + i * width
                var raw: UInt64 = 0
                for k in 0..<width { raw |= UInt64(bytes[p + k]) << (8 * UInt64(k)) }
                switch width {
                case 4: values[i] = Float(bitPattern: UInt32(raw))
                case 8: values[i] = Float(Double(bitPattern: raw))
                default: values[i] = Float(Float16Bits(UInt16(raw)).value)
                }
            }
            contents.tensors[name] = Tensor(shape: shape, values: values)
        }
        return contents
    }
}

/// IEEE half precision, decoded by hand (Swift's Float16 is missing on some platforms).
private struct Float16Bits {
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
