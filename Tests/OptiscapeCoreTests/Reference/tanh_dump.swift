// The harness of tanh_accuracy.py: compiled against Sources/CNetworkTanh (swiftc -O
// -parse-as-library -import-objc-header network_tanh.h, linked with network_tanh.c's object), it
// evaluates optiscape_tanh and glibc's tanh on the points of one sample, prints the histogram of
// their differences in ulps (of glibc's value) and how many points the array loops at each
// vector width (2, 4, 8; narrowed to what the CPU has) give other bits than the scalar function
// (must be 0), and writes the points it was asked to keep as little-endian float64 triples
// (x, ours, glibc): every point where the two differ plus every `every`-th point.
//
//     tanh_dump SAMPLE COUNT SEED EVERY OUT
//
// SAMPLE: uniform (x uniform in [-20, 20]), log (|x| = 2^u, u uniform in [-1074, 4.33], random
// sign), switch (x within 2^-20 relative of a k switch point (j + 1/2)·ln2/2, j < 30).
import Foundation

@main struct TanhDump {
    static func main() throws {
        let args = CommandLine.arguments
        guard args.count == 6, let count = Int(args[2]), let seed = UInt64(args[3]), let every = Int(args[4]) else {
            FileHandle.standardError.write("usage: tanh_dump uniform|log|switch COUNT SEED EVERY OUT\n".data(using: .utf8)!)
            exit(2)
        }
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next() -> UInt64 {  // xorshift64*
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return state &* 0x2545_F491_4F6C_DD1D
        }
        func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
        var histogram = [Int: Int]()
        var kept = [Double]()
        var worst = (ulps: 0, x: 0.0)
        var xs = [Double](), scalar = [Double]()
        for i in 0..<count {
            let x: Double
            switch args[1] {
            case "uniform": x = 40 * unit() - 20
            case "log":
                let m = Foundation.exp2(-1074 + (1074 + 4.33) * unit())
                x = next() & 1 == 0 ? m : -m
            case "switch":
                let j = Double(next() % 30)
                let c = (j + 0.5) * M_LN2 / 2
                x = c * (1 + 0x1p-20 * (2 * unit() - 1))
            default: fatalError("unknown sample \(args[1])")
            }
            let ours = optiscape_tanh(x), ref = Foundation.tanh(x)
            xs.append(x); scalar.append(ours)
            let d = ulps(ours, ref)
            histogram[d, default: 0] += 1
            if abs(d) > worst.ulps { worst = (abs(d), x) }
            if d != 0 || i % every == 0 { kept += [x, ours, ref] }
        }
        print("sample \(args[1]), \(count) points: ours − glibc in ulps of glibc's value:",
              histogram.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "),
              "; worst \(worst.ulps) at x = \(worst.x)")
        for width in [2, 4, 8] {
            var out = [Double](repeating: 0, count: count)
            let used = optiscape_tanh_values_at_width(Int32(width), xs, &out, count)
            let differ = (0..<count).filter { out[$0].bitPattern != scalar[$0].bitPattern }.count
            print("  array loop at width \(width) (ran at \(used)): \(differ) points differ from the scalar function")
        }
        let data = kept.withUnsafeBufferPointer { Data(buffer: $0) }
        try data.write(to: URL(fileURLWithPath: args[5]))
    }

    /// (a − b) in ulps of b (a, b finite, same sign or zero).
    static func ulps(_ a: Double, _ b: Double) -> Int {
        if a == b { return 0 }
        return Int((a - b) / b.ulp)
    }
}
