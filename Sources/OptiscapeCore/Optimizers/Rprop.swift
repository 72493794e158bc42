/// Resilient backpropagation: `torch.optim.Rprop` (kind `rprop`; Riedmiller & Braun, 1993).
/// Only the sign of the gradient is used; each coordinate has its own step size Γ, which grows
/// by η₊ while the sign holds and shrinks by η₋ when it flips.
///
/// PyTorch's algorithm (its docs and `_single_tensor_rprop`), with step t = 1, 2, …; g_prev
/// starts at 0 and Γ at lr (set at the first step):
/// ```
/// s ← sign(g·g_prev)
/// f ← η₊ where s > 0,  η₋ where s < 0,  1 where s = 0
/// Γ ← clamp(Γ·f, Γmin, Γmax)
/// g ← 0 where f = η₋                 (after a sign change, no step and no memory of g)
/// x ← x − sign(g)·Γ
/// g_prev ← g
/// ```
///
/// One implementation for 2-D points (`RpropRule<Vec2>`) and networks (`RpropRule<FlatVector>`).
public struct RpropRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// The previous (masked) gradient g_prev.
    public private(set) var previousGradient: P
    /// The per-coordinate step sizes Γ (nil before the first step).
    public private(set) var stepSize: P?
    /// Number of updates taken.
    public private(set) var steps = 0

    /// A fresh rule for parameters shaped like `template`.
    public init(_ hyperparameters: ResolvedHyperparameters, like template: P) {
        self.hyperparameters = hyperparameters
        previousGradient = template.zerosLike()
    }

    /// `torch.sign`: −1, 0 or 1; 0 for ±0 and for NaN (as PyTorch's kernel, (0 < v) − (v < 0)).
    @inline(__always) static func sign(_ v: Double) -> Double { v > 0 ? 1 : v < 0 ? -1 : 0 }

    @inline(__always)
    @_specialize(where P == FlatVector, O == NetworkObjective)
    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        steps += 1
        terms?.append(UpdateTerm("gradient g = \(gradient.short)", vector: gradient.planar))
        let (plus, minus, low, high) = (h.etaPlus, h.etaMinus, h.stepSizeMin, h.stepSizeMax)
        var factor = gradient
        factor.formElementwise(previousGradient) { g, prev in
            let s = Self.sign(g * prev)
            return s > 0 ? plus : s < 0 ? minus : 1
        }
        var gamma = stepSize ?? gradient.filled(with: lr)
        gamma.formElementwise(factor) { s, f in
            let v = s * f
            return v.isNaN ? v : Swift.min(Swift.max(v, low), high)
        }
        stepSize = gamma
        terms?.append(UpdateTerm("step sizes Γ = \(gamma.short): ×η₊ where g kept its sign, ×η₋ where it flipped, clamped to [Γmin, Γmax]"))
        var g = gradient
        g.formElementwise(factor) { $1 == minus ? 0 : $0 }
        if g != gradient { terms?.append(UpdateTerm("sign flipped: g ← 0 there (no step, g_prev ← 0)", vector: g.planar)) }
        var signs = g
        signs.formElementwise { Self.sign($0) }
        let start = terms == nil ? nil : x
        x.addcmul(signs, gamma, value: -1)
        previousGradient = g
        if let start { terms?.append(stepTerm("step taken: −Γ·sign(g)", from: start, to: x)) }
    }
}

extension RpropRule: Optimizer where P == Vec2 {
    /// `stepSize` is Γ.
    public var inspection: OptimizerInspection {
        OptimizerInspection(steps: steps, stepSize: stepSize)
    }
}
