import Foundation

/// Rastrigin's function in 2D: 20 + x² − 10 cos 2πx + y² − 10 cos 2πy.
///
/// A bowl covered by an egg-crate ripple: a lattice of local minima near every integer point,
/// maxima near the half-integer points and saddles in between; the global minimum is 0 at the
/// origin. The function is a sum g(x) + g(y) of one-dimensional terms, so its critical points
/// are the products of the critical points of g(t) = t² − 10 cos 2πt + 10, which solve
/// t + 10π sin 2πt = 0 (computed with mpmath at 40 digits and rounded to the nearest double).
/// Only the central block |x|, |y| ≤ 1 is listed (9 minima, 4 maxima, 12 saddles); the same
/// pattern repeats over the whole view.
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

    public var name: String { "rastrigin" }
    public var formula: String { "20 + x² − 10 cos 2πx + y² − 10 cos 2πy" }
    /// The customary search domain ±5.12: about ten ripples across each axis.
    public var view: ViewBox { ViewBox(x: -5.12...5.12, y: -5.12...5.12) }
    public var criticalPoints: [CriticalPoint] {
        let m = Rastrigin.sideMinimum, h = Rastrigin.sideMaximum
        // (coordinate, is a minimum of g)
        let axis: [(Double, Bool)] = [(0, true), (-m, true), (m, true), (-h, false), (h, false)]
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
