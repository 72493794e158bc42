import Foundation

/// Two-parameter logistic regression — weight w = x and bias b = y — on a synthetic 1-D
/// dataset drawn from a seed (Deep Learning §8.1): the landscape is the full empirical risk,
/// the mean negative log-likelihood over the training examples,
///
///     J(w, b) = (1/n) Σᵢ softplus(−sᵢ (w·uᵢ + b)),   sᵢ = ±1 the label,
///
/// and a runner with `batch: B` descends the gradient of B examples drawn with replacement
/// (§8.1.3), whose standard error shrinks like σ/√B. The 0-1 loss of the same classifier is its
/// `zeroOneLoss` (§8.1.2), and a held-out split gives `validationLoss` for early stopping.
///
/// Data: class +1 at u ~ N(+1, noise²), class −1 at u ~ N(−1, noise²), balanced; with
/// `separable` = 1 instead u = ±(0.5 + noise·|z|), so every example is classified right at
/// w > 0, b = 0 and the NLL has no finite minimizer (it keeps falling as w grows).
public struct Logistic: FormulaLandscape, ClassificationLandscape {
    public let n: Int
    public let noise: Double
    public let separable: Bool
    public let seed: UInt64
    /// Training inputs and labels (±1).
    public let inputs: [Double]
    public let labels: [Double]
    /// Held-out inputs and labels (a quarter as many as training).
    public let validationInputs: [Double]
    public let validationLabels: [Double]
    /// The empirical risk's minimizer (it is convex): found by Newton's method at build time;
    /// none when the data are separable (the infimum is at infinity).
    public private(set) var minimizer: Vec2?

    public init(n: Int = 200, noise: Double = 1, separable: Bool = false, seed: UInt64 = 0) {
        self.n = n; self.noise = noise; self.separable = separable; self.seed = seed
        var rng = SeededRNG(seed: seed, stream: 0x10_6157_1C)
        func sample(_ count: Int) -> ([Double], [Double]) {
            var u = [Double](), s = [Double]()
            u.reserveCapacity(count); s.reserveCapacity(count)
            for i in 0..<count {
                let label: Double = i % 2 == 0 ? 1 : -1
                let z = rng.gaussian()
                u.append(separable ? label * (0.5 + noise * Swift.abs(z)) : label + noise * z)
                s.append(label)
            }
            return (u, s)
        }
        (inputs, labels) = sample(n)
        (validationInputs, validationLabels) = sample(Swift.max(4, n / 4))
        minimizer = separable ? nil : findMinimizer()
    }

    /// Newton's method from the origin; the risk is strictly convex for overlapping classes.
    private func findMinimizer() -> Vec2? {
        var p = Vec2.zero
        for _ in 0..<60 {
            let j = jet(at: p)
            guard let d = j.hessian.solve(j.gradient) else { return nil }
            p = p - d
            if d.norm <= 1e-15 * Swift.max(1, p.norm) { break }
        }
        return gradient(at: p).norm < 1e-9 ? p : nil
    }

    public var criticalPoints: [CriticalPoint] { minimizer.map { [CriticalPoint($0, .globalMinimum)] } ?? [] }

    public static let entry = LandscapeEntry(
        name: "logistic",
        summary: "logistic regression (weight, bias) on seeded data: empirical risk, minibatches, 0-1 loss",
        parameters: [
            LandscapeParameter("n", default: 200, "training examples", range: 2...100_000, integer: true),
            LandscapeParameter("noise", default: 1, "spread σ of each class around ±1", range: 0.01...100),
            LandscapeParameter("separable", default: 0, "1: classes separated (the NLL has no finite minimum)", range: 0...1, integer: true),
            LandscapeParameter("seed", default: 0, "seed of the dataset (a scene's seed when not given)", range: 0...4_294_967_295, integer: true),
        ],
        make: { Logistic(n: Int($0["n"]!), noise: $0["noise"]!, separable: $0["separable"]! == 1, seed: UInt64($0["seed"]!)) })

    public var name: String { "logistic" }
    public var formula: String {
        "(1/\(n)) Σ softplus(−sᵢ(x·uᵢ + y)), x = weight, y = bias, σ = \(noise.compact)\(separable ? ", separable" : "")"
    }
    public var view: ViewBox { ViewBox(x: -4...8, y: -4...4) }
    public var parameters: [String: Double] {
        ["n": Double(n), "noise": noise, "separable": separable ? 1 : 0, "seed": Double(seed)]
    }
    public var defaultStart: Vec2 { Vec2(-3, 3) }
    public var exampleCount: Int { n }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        Logistic.meanNLL(x, y, inputs, labels, indices: nil)
    }

    @inlinable static func meanNLL<S: AutoDiffScalar>(_ w: S, _ b: S, _ u: [Double], _ s: [Double], indices: [Int]?) -> S {
        var total = S(0)
        if let idx = indices {
            for i in idx { total = total + softplus((w * u[i] + b) * (-s[i])) }
            return total / Double(idx.count)
        }
        for i in u.indices { total = total + softplus((w * u[i] + b) * (-s[i])) }
        return total / Double(u.count)
    }

    public func minibatchGradient(at p: Vec2, batch: Int, rng: inout SeededRNG) -> Vec2 {
        var idx = [Int]()
        idx.reserveCapacity(batch)
        for _ in 0..<batch { idx.append(rng.index(below: n)) }
        let (w, b) = Dual2.variables(p)
        return Logistic.meanNLL(w, b, inputs, labels, indices: idx).gradient
    }

    /// Fraction of training examples misclassified by sign(w·u + b) (a point on the boundary
    /// counts as wrong).
    public func zeroOneLoss(at p: Vec2) -> Double {
        var wrong = 0
        for i in inputs.indices where (p.x * inputs[i] + p.y) * labels[i] <= 0 { wrong += 1 }
        return Double(wrong) / Double(n)
    }

    /// Mean NLL on the held-out examples.
    public func validationLoss(at p: Vec2) -> Double {
        Logistic.meanNLL(p.x, p.y, validationInputs, validationLabels, indices: nil)
    }
}
