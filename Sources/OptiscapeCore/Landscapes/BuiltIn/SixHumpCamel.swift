/// The six-hump camel function: (4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y².
///
/// Two global minima −1.0316284534898774 at ±(0.0898420131003181, −0.7126564030207396), four
/// local minima, seven saddles (one at the origin) and two local maxima; the function is even,
/// f(−x, −y) = f(x, y), so critical points come in pairs ±p. Coordinates were computed with
/// Newton's method from a 400 × 400 grid of starts over the view, polished with mpmath at 40
/// digits, and rounded to the nearest double.
public struct SixHumpCamel: FormulaLandscape {
    public init() {}

    public static let entry = LandscapeEntry(
        name: "six-hump-camel",
        summary: "two global and four local minima, with saddles and hills between",
        make: { _ in SixHumpCamel() })

    public var name: String { "six-hump-camel" }
    public var formula: String { "(4 − 2.1x² + x⁴/3)·x² + xy + (−4 + 4y²)·y²" }
    /// All fifteen critical points lie in |x| < 1.71, |y| < 0.8; beyond, x⁶ and y⁴ take over.
    public var view: ViewBox { ViewBox(x: -2.2...2.2, y: -1.2...1.2) }
    public var criticalPoints: [CriticalPoint] {
        let pairs: [(Vec2, CriticalPoint.Kind)] = [
            (Vec2(0.08984201310031806, -0.7126564030207396), .globalMinimum),  // −1.0316284534898774
            (Vec2(1.703606714969981, -0.7960835686726251), .localMinimum),     // −0.21546382438371764
            (Vec2(1.6071047529201972, 0.5686514548841314), .localMinimum),     // 2.1042503103112583
            (Vec2(1.1092053368047865, -0.7682680925095399), .saddle),          // 0.5437186009781851
            (Vec2(1.6380679841897785, 0.22867406904439408), .saddle),          // 2.2293571975307147
            (Vec2(1.2960702671671092, 0.6050843880386585), .saddle),           // 2.22947081802986
            (Vec2(1.2302298765166526, 0.16233458445899496), .maximum),         // 2.496295351023577
        ]
        return [CriticalPoint(.zero, .saddle)] + pairs.flatMap { p, kind in
            [CriticalPoint(p, kind), CriticalPoint(-p, kind)]
        }
    }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let xx = x * x, yy = y * y
        return (xx * xx / 3 - xx * 2.1 + 4) * xx + x * y + (yy * 4 - 4) * yy
    }
}
