import Foundation

/// The safetensors format (what `safetensors.torch.save_file` writes): an 8-byte little-endian
/// header length, a JSON header `{"name": {"dtype": "F64", "shape": [16, 2], "data_offsets":
/// [begin, end]}, …, "__metadata__": {…}}`, then the little-endian tensor bytes. F64 and F32 are
/// read (F32 widened exactly to Double); F64 is written. Every error names the file, and the
/// tensor where there is one.
public enum SafeTensors {
    /// One tensor's values, widened to Double, and its shape.
    public struct Tensor: Sendable, Equatable {
        public var dtype: String
        public var shape: [Int]
        public var values: [Double]
    }

    /// The largest header accepted (the format itself caps it at 100 MB).
    static let maximumHeader = 100_000_000

    public static func load(path: String) throws(DataError) -> [String: Tensor] {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw DataError(description: "\(path): cannot read the file")
        }
        return try parse([UInt8](bytes), path: path)
    }

    public static func parse(_ bytes: [UInt8], path: String) throws(DataError) -> [String: Tensor] {
        func fail(_ s: String) -> DataError { DataError(description: "\(path): \(s)") }
        guard bytes.count >= 8 else { throw fail("truncated: \(bytes.count) bytes, not even the 8-byte header length (not a safetensors file?)") }
        let length = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
        guard length <= UInt64(min(maximumHeader, bytes.count - 8)) else {
            throw fail("the header claims \(length) bytes but the file has \(bytes.count - 8) after the length (truncated, or not a safetensors file)")
        }
        let headerEnd = 8 + Int(length)
        guard let text = String(bytes: bytes[8..<headerEnd], encoding: .utf8) else { throw fail("the header is not UTF-8 text") }
        let header: JSONValue
        do { header = try JSONValue.parse(text) } catch { throw fail("the header is not JSON (\(error))") }
        guard case let .object(fields) = header else { throw fail("the header is not a JSON object") }
        let buffer = bytes.count - headerEnd
        var out: [String: Tensor] = [:]
        for (name, info) in fields where name != "__metadata__" {
            guard out[name] == nil else { throw fail("tensor '\(name)' appears twice") }
            guard let dtype = info["dtype"]?.stringValue else { throw fail("tensor '\(name)' has no dtype") }
            guard case let .array(dims)? = info["shape"] else { throw fail("tensor '\(name)' has no shape") }
            var shape: [Int] = [], count = 1
            for d in dims {
                guard let v = d.int, v >= 0, v <= Int(Int32.max) else { throw fail("tensor '\(name)': shape entry \(d.text) is not a size") }
                shape.append(v)
                let (p, overflow) = count.multipliedReportingOverflow(by: v)
                guard !overflow, p <= buffer else { throw fail("tensor '\(name)': shape \(shape) holds more values than the file") }
                count = p
            }
            guard case let .array(offsets)? = info["data_offsets"], offsets.count == 2,
                  let begin = offsets[0].int, let end = offsets[1].int, 0 <= begin, begin <= end else {
                throw fail("tensor '\(name)' has no valid data_offsets [begin, end]")
            }
            guard end <= buffer else { throw fail("tensor '\(name)': data ends at byte \(end) of \(buffer) (truncated file)") }
            let width: Int
            switch dtype {
            case "F64": width = 8
            case "F32": width = 4
            default: throw fail("tensor '\(name)' has dtype \(dtype); optiscape reads F64 and F32")
            }
            guard end - begin == count * width else {
                throw fail("tensor '\(name)': \(end - begin) bytes for shape \(shape) of \(dtype) (needs \(count * width))")
            }
            var values = [Double](repeating: 0, count: count)
            let base = headerEnd + begin
            for e in 0..<count {
                var bits: UInt64 = 0
                for b in 0..<width { bits |= UInt64(bytes[base + e * width + b]) << (8 * UInt64(b)) }
                values[e] = width == 8 ? Double(bitPattern: bits) : Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
            }
            out[name] = Tensor(dtype: dtype, shape: shape, values: values)
        }
        return out
    }

    /// The bytes of a file holding `tensors` (name, shape, values) as F64, in the given order.
    public static func encode(_ tensors: [(name: String, shape: [Int], values: [Double])], metadata: [(String, String)] = []) -> [UInt8] {
        var offset = 0
        var entries: [(String, String)] = []
        if !metadata.isEmpty { entries.append(("__metadata__", JSONText.object(metadata.map { ($0.0, JSONText.string($0.1)) }))) }
        for t in tensors {
            precondition(t.shape.reduce(1, *) == t.values.count)
            let end = offset + 8 * t.values.count
            entries.append((t.name, JSONText.object([("dtype", "\"F64\""), ("shape", JSONText.array(t.shape.map(String.init))),
                                                     ("data_offsets", JSONText.array([String(offset), String(end)]))])))
            offset = end
        }
        var header = Array(JSONText.object(entries).utf8)
        while header.count % 8 != 0 { header.append(0x20) }   // pad with spaces, as the Python package does
        var out: [UInt8] = []
        out.reserveCapacity(8 + header.count + offset)
        for b in 0..<8 { out.append(UInt8(truncatingIfNeeded: UInt64(header.count) >> (8 * UInt64(b)))) }
        out += header
        for t in tensors { for v in t.values { for b in 0..<8 { out.append(UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt64(b)))) } } }
        return out
    }
}
