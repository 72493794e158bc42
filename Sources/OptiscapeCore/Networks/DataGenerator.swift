import Foundation

/// The classic 2-D toy classification sets, from a seed: `moons`, `circles`, `spirals`, `xor`,
/// `blobs`, written `name` or `name:key=value,…` with keys `n` (points, default 200), `noise`
/// (Gaussian standard deviation added to each coordinate), `k` (spiral arms / blob centres,
/// default 3), `factor` (circles: inner radius, default 0.5) and `seed` (default: the run's seed).
///
/// - `moons`: scikit-learn's `make_moons` — two interleaved half circles (noise default 0.1).
/// - `circles`: `make_circles` — a unit circle and one of radius `factor` (noise default 0.05).
/// - `spirals`: the CS231n spiral — k arms, radius 0…1, angle 4j…4(j+1) plus noise·N(0,1) (noise default 0.2).
/// - `xor`: uniform in [−1, 1]², class 1 where x·y < 0 (noise default 0.1, added after labelling).
/// - `blobs`: k Gaussian clusters centred on the circle of radius 2 (noise default 0.5).
///
/// Rows are shuffled (as scikit-learn does), so a sequential minibatch sees every class. For mse
/// the labels become one-hot targets. The random numbers are optiscape's own (``SeededRNG``).
public struct DataGenerator: Sendable, Hashable {
    public enum Kind: String, CaseIterable, Sendable { case moons, circles, spirals, xor, blobs }

    public var kind: Kind
    public var n = 200
    public var noise: Double
    public var k = 3
    public var factor = 0.5
    public var seed: UInt64?

    /// Whether `text` names a generator (`moons`, `moons:n=100`), as opposed to a file.
    public static func names(_ text: String) -> Bool {
        Kind(rawValue: String(text.prefix { $0 != ":" })) != nil
    }

    public init(parsing text: String) throws(DataError) {
        let name = String(text.prefix { $0 != ":" })
        guard let kind = Kind(rawValue: name) else {
            throw DataError(description: "'\(name)' is not a data generator (\(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.kind = kind
        switch kind {
        case .moons, .xor: noise = 0.1
        case .circles: noise = 0.05
        case .spirals: noise = 0.2
        case .blobs: noise = 0.5
        }
        let rest = text.dropFirst(name.count + 1)
        guard text.count > name.count else { return }
        for pair in rest.split(separator: ",", omittingEmptySubsequences: false) {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2 else { throw DataError(description: "data '\(text)': '\(pair)' is not key=value") }
            let (key, value) = (String(kv[0]), String(kv[1]))
            func number(_ range: ClosedRange<Double>) throws(DataError) -> Double {
                guard let v = Double(value), range.contains(v) else {
                    throw DataError(description: "data '\(text)': \(key)=\(value) is not a number in \(range.lowerBound.compact)…\(range.upperBound.compact)")
                }
                return v
            }
            func integer(_ range: ClosedRange<Int>) throws(DataError) -> Int {
                guard let v = Int(value), range.contains(v) else {
                    throw DataError(description: "data '\(text)': \(key)=\(value) is not an integer in \(range.lowerBound)…\(range.upperBound)")
                }
                return v
            }
            switch key {
            case "n": n = try integer(2...1_000_000)
            case "noise": noise = try number(0...1000)
            case "k": k = try integer(2...1000)
            case "factor": factor = try number(0...1)
            case "seed":
                guard let s = UInt64(value) else { throw DataError(description: "data '\(text)': seed=\(value) is not an integer ≥ 0") }
                seed = s
            default: throw DataError(description: "data '\(text)': unknown key '\(key)' (n, noise, k, factor, seed)")
            }
        }
    }

    /// The text form, every setting spelled out.
    public var description: String {
        var s = "\(kind.rawValue):n=\(n),noise=\(noise.compact)"
        if kind == .spirals || kind == .blobs { s += ",k=\(k)" }
        if kind == .circles { s += ",factor=\(factor.compact)" }
        if let seed { s += ",seed=\(seed)" }
        return s
    }

    /// The points and labels, with `runSeed` unless the spec names its own seed.
    public func generate(runSeed: UInt64, loss: NetworkLossKind) -> NetworkData {
        var rng = SeededRNG(seed: seed ?? runSeed, stream: 0x6461_7461) // "data"
        var points: [(Double, Double, Int)] = []
        let classes = (kind == .spirals || kind == .blobs) ? k : 2
        func split(_ parts: Int) -> [Int] { (0..<parts).map { n / parts + ($0 < n % parts ? 1 : 0) } }
        func linspace(_ a: Double, _ b: Double, _ m: Int, endpoint: Bool = true) -> [Double] {
            let d = Double(endpoint ? max(m - 1, 1) : max(m, 1))
            return (0..<m).map { a + (b - a) * Double($0) / d }
        }
        switch kind {
        case .moons:
            let c = split(2)
            for t in linspace(0, .pi, c[0]) { points.append((cos(t), sin(t), 0)) }
            for t in linspace(0, .pi, c[1]) { points.append((1 - cos(t), 1 - sin(t) - 0.5, 1)) }
        case .circles:
            let c = split(2)
            for t in linspace(0, 2 * .pi, c[0], endpoint: false) { points.append((cos(t), sin(t), 0)) }
            for t in linspace(0, 2 * .pi, c[1], endpoint: false) { points.append((factor * cos(t), factor * sin(t), 1)) }
        case .spirals:
            for (j, m) in split(k).enumerated() {
                let r = linspace(0, 1, m), t = linspace(4 * Double(j), 4 * Double(j + 1), m)
                for i in 0..<m {
                    let a = t[i] + noise * rng.gaussian()
                    points.append((r[i] * sin(a), r[i] * cos(a), j))
                }
            }
        case .xor:
            for _ in 0..<n {
                let x = 2 * rng.uniform() - 1, y = 2 * rng.uniform() - 1
                points.append((x, y, x * y < 0 ? 1 : 0))
            }
        case .blobs:
            for (j, m) in split(k).enumerated() {
                let a = 2 * Double.pi * Double(j) / Double(k)
                for _ in 0..<m { points.append((2 * cos(a), 2 * sin(a), j)) }
            }
        }
        if kind != .spirals {
            for i in points.indices { points[i].0 += noise * rng.gaussian(); points[i].1 += noise * rng.gaussian() }
        }
        points.shuffle(using: &rng)
        let features = points.flatMap { [$0.0, $0.1] }
        let targets: NetworkData.Targets
        switch loss {
        case .crossEntropy: targets = .labels(points.map(\.2))
        case .mse: targets = .values(points.flatMap { p in (0..<classes).map { $0 == p.2 ? 1.0 : 0.0 } }, width: classes)
        }
        return NetworkData(features: features, featureCount: 2, targets: targets, source: "data '\(description)'")
    }
}
