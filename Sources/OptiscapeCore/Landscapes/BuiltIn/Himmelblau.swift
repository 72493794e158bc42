/// Himmelblau's function: (x² + y − 11)² + (x + y² − 7)².
///
/// Four global minima of value 0 — (3, 2) exactly and three irrational ones —, one local
/// maximum and four saddles between them: which minimum descent finds depends on the start.
/// The irrational points were found by Newton's method from a 400 × 400 grid of starts over
/// the view (there are no other critical points), polished with mpmath at 40 digits and
/// rounded to the nearest double.
public struct Himmelblau: FormulaLandscape {
    public init() {}

    public static let entry = LandscapeEntry(
        name: "himmelblau",
        summary: "four equal minima, four saddles and a hilltop: the start decides the end",
        make: { _ in Himmelblau() })

    public var name: String { "himmelblau" }
    public var formula: String { "(x² + y − 11)² + (x + y² − 7)²" }
    public var view: ViewBox { ViewBox(x: -5...5, y: -5...5) }
    public var criticalPoints: [CriticalPoint] {
        [
            CriticalPoint(Vec2(3, 2), .globalMinimum),
            CriticalPoint(Vec2(-2.805118086952745, 3.131312518250573), .globalMinimum),
            CriticalPoint(Vec2(-3.779310253377747, -3.2831859912861696), .globalMinimum),
            CriticalPoint(Vec2(3.5844283403304917, -1.8481265269644036), .globalMinimum),
            CriticalPoint(Vec2(-0.2708445906673476, -0.9230385564799815), .maximum),
            CriticalPoint(Vec2(3.385154183607021, 0.07385187983774928), .saddle),
            CriticalPoint(Vec2(0.08667750455539636, 2.884254701174776), .saddle),
            CriticalPoint(Vec2(-3.0730257507643897, -0.08135304428796751), .saddle),
            CriticalPoint(Vec2(-0.12796134673068008, -1.9537149802445763), .saddle),
        ]
    }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let a = x * x + y - 11
        let b = y * y + x - 7
        return a * a + b * b
    }
}
