/// The simplest saddle, a·x² − y² (Deep Learning §8.2.3).
///
/// The origin is a saddle with Hessian eigenvalues −2 and 2a. Gradient descent started on the
/// ridge y = 0 converges to the saddle; any perturbation in y grows and escapes, slowly when
/// started close to the ridge. Dauphin et al. (2014) use a = 5 in their saddle-free Newton
/// illustration; Newton's method jumps straight onto the saddle from anywhere.
public struct Saddle: FormulaLandscape {
    public var a: Double
    public init(a: Double = 1) { self.a = a }

    public static let entry = LandscapeEntry(
        name: "saddle",
        summary: "the simplest saddle a·x² − y²: descent stalls near it, Newton jumps onto it",
        parameters: [
            LandscapeParameter("a", default: 1, "curvature along x (Dauphin et al. 2014 use 5)", range: 1e-3...1e3),
        ],
        make: { Saddle(a: $0["a"]!) })

    public var name: String { "saddle" }
    public var formula: String { "\(a.compact)·x² − y²" }
    public var view: ViewBox { ViewBox(x: -2...2, y: -2...2) }
    public var parameters: [String: Double] { ["a": a] }
    public var criticalPoints: [CriticalPoint] { [CriticalPoint(.zero, .saddle)] }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        x * x * a - y * y
    }
}
