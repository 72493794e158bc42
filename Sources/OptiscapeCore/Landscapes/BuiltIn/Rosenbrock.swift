/// Rosenbrock's banana valley: (a − x)² + b (y − x²)². Minimum at (a, a²).
public struct Rosenbrock: FormulaLandscape {
    public var a: Double
    public var b: Double
    public init(a: Double = 1, b: Double = 100) { self.a = a; self.b = b }

    public static let entry = LandscapeEntry(
        name: "rosenbrock",
        summary: "a curved, narrow valley: easy to find, slow to follow",
        parameters: [
            LandscapeParameter("a", default: 1, "x of the minimum (a, a²)"),
            LandscapeParameter("b", default: 100, "steepness of the valley walls", range: 0...1e12),
        ],
        make: { Rosenbrock(a: $0["a"]!, b: $0["b"]!) })

    public var name: String { "rosenbrock" }
    public var formula: String { "(\(a.compact) − x)² + \(b.compact)·(y − x²)²" }
    public var view: ViewBox { ViewBox(x: (a - 3.5)...(a + 1.5), y: (a * a - 2)...(a * a + 3)) }
    public var parameters: [String: Double] { ["a": a, "b": b] }
    public var criticalPoints: [CriticalPoint] { [CriticalPoint(Vec2(a, a * a), .globalMinimum)] }
    /// The classic start (−1.5, 2) for a = 1.
    public var defaultStart: Vec2 { Vec2(a - 2.5, a * a + 1) }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let u = a - x
        let v = y - x * x
        return u * u + v * v * b
    }
}
