import Testing
import PropertyBased
@testable import OptiscapeCore

/// The CSV and safetensors readers on damaged input: every input ends in data or a one-line
/// `DataError` naming the file, never a trap. 10 000 inputs each per run (scaled by
/// `OPTISCAPE_FUZZ_SCALE`).
@Suite struct NetworkFileFuzzTests {
    static let csv = "x1,x2,label\n0.5,-1,0\n1e-3,2.5,1\n-3,4,2\n7,8,0\n"
    static let mse = "a,target1,b,target2\n1,2,3,4\n5,6,7,8\n"
    static let spec = try! NetworkSpec(sizes: [2, 3, 2])
    static let weights = NetworkWeights.encode(NetworkInitialization.torchDefault(spec, seed: 1), spec: spec)

    static func csvInput(_ seed: UInt64) -> (String, NetworkLossKind) {
        var rng = SeededRNG(seed: seed)
        let loss: NetworkLossKind = rng.uniform() < 0.5 ? .crossEntropy : .mse
        var text = loss == .crossEntropy ? csv : mse
        for _ in 0..<(1 + rng.index(below: 3)) {
            if rng.uniform() < 0.3 {
                var fields = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[rng.index(below: fields.count)] = Fuzz.pick(Fuzz.nastyNumbers + ["", " ", "label", "target", "\r", "\"x\""], &rng)
                text = fields.joined(separator: ",")
            } else {
                text = Fuzz.damageBytes(text, &rng)
            }
        }
        return (text, loss)
    }

    static func weightsInput(_ seed: UInt64) -> [UInt8] {
        var rng = SeededRNG(seed: seed)
        var b = weights
        switch rng.index(below: 4) {
        case 0: b = Array(b.prefix(rng.index(below: b.count + 1)))
        case 1:                                               // damage inside the JSON header
            let header = Int(b[0]) | Int(b[1]) << 8
            let text = String(decoding: b[8..<(8 + header)], as: UTF8.self)
            let damaged = Array(Fuzz.damageBytes(text, &rng).utf8)
            var len = damaged.count
            if rng.uniform() < 0.3 { len = Int(truncatingIfNeeded: rng.next() >> UInt64(rng.index(below: 64))) }
            b = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: Int64(len)) >> (8 * UInt64($0))) } + damaged + Array(b[(8 + header)...])
        case 2: for _ in 0..<(1 + rng.index(below: 8)) { b[rng.index(below: b.count)] = UInt8(truncatingIfNeeded: rng.next()) }
        default: b = Fuzz.randomBytes(&rng, count: rng.index(below: 64))
        }
        return b
    }

    @Test func csvReaderNeverTraps() async {
        await propertyCheck(count: Fuzz.count(10_000), input: Gen.uint64()) { seed in
            Fuzz.note("network-csv", seed)
            let (text, loss) = Self.csvInput(seed)
            do {
                let d = try NetworkCSV.parse(text, path: "f.csv", loss: loss)
                #expect(d.count >= 1 && d.features.allSatisfy(\.isFinite))
            } catch {
                #expect("\(error)".hasPrefix("f.csv") && !"\(error)".contains("\n"), "\(error)")
            }
        }
    }

    @Test func safetensorsReaderNeverTraps() async {
        await propertyCheck(count: Fuzz.count(10_000), input: Gen.uint64()) { seed in
            Fuzz.note("safetensors", seed)
            do {
                let t = try SafeTensors.parse(Self.weightsInput(seed), path: "w.safetensors")
                let theta = try NetworkWeights.theta(t, spec: Self.spec, path: "w.safetensors")
                #expect(theta.count == Self.spec.parameterCount)
            } catch {
                #expect("\(error)".hasPrefix("w.safetensors: ") && !"\(error)".contains("\n"), "\(error)")
            }
        }
    }
}
