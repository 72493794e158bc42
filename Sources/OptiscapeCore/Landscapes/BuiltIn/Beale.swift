/// Beale's function: (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)².
///
/// A flat, curving valley runs to the global minimum 0 at (3, 0.5), walled in by ridges that
/// grow like y⁶ away from the x-axis. Along the line x = 0 the function is constant, and it has
/// two saddles: (0, 1) exactly and one near (0.1005, −2.6445) (found by Newton's method from a
/// 600 × 600 grid of starts over [−30, 30]², polished with mpmath at 40 digits and rounded to
/// the nearest double; there are no other critical points there).
public struct Beale: FormulaLandscape {
    public init() {}

    public static let entry = LandscapeEntry(
        name: "beale",
        summary: "a flat curving valley between steep ridges; minimum 0 at (3, 0.5)",
        make: { _ in Beale() })

    public var name: String { "beale" }
    public var formula: String { "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²" }
    public var view: ViewBox { ViewBox(x: -4.5...4.5, y: -4.5...4.5) }
    public var criticalPoints: [CriticalPoint] {
        [
            CriticalPoint(Vec2(3, 0.5), .globalMinimum),
            CriticalPoint(Vec2(0, 1), .saddle),
            CriticalPoint(Vec2(0.10053793732415836, -2.644513585023125), .saddle),
        ]
    }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let xy = x * y
        let xy2 = xy * y
        let xy3 = xy2 * y
        let a = xy - x + 1.5
        let b = xy2 - x + 2.25
        let c = xy3 - x + 2.625
        return a * a + b * b + c * c
    }
}
