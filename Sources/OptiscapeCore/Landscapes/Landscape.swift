import Foundation

/// The rectangle of the plane a landscape is best looked at in.
public struct ViewBox: Hashable, Sendable, Codable, CustomStringConvertible {
    public var xMin: Double, xMax: Double, yMin: Double, yMax: Double

    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
        xMin = x.lowerBound; xMax = x.upperBound; yMin = y.lowerBound; yMax = y.upperBound
    }
    public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double) {
        self.xMin = xMin; self.xMax = xMax; self.yMin = yMin; self.yMax = yMax
    }
    public var width: Double { xMax - xMin }
    public var height: Double { yMax - yMin }
    public var center: Vec2 { Vec2((xMin + xMax) / 2, (yMin + yMax) / 2) }
    public func contains(_ p: Vec2) -> Bool { p.x >= xMin && p.x <= xMax && p.y >= yMin && p.y <= yMax }
    public var description: String { "x ∈ [\(xMin), \(xMax)], y ∈ [\(yMin), \(yMax)]" }
}

/// A known stationary point of a landscape.
public struct CriticalPoint: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case globalMinimum = "global minimum"
        case localMinimum = "local minimum"
        case saddle
        case maximum
    }
    public var point: Vec2
    public var kind: Kind
    public init(_ point: Vec2, _ kind: Kind) { self.point = point; self.kind = kind }
}

/// A named, numeric landscape parameter with its default (`--param NAME=VALUE`).
public struct LandscapeParameter: Hashable, Sendable {
    public var name: String
    public var defaultValue: Double
    public var summary: String
    /// Allowed values, inclusive; values outside are a user error.
    public var range: ClosedRange<Double>
    /// Whether the value must be a whole number (e.g. the RNN's sequence length).
    public var integer: Bool

    public init(_ name: String, default defaultValue: Double, _ summary: String,
                range: ClosedRange<Double> = -1e12...1e12, integer: Bool = false) {
        self.name = name; self.defaultValue = defaultValue; self.summary = summary
        self.range = range; self.integer = integer
    }
}

/// A loss surface f(x, y) over two parameters, with exact value, gradient and Hessian.
///
/// Conformers usually adopt ``FormulaLandscape`` and write the formula once, generically.
public protocol Landscape: Sendable {
    /// The catalogue name, e.g. `rosenbrock`.
    var name: String { get }
    /// The formula for display, with this instance's parameter values.
    var formula: String { get }
    /// The natural view box.
    var view: ViewBox { get }
    /// Known minima, saddles and maxima (empty when unknown).
    var criticalPoints: [CriticalPoint] { get }
    /// The global minima when they are a whole curve rather than a few points (nil otherwise).
    var minimalSet: MinimalSet? { get }
    /// This instance's parameter values by name.
    var parameters: [String: Double] { get }
    /// Where runners start when neither the scene nor `--start` says.
    var defaultStart: Vec2 { get }

    func value(at p: Vec2) -> Double
    func valueAndGradient(at p: Vec2) -> (value: Double, gradient: Vec2)
    /// Value, gradient and Hessian at once.
    func jet(at p: Vec2) -> Jet2

    /// The values at many points: `out[k] = value(at: points[k])`, bit for bit, for every k of
    /// `points` (`out` at least as long). The default loops over ``value(at:)``; a landscape
    /// whose value is costly (a network's slice) spreads the points over the cores.
    func values(at points: UnsafeBufferPointer<Vec2>, into out: UnsafeMutableBufferPointer<Double>)
    /// Roughly how many seconds one ``value(at:)`` takes on one core: 0 (the default) for a
    /// formula. The terminal draws the contours of a landscape whose whole field would take
    /// longer than a frame progressively (a coarse field first, the full one when it is ready).
    var valueCost: Double { get }
    /// What tells this landscape apart from another of the same name, formula and parameter
    /// values, for caches of what is drawn of it (a slice's plane and data); "" by default.
    var identity: String { get }
}

extension Landscape {
    public func values(at points: UnsafeBufferPointer<Vec2>, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(out.count >= points.count)
        for k in points.indices { out[k] = value(at: points[k]) }
    }
    public var valueCost: Double { 0 }
    public var identity: String { "" }
    public func gradient(at p: Vec2) -> Vec2 { valueAndGradient(at: p).gradient }
    public func hessian(at p: Vec2) -> Mat2 { jet(at: p).hessian }
    public var parameters: [String: Double] { [:] }
    public var criticalPoints: [CriticalPoint] { [] }
    public var minimalSet: MinimalSet? { nil }
    /// The least value the loss takes, where it is known: the minimal set's, else the value at a
    /// listed global minimum; nil when unknown (e.g. an expression). Convergence compares the
    /// loss with it before calling any point a local minimum.
    public var minimumValue: Double? {
        if let s = minimalSet { return s.value }
        return criticalPoints.first { $0.kind == .globalMinimum }.map { value(at: $0.point) }
    }
    /// Default: left of centre and high up in the view, away from the usual minima, rounded to
    /// a hundredth of the view so it reads well.
    public var defaultStart: Vec2 {
        let ux = view.width / 100, uy = view.height / 100
        return Vec2(((view.xMin + 0.2 * view.width) / ux).rounded() * ux, ((view.yMin + 0.8 * view.height) / uy).rounded() * uy)
    }
}

/// A landscape written once as a generic formula; value, gradient and Hessian follow by
/// forward-mode automatic differentiation (`Double`, `Dual2`, `Jet2`).
public protocol FormulaLandscape: Landscape {
    func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S
}

extension FormulaLandscape {
    @inlinable public func value(at p: Vec2) -> Double { f(p.x, p.y) }
    @inlinable public func valueAndGradient(at p: Vec2) -> (value: Double, gradient: Vec2) {
        let (x, y) = Dual2.variables(p)
        let r = f(x, y)
        return (r.value, r.gradient)
    }
    @inlinable public func jet(at p: Vec2) -> Jet2 {
        let (x, y) = Jet2.variables(p)
        return f(x, y)
    }
}

/// Something went wrong building a landscape from user input.
public struct LandscapeError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
