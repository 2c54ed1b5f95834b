import Foundation

extension SafeTensors {
    /// A file's header, validated against the file: every tensor's dtype,
    /// shape and byte range, computed with checked arithmetic, ranges that do
    /// not overlap and lie within the file. Nothing is allocated for the data
    /// until all of it is known to be there.
    struct Layout {
        /// Where one tensor's values are in the data that follows the header.
        struct Entry {
            let name: String
            let shape: [Int]
            let count: Int
            let width: Int
            let start: Int
            let end: Int
        }

        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        /// How many bytes of data the tensors need (the end of the last one).
        var dataLength = 0

        /// The header length the first 8 bytes give, checked against the
        /// file's size when it is known and against `ReadLimit.modelHeader`.
        static func headerLength(_ first: ArraySlice<UInt8>, fileSize: Int?) throws(FormatError) -> Int {
            guard first.count == 8 else {
                throw FormatError("too short to be a safetensors file (\(first.count) bytes)")
            }
            let length = first.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            let limit = ReadLimit.modelHeader
            guard length <= UInt64(limit.bytes) else {
                throw FormatError("not a safetensors file: its first 8 bytes give a header of \(length) bytes, more than the \(ByteCount(limit.bytes)) rnnbook reads")
            }
            let header = Int(length)
            if let fileSize, header > fileSize - 8 {
                throw FormatError("truncated: \(header - (fileSize - 8)) bytes missing (the header alone is \(header) bytes)")
            }
            return header
        }

        /// The first key of the header's top-level object that appears twice, if any.
        static func repeatedKey(_ header: ArraySlice<UInt8>) -> String? {
            var seen = Set<[UInt8]>()
            var depth = 0, i = header.startIndex
            var expectKey = false
            while i < header.endIndex {
                let c = header[i]
                if c == UInt8(ascii: "\"") {
                    var j = i + 1
                    var key: [UInt8] = []
                    while j < header.endIndex, header[j] != UInt8(ascii: "\"") {
                        if header[j] == UInt8(ascii: "\\"), j + 1 < header.endIndex { key.append(header[j]); j += 1 }
                        key.append(header[j])
                        j += 1
                    }
                    if depth == 1, expectKey, !seen.insert(key).inserted { return String(decoding: key, as: UTF8.self) }
                    expectKey = false
                    i = j + 1
                    continue
                }
                switch c {
                case UInt8(ascii: "{"): depth += 1; expectKey = depth == 1
                case UInt8(ascii: "}"): depth -= 1
                case UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "]"): depth -= 1
                case UInt8(ascii: ","): expectKey = depth == 1
                default: break
                }
                i += 1
            }
            return nil
        }

