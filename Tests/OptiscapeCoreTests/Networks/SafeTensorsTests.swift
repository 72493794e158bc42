import Foundation
import Testing
@testable import OptiscapeCore

/// safetensors files written by the Python package (Reference/networks/, from
/// Reference/network_reference.py), read, written back and read again.
@Suite struct SafeTensorsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Reference/networks")
    static let reference = NetworkTorchReference.cases[0]
    static var spec: NetworkSpec { get throws { try NetworkSpec(sizes: reference.sizes, activation: .tanh) } }

    @Test func readsTheFloat64FileTorchWrote() throws {
        let theta = try NetworkWeights.load(path: Self.folder.appendingPathComponent("tanh-2-4-3-3-f64.safetensors").path, spec: Self.spec)
        #expect(theta == Self.reference.theta)
    }

    @Test func readsTheFloat32FileAsItsExactFloats() throws {
        let theta = try NetworkWeights.load(path: Self.folder.appendingPathComponent("tanh-2-4-3-3-f32.safetensors").path, spec: Self.spec)
        #expect(theta == Self.reference.theta.map { Double(Float($0)) })
    }

    @Test func roundTripIsBitExact() throws {
        let spec = try Self.spec
        let bytes = NetworkWeights.encode(Self.reference.theta, spec: spec)
        #expect(bytes.count % 8 == 0)
        let back = try NetworkWeights.theta(SafeTensors.parse(bytes, path: "mem"), spec: spec, path: "mem")
        #expect(back == Self.reference.theta)
        let header = Int(bytes[0]) | Int(bytes[1]) << 8
        #expect(header % 8 == 0)
        #expect(String(decoding: bytes[8..<(8 + header)], as: UTF8.self).hasPrefix("{\"__metadata__\":{\"format\":\"pt\""))
    }

    func error(_ bytes: [UInt8], spec: NetworkSpec? = nil) -> String {
        do {
            let t = try SafeTensors.parse(bytes, path: "w.safetensors")
            _ = try NetworkWeights.theta(t, spec: spec ?? (try! Self.spec), path: "w.safetensors")
            return "no error"
        } catch { return "\(error)" }
    }

    @Test func badFilesNameTheTensorAndBothShapes() throws {
        let spec = try Self.spec
        let good = NetworkWeights.encode(Self.reference.theta, spec: spec)
        #expect(error(Array(good.prefix(5))).contains("truncated"))
        #expect(error(Array(good.dropLast(8))).contains("truncated"))
        let wide = try NetworkSpec(sizes: [3, 4, 3, 3])
        #expect(error(good, spec: wide) == "w.safetensors: tensor '0.weight' has shape [4, 2], network 3-4-3-3 needs [4, 3]")
        let deeper = try NetworkSpec(sizes: [2, 4, 3, 3, 3])
        #expect(error(good, spec: deeper).contains("tensor '6.weight' is missing"))
        let shallower = try NetworkSpec(sizes: [2, 4, 3])
        #expect(error(good, spec: shallower) == "w.safetensors: unexpected tensor '4.bias' (network 2-4-3 has 0.weight, 0.bias, 2.weight, 2.bias)")
        let bf16 = SafeTensors.encode([("0.weight", [2], [1, 2])]).map { $0 }
        var text = String(decoding: bf16, as: UTF8.self).replacingOccurrences(of: "F64", with: "I64")
        #expect(error(Array(text.utf8)).contains("dtype I64"))
        text = String(decoding: bf16, as: UTF8.self).replacingOccurrences(of: "\"shape\":[2]", with: "\"shape\":[3]")
        #expect(error(Array(text.utf8)).contains("tensor '0.weight': 16 bytes for shape [3]"))
    }

    @Test func directionsFileNeedsXAndYOfLengthN() throws {
        let file = SafeTensors.encode([("x", [3], [1, 2, 3]), ("y", [3], [0, 1, 0])])
        let t = try SafeTensors.parse(file, path: "d")
        let (x, y) = try NetworkWeights.directions(t, count: 3, path: "d")
        #expect(x == [1, 2, 3] && y == [0, 1, 0])
        #expect(throws: DataError(description: "d: tensor 'x' has shape [3], the network needs [4]")) {
            try NetworkWeights.directions(t, count: 4, path: "d")
        }
    }
}
