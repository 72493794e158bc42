/// Why an update could not be taken (Newton at a singular Hessian, a non-finite step): one
/// line for the runner's status. The parameters and the rule's state are then unchanged.
public struct StepFailure: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// One optimizer rule over any parameter type: a value holding its hyper-parameters and state
/// (moments, step count), with `torch.optim`'s update rule — the single implementation the 2-D
/// engine (`Vector` = ``Vec2``) and networks (`Vector` = ``FlatVector``) share.
///
/// A network takes a step like `torch.optim`'s `step()`:
/// ```swift
/// var rule = try spec.makeRule(like: theta)            // any UpdateRule<FlatVector>
/// var g = loss.valueAndGradient(at: theta).gradient
/// g = transforms.apply(to: g, rng: &rng)             // noise, clip_grad_norm_, clip_grad_value_
/// let lr = schedule.learningRate(base: rule.hyperparameters.lr, step: rule.steps)
/// try rule.step(&theta, gradient: g, lr: lr, objective: loss)
/// ```
/// On 2-D landscapes the same rules are ``Optimizer``s (``Adam`` is `AdamRule<Vec2>`, …).
public protocol UpdateRule<Vector>: Sendable {
    associatedtype Vector: ParameterVector
    /// The resolved hyper-parameters this rule runs with.
    var hyperparameters: ResolvedHyperparameters { get }
    /// Updates taken so far.
    var steps: Int { get }
    /// Whether ``update(_:gradient:lr:objective:terms:)`` asks its objective anything
    /// (second-order rules, line searches). False for the first-order rules (the default),
    /// which then are handed ``NoObjective`` on 2-D points: building a landscape objective
    /// costs an existential copy per step, a tenth of an SGD step.
    static var readsObjective: Bool { get }

    /// The update of `x` in place, given the (transformed) gradient at x and this step's
    /// learning rate (after any schedule). Second-order rules and line searches ask `objective`.
    ///
    /// The first-order rules compute exactly what PyTorch computes, also when that overflows or
    /// meets a NaN (the caller sees a non-finite x and reports divergence). A thrown
    /// ``StepFailure`` means the update is undefined; x and the state are then unchanged.
    ///
    /// `terms`, when not nil, receives the sub-steps for explain mode: the first is the
    /// gradient, the last the step actually taken (its vector: new x − x) or, on failure, the
    /// reason (no vector). Vectors are set only where ``ParameterVector/planar`` is.
    ///
    /// Every rule marks its implementation `@_specialize(where P == FlatVector, O ==
    /// NetworkObjective)`: a network runner calls it through `any UpdateRule<FlatVector>`,
    /// which runs the generic code — a closure call through witness tables per element, half
    /// of Adam's step — unless a specialisation for networks is there to be entered.
    mutating func update<O: Objective>(_ x: inout Vector, gradient: Vector, lr: Double, objective: O,
                                       terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == Vector
}

extension UpdateRule {
    public static var readsObjective: Bool { false }

    /// One update of `x` in place (``update(_:gradient:lr:objective:terms:)`` without the terms).
    @inline(__always)
    public mutating func step<O: Objective>(_ x: inout Vector, gradient: Vector, lr: Double,
                                            objective: O) throws(StepFailure) where O.Vector == Vector {
        var terms: [UpdateTerm]? = nil
        try update(&x, gradient: gradient, lr: lr, objective: objective, terms: &terms)
    }
}

/// The 2-D rules are the 2-D engine's ``Optimizer``s: `step` and `explain` both come from
/// `update`, so explain can never disagree with step.
extension UpdateRule where Vector == Vec2 {
    /// Takes the update (a failed one leaves the state unchanged).
    @inline(__always)
    public mutating func step(from x: Vec2, gradient g: Vec2, lr: Double, landscape: any Landscape) -> StepOutcome {
        var p = x
        var terms: [UpdateTerm]? = nil
        do throws(StepFailure) {
            if Self.readsObjective {
                try update(&p, gradient: g, lr: lr, objective: LandscapeObjective(landscape), terms: &terms)
            } else {
                try update(&p, gradient: g, lr: lr, objective: NoObjective(), terms: &terms)
            }
            return .moved(p)
        } catch {
            return .failed(reason: error.reason)
        }
    }

    /// The same update's sub-steps, taken on a copy: the state does not change.
    public func explain(from x: Vec2, gradient g: Vec2, lr: Double, landscape: any Landscape) -> [UpdateTerm] {
        var copy = self
        var p = x
        var terms: [UpdateTerm]? = []
        try? copy.update(&p, gradient: g, lr: lr, objective: LandscapeObjective(landscape), terms: &terms)
        return terms ?? []
    }
}

/// The first sub-steps every first-order update shares: name the gradient, then add PyTorch's
/// (coupled) weight decay `g + λ·x` when λ ≠ 0. Returns the gradient the rule continues with.
@inline(__always)
func gradientWithWeightDecay<P: ParameterVector>(_ gradient: P, at x: P, _ h: ResolvedHyperparameters,
                                                 terms: inout [UpdateTerm]?) -> P {
    terms?.append(UpdateTerm("gradient g = \(gradient.short)", vector: gradient.planar))
    guard h.weightDecay != 0 else { return gradient }
    let decayed = TorchOps.add(gradient, x, alpha: h.weightDecay)
    terms?.append(UpdateTerm("weight decay adds λ·x, λ = \(h.weightDecay.compact)", vector: decayed.minus(gradient).planar))
    return decayed
}

/// The last explain term: the step actually taken.
func stepTerm<P: ParameterVector>(_ text: String, from x: P, to next: P) -> UpdateTerm {
    let d = next.minus(x)
    return UpdateTerm("\(text) = \(d.short)", vector: d.planar)
}

/// The first sub-steps of the Adam family (Adam/AdamW, NAdam, RAdam): name the gradient, then
/// weight decay λ ≠ 0 either decoupled, x ← x·(1 − lr·λ) in place (AdamW, or
/// `decoupled_weight_decay=True`), or as PyTorch's L2 term g + λ·x. Returns the gradient the
/// rule continues with.
@inline(__always)
func adamFamilyWeightDecay<P: ParameterVector>(_ x: inout P, gradient: P, lr: Double, _ h: ResolvedHyperparameters,
                                               decoupled: Bool, terms: inout [UpdateTerm]?) -> P {
    guard decoupled && h.weightDecay != 0 else { return gradientWithWeightDecay(gradient, at: x, h, terms: &terms) }
    terms?.append(UpdateTerm("gradient g = \(gradient.short)", vector: gradient.planar))
    let start = terms == nil ? nil : x
    let factor = 1 - lr * h.weightDecay
    x.multiply(by: factor)
    if let start {
        terms?.append(UpdateTerm("decoupled weight decay: x ← x·(1 − lr·λ) = x·\(factor.significant(6))",
                                 vector: x.minus(start).planar))
    }
    return gradient
}
