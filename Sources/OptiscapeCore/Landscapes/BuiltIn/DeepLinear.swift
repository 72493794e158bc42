/// A two-layer scalar linear network w₂·w₁ fitting the target 1 with squared error:
/// (1 − xy)², with x = w₁ and y = w₂ (Deep Learning §8.2.2, weight-space symmetry).
///
/// Rescaling (w₁, w₂) → (c·w₁, w₂/c) leaves the function unchanged, so the global minima are
/// not points but the whole hyperbola xy = 1 (value 0, one zero Hessian eigenvalue along it),
/// in two symmetric branches. The origin is a saddle (Hessian eigenvalues ±2), where
/// gradient descent from a small, balanced initialisation lingers.
public struct DeepLinear: FormulaLandscape {
    public init() {}

    public static let entry = LandscapeEntry(
        name: "deep-linear",
        summary: "two-layer linear net: a hyperbola of equal minima and a saddle at 0",
        make: { _ in DeepLinear() })

    public var name: String { "deep-linear" }
    public var formula: String { "(1 − xy)²" }
    public var view: ViewBox { ViewBox(x: -2.5...2.5, y: -2.5...2.5) }
    /// The saddle at the origin. The minima are the whole hyperbola (``minimalSet``), not points.
    public var criticalPoints: [CriticalPoint] { [CriticalPoint(.zero, .saddle)] }
    /// xy = 1, both branches, loss 0; the residual is 1 − xy (the loss is its square).
    public var minimalSet: MinimalSet? {
        MinimalSet("the hyperbola xy = 1", value: 0) { 1 - $0.x * $0.y }
    }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let r = 1 - x * y
        return r * r
    }
}
