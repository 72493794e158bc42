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
    @inline(__always) static func add(_ a: Vec2, _ b: Vec2, alpha s: Double) -> Vec2 {
        Vec2(a.x + s * b.x, a.y + s * b.y)
    }

    /// `a.addcmul(b, c, value: s)` = a + (s·b)·c.
    @inline(__always) static func addcmul(_ a: Vec2, _ b: Vec2, _ c: Vec2, value s: Double) -> Vec2 {
        Vec2(a.x + (s * b.x) * c.x, a.y + (s * b.y) * c.y)
    }

    /// `a.addcdiv(b, c, value: s)` = a + (s·b)/c.
    @inline(__always) static func addcdiv(_ a: Vec2, _ b: Vec2, _ c: Vec2, value s: Double) -> Vec2 {
        Vec2(a.x + (s * b.x) / c.x, a.y + (s * b.y) / c.y)
    }

    /// `a.lerp(b, weight: w)`: a + w·(b − a) for |w| < 0.5, else b − (b − a)·(1 − w).
    @inline(__always) static func lerp(_ a: Vec2, _ b: Vec2, weight w: Double) -> Vec2 {
        Vec2(lerp(a.x, b.x, w), lerp(a.y, b.y, w))
    }

    @inline(__always) static func lerp(_ a: Double, _ b: Double, _ w: Double) -> Double {
        Swift.abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)
    }

    /// `a.sqrt()`, correctly rounded.
    @inline(__always) static func sqrt(_ a: Vec2) -> Vec2 { Vec2(a.x.squareRoot(), a.y.squareRoot()) }

    /// `a + s` for a scalar s.
    @inline(__always) static func add(_ a: Vec2, scalar s: Double) -> Vec2 { Vec2(a.x + s, a.y + s) }

    /// Component-wise quotient.
    @inline(__always) static func divide(_ a: Vec2, _ b: Vec2) -> Vec2 { Vec2(a.x / b.x, a.y / b.y) }

    /// `torch.maximum`: the larger component, NaN if either is NaN.
    @inline(__always) static func maximum(_ a: Vec2, _ b: Vec2) -> Vec2 {
        func m(_ p: Double, _ q: Double) -> Double { p.isNaN || q.isNaN ? .nan : Swift.max(p, q) }
        return Vec2(m(a.x, b.x), m(a.y, b.y))
    }

    /// Python's `x ** y` on floats, which is C `pow` (as Swift's `Foundation.pow`).
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}

extension Vec2 {
    /// Short text for explain mode: `(1.23, -4.56e-05)`.
    var short: String { "(\(x.significant(3)), \(y.significant(3)))" }
}

/// Shared shape of an update for ``Optimizer/step`` and ``Optimizer/explain``: the optimizer
/// computes the update once, optionally writing its sub-steps, so explain can never disagree
/// with step: `step` and `explain` both come from `update` (the extension below).
protocol ExplainableUpdate: Optimizer {
    /// The update from `x`, made in place: the new state and the outcome. When no step is
    /// possible (`.failed`) the state must be left exactly as it was. Appends the sub-steps to
    /// `terms` when it is not nil; the last term is the step actually taken (vector = new x − x)
    /// or the reason no step was possible (no vector).
    ///
    /// In place rather than returning a new state: the state holds the hyper-parameters, and
    /// copying it twice per step (out and back) was a third of a step's cost.
    mutating func update(from x: Vec2, gradient g: Vec2, lr: Double, landscape: any Landscape,
                         terms: inout [UpdateTerm]?) -> StepOutcome
}

extension ExplainableUpdate {
    /// Takes the update (a failed one leaves the state unchanged).
    public mutating func step(from x: Vec2, gradient g: Vec2, lr: Double, landscape: any Landscape) -> StepOutcome {
        var terms: [UpdateTerm]? = nil
        return update(from: x, gradient: g, lr: lr, landscape: landscape, terms: &terms)
    }

    /// The same update's sub-steps, taken on a copy: the state does not change.
    public func explain(from x: Vec2, gradient g: Vec2, lr: Double, landscape: any Landscape) -> [UpdateTerm] {
        var copy = self
        var terms: [UpdateTerm]? = []
        _ = copy.update(from: x, gradient: g, lr: lr, landscape: landscape, terms: &terms)
        return terms ?? []
    }
}

/// The first sub-steps every first-order update shares: name the gradient, then add PyTorch's
/// (coupled) weight decay `g + λ·x` when λ ≠ 0. Returns the gradient the rule continues with.
@inline(__always)
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
