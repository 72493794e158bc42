/// A wide, almost flat plateau around a narrow basin (Deep Learning §8.2.3, "plateaus"):
///
///     f(x, y) = 1 − exp(−(x² + y²)/(2s²)) + ε·(x² + y²)
///
/// An inverted Gaussian of radius s digs the basin (global minimum 0 at the origin, the only
/// critical point); the faint bowl ε·r² keeps the plateau from being exactly flat, so its
/// gradient (≈ 2ε·r) never underflows. With the defaults s = 1, ε = 1e-5, ‖∇f‖ < 1e-3 on 87 %
/// of the default view (everywhere with r > 4.2), and there it lies between 1.1e-4 and 7e-4
/// (measured on an 801 × 801 grid). Plain SGD crawls across it at lr·‖∇f‖ per step, while
/// Adam and RMSProp divide by the gradient's running scale and keep moving about lr per step —
/// the gradient stays far above their ε = 1e-8, which a pure Gaussian's would not.
public struct Plateau: FormulaLandscape {
    /// Radius s of the basin.
    public var s: Double
    /// Curvature ε of the faint bowl under the plateau.
    public var eps: Double

    public init(s: Double = 1, eps: Double = 1e-5) { self.s = s; self.eps = eps }

    public static let entry = LandscapeEntry(
        name: "plateau",
        summary: "a wide flat plateau around a basin: SGD crawls, Adam and RMSProp keep pace",
        parameters: [
            LandscapeParameter("s", default: 1, "radius of the basin", range: 1e-3...1e3),
            LandscapeParameter("eps", default: 1e-5, "curvature of the faint bowl that tilts the plateau", range: 0...1),
        ],
        make: { Plateau(s: $0["s"]!, eps: $0["eps"]!) })

    public var name: String { "plateau" }
    public var formula: String {
        "1 − exp(−(x² + y²)/(2·\(s.compact)²)) + \(eps.compact)·(x² + y²)"
    }
    /// Ten basin radii each way: the basin is a small dimple in a wide plateau.
    public var view: ViewBox { ViewBox(x: -10 * s...10 * s, y: -10 * s...10 * s) }
    public var parameters: [String: Double] { ["s": s, "eps": eps] }
    /// ∇f = (e^(−r²/2s²)/s² + 2ε)·(x, y) vanishes only at the origin.
    public var criticalPoints: [CriticalPoint] { [CriticalPoint(.zero, .globalMinimum)] }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let r2 = x * x + y * y
        return 1 - exp(r2 * (-0.5 / (s * s))) + r2 * eps
    }
}
