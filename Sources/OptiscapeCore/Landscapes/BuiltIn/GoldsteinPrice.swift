/// The Goldstein–Price function:
/// [1 + (x + y + 1)²(19 − 14x + 3x² − 14y + 6xy + 3y²)] ·
/// [30 + (2x − 3y)²(18 − 32x + 12x² + 48y − 36xy + 27y²)].
///
/// Global minimum 3 at (0, −1); local minima 30 at (−0.6, −0.4), 84 at (1.8, 0.2) and 840 at
/// (1.2, 0.8); saddles and a local maximum between them. All nine critical points in the view
/// have short decimal coordinates and integer values (found with mpmath's Newton iteration
/// from a grid of starts and checked exactly with sympy's rational arithmetic). Values span
/// six orders of magnitude over the view: a landscape for log-scaled colour bands.
public struct GoldsteinPrice: FormulaLandscape {
    public init() {}

    public static let entry = LandscapeEntry(
        name: "goldstein-price",
        summary: "steep, wide-ranging surface; global minimum 3 at (0, −1), three local minima",
        make: { _ in GoldsteinPrice() })

    public var name: String { "goldstein-price" }
    public var formula: String {
        "[1 + (x + y + 1)²(19 − 14x + 3x² − 14y + 6xy + 3y²)]·[30 + (2x − 3y)²(18 − 32x + 12x² + 48y − 36xy + 27y²)]"
    }
    public var view: ViewBox { ViewBox(x: -2...2, y: -2...2) }
    public var criticalPoints: [CriticalPoint] {
        [
            CriticalPoint(Vec2(0, -1), .globalMinimum),     // 3
            CriticalPoint(Vec2(-0.6, -0.4), .localMinimum), // 30
            CriticalPoint(Vec2(1.8, 0.2), .localMinimum),   // 84
            CriticalPoint(Vec2(1.2, 0.8), .localMinimum),   // 840
            CriticalPoint(Vec2(-0.4, -0.6), .saddle),       // 35
            CriticalPoint(Vec2(1.2, -0.2), .saddle),        // 99
            CriticalPoint(Vec2(1.4, 0.6), .saddle),         // 980
            CriticalPoint(Vec2(0.6, 0.4), .saddle),         // 990
            CriticalPoint(Vec2(0.8, 0.2), .maximum),        // 1155
        ]
    }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let xx = x * x, xy = x * y, yy = y * y
        let s = x + y + 1
        let a = xx * 3 - x * 14 - y * 14 + xy * 6 + yy * 3 + 19
        let t = x * 2 - y * 3
        let b = xx * 12 - x * 32 + y * 48 - xy * 36 + yy * 27 + 18
        return (s * s * a + 1) * (t * t * b + 30)
    }
}
