import Foundation

/// PyTorch's element-wise tensor operations as the optimizers use them, one coordinate at a
/// time, with the rounding of PyTorch's portable CPU kernels: every product and sum rounded
/// on its own, in the order the kernels evaluate it.
///
/// (PyTorch's AVX2/AVX-512 kernels fuse some `a + s·b` into one FMA and x86 builds take
/// `sqrt` from MKL, which is not correctly rounded; both move the last bit now and then. We
/// follow the portable kernels with IEEE `sqrt` so that trajectories are bit-identical on
/// every machine. See Tests/OptiscapeCoreTests/Reference/torch_reference.py.)
enum TorchOps {
    /// `a.add(b, alpha: s)` = a + s·b.
    @inlinable static func add(_ a: Vec2, _ b: Vec2, alpha s: Double) -> Vec2 {
        Vec2(a.x + s * b.x, a.y + s * b.y)
    }

    /// `a.addcmul(b, c, value: s)` = a + (s·b)·c.
    @inlinable static func addcmul(_ a: Vec2, _ b: Vec2, _ c: Vec2, value s: Double) -> Vec2 {
        Vec2(a.x + (s * b.x) * c.x, a.y + (s * b.y) * c.y)
    }

    /// `a.addcdiv(b, c, value: s)` = a + (s·b)/c.
    @inlinable static func addcdiv(_ a: Vec2, _ b: Vec2, _ c: Vec2, value s: Double) -> Vec2 {
        Vec2(a.x + (s * b.x) / c.x, a.y + (s * b.y) / c.y)
    }

    /// `a.lerp(b, weight: w)`: a + w·(b − a) for |w| < 0.5, else b − (b − a)·(1 − w).
    @inlinable static func lerp(_ a: Vec2, _ b: Vec2, weight w: Double) -> Vec2 {
        Vec2(lerp(a.x, b.x, w), lerp(a.y, b.y, w))
    }

    @inlinable static func lerp(_ a: Double, _ b: Double, _ w: Double) -> Double {
        Swift.abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)
    }

    /// `a.sqrt()`, correctly rounded.
    @inlinable static func sqrt(_ a: Vec2) -> Vec2 { Vec2(a.x.squareRoot(), a.y.squareRoot()) }

    /// `a + s` for a scalar s.
    @inlinable static func add(_ a: Vec2, scalar s: Double) -> Vec2 { Vec2(a.x + s, a.y + s) }

    /// Component-wise quotient.
    @inlinable static func divide(_ a: Vec2, _ b: Vec2) -> Vec2 { Vec2(a.x / b.x, a.y / b.y) }

    /// `torch.maximum`: the larger component, NaN if either is NaN.
    @inlinable static func maximum(_ a: Vec2, _ b: Vec2) -> Vec2 {
        func m(_ p: Double, _ q: Double) -> Double { p.isNaN || q.isNaN ? .nan : Swift.max(p, q) }
        return Vec2(m(a.x, b.x), m(a.y, b.y))
    }

    /// Python's `x ** y` on floats, which is C `pow` (as Swift's `Foundation.pow`).
    @inlinable static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}

extension Vec2 {
    /// Short text for explain mode: `(1.23, -4.56e-05)`.
    var short: String { "(\(x.significant(3)), \(y.significant(3)))" }
}

/// Shared shape of an update for ``Optimizer/step`` and ``Optimizer/explain``: the optimizer
/// computes the update once, optionally writing its sub-steps, so explain can never disagree
/// with step: `step` and `explain` both come from `update` (the extension below).
protocol ExplainableUpdate: Optimizer {
    /// The update from `x`: the optimizer's next state and the outcome. Appends the sub-steps
    /// to `terms` when it is not nil; the last term is the step actually taken (vector = new x − x)
    /// or the reason no step was possible (no vector).
    func update(from x: Vec2, gradient g: Vec2, lr: Double, landscape: any Landscape,
                terms: inout [UpdateTerm]?) -> (next: Self, outcome: StepOutcome)
}

extension ExplainableUpdate {
    /// Takes the update, keeping the new state only when a step was possible.
    public mutating func step(from x: Vec2, gradient g: Vec2, lr: Double, landscape: any Landscape) -> StepOutcome {
        var terms: [UpdateTerm]? = nil
        let (next, outcome) = update(from: x, gradient: g, lr: lr, landscape: landscape, terms: &terms)
        if case .moved = outcome { self = next }
        return outcome
    }

    /// The same update's sub-steps, without changing state.
    public func explain(from x: Vec2, gradient g: Vec2, lr: Double, landscape: any Landscape) -> [UpdateTerm] {
        var terms: [UpdateTerm]? = []
        _ = update(from: x, gradient: g, lr: lr, landscape: landscape, terms: &terms)
        return terms ?? []
    }
}

/// The first sub-steps every first-order update shares: name the gradient, then add PyTorch's
/// (coupled) weight decay `g + λ·x` when λ ≠ 0. Returns the gradient the rule continues with.
func gradientWithWeightDecay(_ gradient: Vec2, at x: Vec2, _ h: ResolvedHyperparameters,
                             terms: inout [UpdateTerm]?) -> Vec2 {
    terms?.append(UpdateTerm("gradient g = \(gradient.short)", vector: gradient))
    guard h.weightDecay != 0 else { return gradient }
    let decayed = TorchOps.add(gradient, x, alpha: h.weightDecay)
    terms?.append(UpdateTerm("weight decay adds λ·x, λ = \(h.weightDecay.compact)", vector: decayed - gradient))
    return decayed
}

/// The last explain term: the step actually taken.
func stepTerm(_ text: String, from x: Vec2, to next: Vec2) -> UpdateTerm {
    let d = next - x
    return UpdateTerm("\(text) = \(d.short)", vector: d)
}
