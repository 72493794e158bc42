import Foundation

/// The loss of a one-unit recurrent network unrolled over T steps (Pascanu, Mikolov and Bengio
/// 2013, "On the difficulty of training recurrent neural networks"; Deep Learning §8.2.4):
///
///     h₀ = 0.5,  hₜ = w·σ(hₜ₋₁) + b  (t = 1…T),  loss = (σ(h_T) − 0.7)²,  with x = w, y = b.
///
/// For w > 4 the map h ↦ w·σ(h) + b has two stable fixed points for a band of b, separated by
/// an unstable one; h₀ = 0.5 falls on either side of it depending on (w, b), and after T steps
/// h_T has converged to one attractor or the other. Across the line where the unstable fixed
/// point crosses h₀ — b = 0.5 − w·σ(0.5) ≈ 0.5 − 0.6225·w — the loss jumps from ≈ 0.01–0.08
/// to ≈ 0.42–0.49 within a band that narrows like λ^(−T): the cliff. Measured for T = 50 (exact
/// forward-mode gradients in numpy, scanning b at fixed w): the largest gradient norm is
/// ≈ 6 at w = 4, 1.6e2 at w = 4.5, 6.8e3 at w = 5 and 1.9e7 at w = 6, always within 1e-3 of
/// that line; for w ≳ 7 the wall is a numerical step. SGD that touches it is thrown far away
/// unless the gradient is clipped.
///
/// The recursion is a loop over T inside the generic formula, so the gradient and Hessian are
/// exact (forward mode through all T steps), never finite differences.
public struct RNNCliff: FormulaLandscape {
    /// The number of unrolled steps T (1…1000).
    public var steps: Int
    /// Initial state h₀.
    public static let h0 = 0.5
    /// Target output σ(h_T) should reach.
    public static let target = 0.7

    public init(steps: Int = 50) { self.steps = steps }

    public static let entry = LandscapeEntry(
        name: "rnn-cliff",
        summary: "one-unit RNN unrolled T steps: a loss cliff where gradients explode",
        parameters: [
            LandscapeParameter("T", default: 50, "number of unrolled time steps", range: 1...1000, integer: true),
        ],
        make: { RNNCliff(steps: Int($0["T"]!)) })

    public var name: String { "rnn-cliff" }
    public var formula: String {
        "(σ(h_T) − 0.7)², h_t = x·σ(h_{t−1}) + y, h₀ = 0.5, T = \(steps) (x = w, y = b)"
    }
    /// w from −1 to 9 shows, on the left, the smooth valley of minima along b ≈ 0.847 − 0.7·w
    /// (where the fixed point h* = logit 0.7 is reached) and, for w ≳ 4.5, the cliff along
    /// b ≈ 0.5 − 0.6225·w, which crosses the view from (4.5, −2.3) to (9, −5.1); below it the
    /// loss sits on a plateau at ≈ 0.42–0.49. The same box suits small T, where the wall is gentler.
    public var view: ViewBox { ViewBox(x: -1...9, y: -6...2) }
    public var parameters: [String: Double] { ["T": Double(steps)] }
    /// The loss is 0 wherever σ(h_T) = 0.7 exactly: a curve of global minima (one Hessian
    /// eigenvalue is 0 along it), through (0, ln 7/3) — at w = 0 every hₜ (t ≥ 1) equals b —
    /// and along b ≈ 0.847 − 0.7·w, and again on the cliff's face, where σ(h_T) sweeps through
    /// 0.7. No isolated critical points are listed; the residual is σ(h_T) − 0.7.
    public var minimalSet: MinimalSet? {
        let cliff = self
        return MinimalSet("the curve σ(h_T) = 0.7 (through (0, ln 7/3))", value: 0) { cliff.output($0) - RNNCliff.target }
    }

    /// σ(h_T) at (w, b).
    func output(_ p: Vec2) -> Double {
        var h = RNNCliff.h0
        var t = 0
        while t < steps { h = p.x * sigmoid(h) + p.y; t += 1 }
        return sigmoid(h)
    }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        var h = S(RNNCliff.h0)
        var t = 0
        while t < steps { // not `0..<steps`: a negative count passed to init means 0, not a trap
            h = x * sigmoid(h) + y
            t += 1
        }
        let e = sigmoid(h) - RNNCliff.target
        return e * e
    }
}
