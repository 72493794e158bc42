import Foundation

/// Rastrigin's function in 2D: 20 + x² − 10 cos 2πx + y² − 10 cos 2πy.
///
/// A bowl covered by an egg-crate ripple: a lattice of local minima near every integer point,
/// maxima near the half-integer points and saddles in between; the global minimum is 0 at the
/// origin. The function is a sum g(x) + g(y) of one-dimensional terms, so its critical points
/// are the products of the critical points of g(t) = t² − 10 cos 2πt + 10, which solve
/// t + 10π sin 2πt = 0 (computed with mpmath at 40 digits and rounded to the nearest double).
/// Every one in the customary domain ±5.12 (the view) is listed: g has a minimum near each
/// whole number −5…5 and a maximum near each half −4.5…4.5, so f has 121 minima, 100 maxima
/// and 220 saddles there — all of them, so a plot marks the whole lattice or none of it.
public struct Rastrigin: FormulaLandscape {
    public init() {}

    public static let entry = LandscapeEntry(
        name: "rastrigin",
        summary: "a bowl under an egg-crate ripple: a lattice of local minima",
        make: { _ in Rastrigin() })

    /// The local minimum of g next to t = 1 (g there is 0.99495905709329…).
    public static let sideMinimum = 0.9949586376523348
    /// The local maximum of g next to t = ½.
    public static let sideMaximum = 0.5025460365546747
    /// The positive minima of g, next to t = 1, 2, 3, 4, 5 (mpmath, 40 digits, rounded).
    static let minima = [sideMinimum, 1.9899122337085495, 2.984855701039481, 3.9797838603007536, 4.974691390895051]
    /// The positive maxima of g, next to t = ½, 1½, …, 4½.
    static let maxima = [sideMaximum, 1.5076407318703584, 2.512743318200085, 3.517859138170441, 4.522993659584519]

    public var name: String { "rastrigin" }
    public var formula: String { "20 + x² − 10 cos 2πx + y² − 10 cos 2πy" }
    /// The customary search domain ±5.12: about ten ripples across each axis.
    public var view: ViewBox { ViewBox(x: -5.12...5.12, y: -5.12...5.12) }
    public var criticalPoints: [CriticalPoint] {
        // (coordinate, is a minimum of g)
        let axis: [(Double, Bool)] = [(0, true)] + Rastrigin.minima.flatMap { [(-$0, true), ($0, true)] }
            + Rastrigin.maxima.flatMap { [(-$0, false), ($0, false)] }
        var points: [CriticalPoint] = []
        for (x, xMin) in axis {
            for (y, yMin) in axis {
                let kind: CriticalPoint.Kind
                switch (xMin, yMin) {
                case (true, true): kind = (x == 0 && y == 0) ? .globalMinimum : .localMinimum
                case (false, false): kind = .maximum
                default: kind = .saddle
                }
                points.append(CriticalPoint(Vec2(x, y), kind))
            }
        }
        return points
    }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let twoPi = 2 * Double.pi
        return x * x + y * y - (cos(x * twoPi) + cos(y * twoPi)) * 10 + 20
    }
}