        /// Parses and checks the JSON header; `available` is how many bytes
        /// of data the file holds after it.
        init(header: ArraySlice<UInt8>, available: Int) throws(FormatError) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(header)),
                  let fields = object as? [String: Any] else {
                throw FormatError("not a safetensors file: the header is not a JSON object")
            }
            // JSON parsers keep the last of two equal keys: a file naming a tensor twice is refused instead.
            if let twice = Self.repeatedKey(header) {
                throw FormatError("the header names \(twice.quotedForMessage()) twice")
            }
            for (name, field) in fields {
                if name == "__metadata__" {
                    metadata = (field as? [String: Any])?.compactMapValues { $0 as? String } ?? [:]
                } else {
                    entries.append(try Self.entry(name, field))
                }
            }
            entries.sort { ($0.start, $0.end, $0.name) < ($1.start, $1.end, $1.name) }
            for (a, b) in zip(entries, entries.dropFirst()) where b.start < a.end {
                throw FormatError("tensors \(a.name.quotedForMessage()) and \(b.name.quotedForMessage()) share bytes: a crafted or damaged header")
            }
            dataLength = entries.last?.end ?? 0
            guard dataLength <= available else {
                // Tensors that together need less than what is missing cannot be a cut-off file.
                let missing = dataLength - available
                let needed = entries.reduce(0) { $0 + ($1.end - $1.start) }
                guard missing <= needed, let last = entries.last else {
                    let far = entries.last { $0.end > available }
                    throw FormatError("tensor \((far?.name ?? "").quotedForMessage()): its bytes \(far?.start ?? 0)..<\(far?.end ?? 0) lie past the end of the file (\(available) bytes of data)")
                }
                throw FormatError("truncated: \(missing) bytes missing (tensor \(last.name.quotedForMessage()) ends at byte \(last.end) of the data, the file has \(available))")
            }
        }

        /// One header entry: a known dtype, a shape of sizes whose product
        /// fits, and a byte range that holds exactly that many values.
        private static func entry(_ name: String, _ field: Any) throws(FormatError) -> Entry {
            let shown = name.quotedForMessage()
            guard let e = field as? [String: Any], let dtype = e["dtype"] as? String,
                  let rawShape = e["shape"] as? [Any], let rawOffsets = e["data_offsets"] as? [Any] else {
                throw FormatError("tensor \(shown) has a malformed header entry (it needs dtype, shape and data_offsets)")
            }
            let width: Int
            switch dtype {
            case "F32": width = 4
            case "F64": width = 8
            case "F16": width = 2
            default: throw FormatError("tensor \(shown) is \(dtype.quotedForMessage(limit: 20)); only F32, F64 and F16 can be read")
            }
            var shape: [Int] = []
            for raw in rawShape {
                shape.append(try size(raw, in: (shown, "shape")))
            }
            var count = 1
            for n in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: n)
                guard !overflow else { throw FormatError("tensor \(shown): its shape \(shape) holds more numbers than any file can") }
                count = product
            }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: width)
            guard !overflow else { throw FormatError("tensor \(shown): its shape \(shape) holds more numbers than any file can") }
            guard rawOffsets.count == 2 else {
                throw FormatError("tensor \(shown): its data_offsets must be two numbers [start, end]")
            }
            let start = try size(rawOffsets[0], in: (shown, "data_offsets"))
            let end = try size(rawOffsets[1], in: (shown, "data_offsets"))
            guard start <= end else {
                throw FormatError("tensor \(shown): its data_offsets [\(start), \(end)] end before they start")
            }
            guard end - start == bytes else {
                throw FormatError("tensor \(shown): its data_offsets [\(start), \(end)] cover \(end - start) bytes, but its shape \(shape) of \(dtype) needs \(bytes)")
            }
            return Entry(name: name, shape: shape, count: count, width: width, start: start, end: end)
        }

        /// A JSON number that is a whole number from 0 to `Int.max`; `place`
        /// says where it is (`tensor 'w': … in its shape`).
        private static func size(_ value: Any, in place: (tensor: String, field: String)) throws(FormatError) -> Int {
            func refuse(_ shown: String, _ problem: String) -> FormatError {
                FormatError("tensor \(place.tensor): \(shown) in its \(place.field) is \(problem)")
            }
            guard let number = value as? NSNumber else {
                throw refuse(String(describing: value).quotedForMessage(limit: 30), "not a number")
            }
            // JSON integers arrive as NSNumbers of an integer type; `true` as a char, 2.5 or 1e30 as a double.
            switch String(cString: number.objCType) {
            case _ where value is NSDecimalNumber:
                throw refuse(number.stringValue, number.doubleValue < 0 ? "not a size" : "too large a size")
            case "i", "l", "q", "s":
                guard number.int64Value >= 0 else { throw refuse("\(number.int64Value)", "not a size") }
                return Int(number.int64Value)
            case "I", "L", "Q", "S":
                guard number.uint64Value <= UInt64(Int.max) else { throw refuse("\(number.uint64Value)", "too large a size") }
                return Int(number.uint64Value)
            case "c", "C", "B":
                throw refuse(number.boolValue ? "true" : "false", "not a number")
            default:
                let x = number.doubleValue
                throw refuse(x.formatted, x == x.rounded() && x > 0 ? "too large a size" : "not a whole number from 0")
            }
        }

        /// The tensors' values from the data after the header (`dataLength` bytes at least).
        func contents(data: ArraySlice<UInt8>) -> Contents {
            var contents = Contents(tensors: [:], metadata: metadata)
            let base = data.startIndex
            for e in entries {
                var values = [Float](repeating: 0, count: e.count)
                for i in 0..<e.count {
                    let p = base + e.start + i * e.width
                    var raw: UInt64 = 0
                    for k in 0..<e.width { raw |= UInt64(data[p + k]) << (8 * UInt64(k)) }
                    switch e.width {
                    case 4: values[i] = Float(bitPattern: UInt32(truncatingIfNeeded: raw))
                    case 8: values[i] = Float(Double(bitPattern: raw))
                    default: values[i] = Float(Float16Bits(UInt16(truncatingIfNeeded: raw)).value)
                    }
                }
                contents.tensors[e.name] = Tensor(shape: e.shape, values: values)
            }
            return contents
        }
    }
}
