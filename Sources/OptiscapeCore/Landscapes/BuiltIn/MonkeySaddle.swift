/// The monkey saddle x³ − 3xy² = Re (x + iy)³: three valleys and three ridges meet at the
/// origin, where gradient and Hessian both vanish — a degenerate saddle that second-order
/// methods cannot see (the Hessian test is inconclusive there).
public struct MonkeySaddle: FormulaLandscape {
    public init() {}

    public static let entry = LandscapeEntry(
        name: "monkey-saddle",
        summary: "three valleys meet at a degenerate saddle with zero Hessian",
        make: { _ in MonkeySaddle() })

    public var name: String { "monkey-saddle" }
    public var formula: String { "x³ − 3xy²" }
    public var view: ViewBox { ViewBox(x: -2...2, y: -2...2) }
    /// The only critical point; degenerate (zero Hessian), but f takes both signs on every
    /// circle around it, so it is a saddle.
    public var criticalPoints: [CriticalPoint] { [CriticalPoint(.zero, .saddle)] }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        x * (x * x - y * y * 3)
    }
}
