/// What happens to the gradient between the landscape and the optimizer, in this order:
///
/// 1. `noise` σ: g ← g + σ·z, z ~ N(0, I) drawn from the runner's seeded generator, x first
///    then y (a network's elements in storage order) — a stand-in for the error of a minibatch
///    gradient (Deep Learning §8.1.3).
///    Nothing is drawn when σ is nil or 0, so σ = 0 is exactly "no noise".
/// 2. `clipNorm` c: exactly `torch.nn.utils.clip_grad_norm_(max_norm: c)` over all tensors:
///    coef = c / (‖g‖ + 1e-6), g ← g·min(coef, 1), ‖g‖ the norm of the tensors' norms (so a
///    gradient of norm exactly c is scaled by c/(c + 1e-6); the 1e-6 is PyTorch's). Like PyTorch, the quotient is computed as
///    (1/(‖g‖ + 1e-6))·c, since Python's `c / tensor` is `tensor.reciprocal() * c`.
/// 3. `clipValue` v: each component clamped to [−v, v] (`clip_grad_value_`).
///
/// Clipping is the remedy for the cliffs of §8.2.4 (exploding gradients). Generic over the
/// parameter type: the same transforms serve 2-D points and networks.
public struct GradientTransforms: Codable, Hashable, Sendable {
    /// Standard deviation σ of the Gaussian noise added to each component.
    public var noise: Double?
    /// Largest allowed gradient norm.
    public var clipNorm: Double?
    /// Largest allowed absolute value of each component.
    public var clipValue: Double?

    public init(noise: Double? = nil, clipNorm: Double? = nil, clipValue: Double? = nil) {
        self.noise = noise; self.clipNorm = clipNorm; self.clipValue = clipValue
    }

    /// No transform.
    public static let none = GradientTransforms()

    /// Whether the gradient passes unchanged (and no random numbers are drawn).
    public var isIdentity: Bool { (noise ?? 0) == 0 && clipNorm == nil && clipValue == nil }

    /// Checks the settings: σ ≥ 0, clip norm > 0, clip value > 0, all finite.
    public func validate() throws(OptimizerError) {
        if let s = noise, !(s.isFinite && s >= 0) {
            throw OptimizerError("invalid gradient noise \(s): must be a finite standard deviation ≥ 0")
        }
        if let c = clipNorm, !(c.isFinite && c > 0) {
            throw OptimizerError("invalid clip norm \(c): must be a finite number > 0")
        }
        if let c = clipValue, !(c.isFinite && c > 0) {
            throw OptimizerError("invalid clip value \(c): must be a finite number > 0")
        }
    }

    /// The transformed gradient. Draws one Gaussian per element from `rng` (x then y for a
    /// point; a network's θ in storage order) when noise is on.
    @inline(__always)
    public func apply<P: ParameterVector>(to gradient: P, rng: inout SeededRNG) -> P {
        var g = gradient
        if let sigma = noise, sigma != 0 {
            g.formElementwise { $0 + sigma * rng.gaussian() }
        }
        if let c = clipNorm { Self.clipGradNorm(&g, maxNorm: c) }
        if let v = clipValue { Self.clipGradValue(&g, limit: v) }
        return g
    }

    /// `torch.nn.utils.clip_grad_norm_(tensors, max_norm: c)` in place, over all of g's tensors
    /// at once: total norm n = ``ParameterVector/totalNorm`` (the norm of the per-tensor norms),
    /// g ← g·min(c/(n + 1e-6), 1). Returns n, as PyTorch does. A non-finite norm gives NaN
    /// elements, as in PyTorch.
    @discardableResult @inline(__always)
    public static func clipGradNorm<P: ParameterVector>(_ g: inout P, maxNorm c: Double) -> Double {
        let n = g.totalNorm
        let coef = (1 / (n + 1e-6)) * c
        let clamped = coef.isNaN ? coef : Swift.min(coef, 1)
        g.multiply(by: clamped)
        return n
    }

    /// `torch.nn.utils.clip_grad_value_` in place: each element clamped to [−v, v] (NaN stays NaN).
    @inline(__always)
    public static func clipGradValue<P: ParameterVector>(_ g: inout P, limit v: Double) {
        g.formElementwise { $0.isNaN ? $0 : Swift.min(Swift.max($0, -v), v) }
    }

    /// ``clipGradNorm(_:maxNorm:)`` on a 2-D gradient: g·min(c/(‖g‖ + 1e-6), 1).
    public static func clipByNorm(_ g: Vec2, maxNorm c: Double) -> Vec2 {
        var r = g
        clipGradNorm(&r, maxNorm: c)
        return r
    }

    /// ``clipGradValue(_:limit:)`` on a 2-D gradient.
    public static func clipByValue(_ g: Vec2, limit v: Double) -> Vec2 {
        var r = g
        clipGradValue(&r, limit: v)
        return r
    }

    /// Legend text such as `σ=0.5 ‖g‖≤1 |g|≤0.1`; empty for no transform.
    public var summary: String {
        var parts: [String] = []
        if let s = noise, s != 0 { parts.append("σ=\(s.compact)") }
        if let c = clipNorm { parts.append("‖g‖≤\(c.compact)") }
        if let c = clipValue { parts.append("|g|≤\(c.compact)") }
        return parts.joined(separator: " ")
    }
}
