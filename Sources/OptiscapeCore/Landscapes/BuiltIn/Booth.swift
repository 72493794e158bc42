/// Booth's function: (x + 2y − 7)² + (2x + y − 5)².
///
/// A plain quadratic bowl, tilted: its Hessian [[10, 8], [8, 10]] has eigenvalues 2 and 18
/// (condition number 9, long axis along (1, −1)). Minimum 0 at (1, 3).
public struct Booth: FormulaLandscape {
    public init() {}

    public static let entry = LandscapeEntry(
        name: "booth",
        summary: "a tilted quadratic bowl, condition number 9; minimum 0 at (1, 3)",
        make: { _ in Booth() })

    public var name: String { "booth" }
    public var formula: String { "(x + 2y − 7)² + (2x + y − 5)²" }
    /// Centred on the minimum, wide enough to show the elongated elliptic contours.
    public var view: ViewBox { ViewBox(x: -4...6, y: -2...8) }
    public var criticalPoints: [CriticalPoint] { [CriticalPoint(Vec2(1, 3), .globalMinimum)] }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let a = x + y * 2 - 7
        let b = x * 2 + y - 5
        return a * a + b * b
    }
}
