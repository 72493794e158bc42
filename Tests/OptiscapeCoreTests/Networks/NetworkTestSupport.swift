@testable import OptiscapeCore

/// Small networks and data sets for the network tests (no files, no Python).
enum NetworkFixtures {
    /// n rows of d features from a seed, with labels in 0..<classes or `targets` regression values.
    static func data(n: Int, d: Int, classes: Int? = 3, targets: Int = 2, seed: UInt64) -> NetworkData {
        var rng = SeededRNG(seed: seed)
        let x = (0..<(n * d)).map { _ in 2 * rng.uniform() - 1 }
        if let classes {
            return NetworkData(features: x, featureCount: d, targets: .labels((0..<n).map { _ in rng.index(below: classes) }), source: "fixture")
        }
        return NetworkData(features: x, featureCount: d, targets: .values((0..<(n * targets)).map { _ in rng.gaussian() }, width: targets), source: "fixture")
    }

    /// A loss for sizes/activation/loss kind with fitting data, and a random θ at torch's init scale ×`scale`.
    static func loss(_ sizes: [Int], _ act: Activation, _ kind: NetworkLossKind, n: Int = 13, seed: UInt64 = 7, scale: Double = 2) throws -> (NetworkLoss, [Double]) {
        let spec = try NetworkSpec(sizes: sizes, activation: act, loss: kind)
        let data = kind == .crossEntropy ? self.data(n: n, d: sizes[0], classes: sizes.last!, seed: seed)
                                         : self.data(n: n, d: sizes[0], classes: nil, targets: sizes.last!, seed: seed)
        let loss = try NetworkLoss(spec: spec, data: data)
        let theta = NetworkInitialization.torchDefault(spec, seed: seed).map { $0 * scale }
        return (loss, theta)
    }

    static func maxAbs(_ a: [Double]) -> Double { a.map { Swift.abs($0) }.max() ?? 0 }
    static func maxAbsDiff(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0 }
}
