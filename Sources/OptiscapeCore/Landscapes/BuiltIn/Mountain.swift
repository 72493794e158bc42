/// Deep Learning Fig. 8.4 in two dimensions: 3/(1 + x² + y²/4) − σ(x).
///
/// There are no minima, only asymptotes toward low values: f → −1 as x → +∞ (the better one)
/// and f → 0 as x → −∞. Between them stands a mountain whose only critical point is its
/// summit near (−0.0418, 0). Descent started west of the mountain heads west, downhill, toward
/// the worse asymptote: the local surface does not point toward the global solution, and to
/// reach the east one must go around the mountain. The summit's x solves
/// 6x/(1 + x²)² + σ′(x) = 0 (mpmath, 40 digits, rounded to the nearest double).
public struct Mountain: FormulaLandscape {
    public init() {}

    public static let entry = LandscapeEntry(
        name: "mountain",
        summary: "Deep Learning Fig. 8.4: no minima, a mountain between two asymptotes",
        make: { _ in Mountain() })

    public var name: String { "mountain" }
    public var formula: String { "3/(1 + x² + y²/4) − σ(x)" }
    /// Wide in x to show both asymptotes; y spans the mountain's flanks (it is twice as long in y).
    public var view: ViewBox { ViewBox(x: -8...8, y: -6...6) }
    public var criticalPoints: [CriticalPoint] {
        [CriticalPoint(Vec2(-0.04179410245933289, 0), .maximum)] // 2.505215901382908
    }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        3 / (x * x + y * y / 4 + 1) - sigmoid(x)
    }
}
