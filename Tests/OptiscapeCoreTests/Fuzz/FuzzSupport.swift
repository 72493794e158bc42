import Foundation
@testable import OptiscapeCore

/// Shared pieces of the fuzz suites. Each fuzz case gets one `UInt64` seed from
/// PropertyBased (which prints the seed and the failing input on an `#expect` failure); every
/// mutation is a deterministic function of that seed through ``SeededRNG``, so a failing case
/// reproduces from its seed alone. A trap cannot be reported by the library: set
/// `OPTISCAPE_FUZZ_TRACE=1` to print every case's seed to stderr before it runs.
enum Fuzz {
    static let trace = ProcessInfo.processInfo.environment["OPTISCAPE_FUZZ_TRACE"] != nil

    /// Inputs per property: `n` scaled by `OPTISCAPE_FUZZ_SCALE` (default 1), for longer runs
    /// outside CI (`OPTISCAPE_FUZZ_SCALE=20 swift test --filter Fuzz`). At scale 1 every parser sees at
    /// least 10 000 inputs per CI run (issue #8): scenes 4 000 raw-byte + 6 000 mutated, recordings
    /// 10 000, expressions 10 000, network CSV 10 000, safetensors 10 000 — about 40 s of CPU in a debug build, run in parallel.
    static func count(_ n: Int) -> Int {
        let scale = ProcessInfo.processInfo.environment["OPTISCAPE_FUZZ_SCALE"].flatMap(Double.init) ?? 1
        return max(1, Int(Double(n) * min(max(scale, 0), 10_000)))
    }

    static func note(_ suite: String, _ seed: UInt64) {
        if trace { FileHandle.standardError.write(Data("fuzz \(suite) seed \(seed)\n".utf8)) }
    }

    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Values that break naive number handling.
    static let nastyNumbers = ["1e308", "-1e308", "1e309", "-1e400", "5e-324", "-0", "0", "-1", "-999999999999999999999",
                               "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
                               ".nan", ".NaN", ".inf", "-.inf", "NaN", "nan", "inf", "-inf", "Infinity", "1e-400",
                               "0x7fffffffffffffff", "0o777", "1_000", "2147483648", "-2147483649", "1e18", "1e19",
                               "4096", "100001", "33", "1.5", "1e6"]
    static let wrongTypes = ["[]", "{}", "[1, 2, 3]", "{a: 1}", "\"\"", "true", "null", "~", "[[[[1]]]]", "\"x\"",
                             "[.nan, .inf]", "[1e300, -1e300]", "!!binary AAAA", "&a 1", "*a", "|\n  text", ">-\n  folded"]

    /// Random bytes that are not necessarily UTF-8.
    static func randomBytes(_ rng: inout SeededRNG, count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    /// The text with one random byte-level damage: truncation, a bit flip, an insertion or a deletion.
    static func damageBytes(_ text: String, _ rng: inout SeededRNG) -> String {
        var b = Array(text.utf8)
        guard !b.isEmpty else { return String(decoding: randomBytes(&rng, count: 8), as: UTF8.self) }
        switch rng.index(below: 5) {
        case 0: b = Array(b.prefix(rng.index(below: b.count + 1)))
        case 1: for _ in 0..<(1 + rng.index(below: 4)) { b[rng.index(below: b.count)] ^= UInt8(1) << UInt8(rng.index(below: 8)) }
        case 2: b.insert(contentsOf: randomBytes(&rng, count: 1 + rng.index(below: 16)), at: rng.index(below: b.count + 1))
        case 3:
            let i = rng.index(below: b.count), n = min(b.count - i, 1 + rng.index(below: 40))
            b.removeSubrange(i..<(i + n))
        default: b[rng.index(below: b.count)] = UInt8(truncatingIfNeeded: rng.next())
        }
        return String(decoding: b, as: UTF8.self)
    }

    static func pick<T>(_ options: [T], _ rng: inout SeededRNG) -> T { options[rng.index(below: options.count)] }
}
