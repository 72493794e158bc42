import Foundation

/// A number type a landscape formula can be written over once, generically, so that the same
/// source gives the value (`Double`), the exact gradient (`Dual2`) and the exact Hessian (`Jet2`)
/// by forward-mode automatic differentiation. Never finite differences.
///
/// Non-differentiable points use documented subgradients: `S.abs` has derivative 0 at 0,
/// `S.min`/`S.max` follow the first argument on ties.
public protocol AutoDiffScalar: Sendable {
    /// A constant (all derivatives zero).
    init(_ constant: Double)
    /// The primal value.
    var value: Double { get }

    static func + (l: Self, r: Self) -> Self
    static func - (l: Self, r: Self) -> Self
    static func * (l: Self, r: Self) -> Self
    static func / (l: Self, r: Self) -> Self
    static prefix func - (x: Self) -> Self

    static func + (l: Self, r: Double) -> Self
    static func - (l: Self, r: Double) -> Self
    static func * (l: Self, r: Double) -> Self
    static func / (l: Self, r: Double) -> Self

    /// Applies a scalar function given its value and first two derivatives at `value`:
    /// the chain rule of order 2 (`f'·g`, `f'·H + f''·g gᵀ`).
    func apply(_ f: Double, _ df: Double, _ d2f: Double) -> Self
}

extension AutoDiffScalar {
    @inlinable public static func + (l: Double, r: Self) -> Self { r + l }
    @inlinable public static func - (l: Double, r: Self) -> Self { -r + l }
    @inlinable public static func * (l: Double, r: Self) -> Self { r * l }
    /// `l / r` for a constant numerator; the value is the correctly rounded `l / r.value`, as
    /// with plain `Double`, so every scalar type computes the same primal bit for bit.
    @inlinable public static func / (l: Double, r: Self) -> Self {
        let v = r.value, q = l / v
        return r.apply(q, -q / v, 2 * q / (v * v))
    }

    @inlinable public var reciprocal: Self {
        let v = value
        return apply(1 / v, -1 / (v * v), 2 / (v * v * v))
    }
    @inlinable public var squared: Self { self * self }
}

// MARK: - Elementary functions

@inlinable public func sin<S: AutoDiffScalar>(_ x: S) -> S {
    let v = x.value, s = Foundation.sin(v)
    return x.apply(s, Foundation.cos(v), -s)
}
@inlinable public func cos<S: AutoDiffScalar>(_ x: S) -> S {
    let v = x.value, c = Foundation.cos(v)
    return x.apply(c, -Foundation.sin(v), -c)
}
@inlinable public func tan<S: AutoDiffScalar>(_ x: S) -> S {
    let t = Foundation.tan(x.value)
    let d = 1 + t * t
    return x.apply(t, d, 2 * t * d)
}
@inlinable public func exp<S: AutoDiffScalar>(_ x: S) -> S {
    let e = Foundation.exp(x.value)
    return x.apply(e, e, e)
}
/// Natural logarithm; NaN below 0, -inf at 0.
@inlinable public func log<S: AutoDiffScalar>(_ x: S) -> S {
    let v = x.value
    return x.apply(Foundation.log(v), 1 / v, -1 / (v * v))
}
/// Square root; NaN below 0.
@inlinable public func sqrt<S: AutoDiffScalar>(_ x: S) -> S {
    let r = x.value.squareRoot()
    return x.apply(r, 0.5 / r, -0.25 / (r * r * r))
}
@inlinable public func tanh<S: AutoDiffScalar>(_ x: S) -> S {
    let t = Foundation.tanh(x.value)
    let d = 1 - t * t
    return x.apply(t, d, -2 * t * d)
}
/// Logistic sigmoid σ(x) = 1 / (1 + e^(−x)), evaluated without overflow for large |x|.
@inlinable public func sigmoid<S: AutoDiffScalar>(_ x: S) -> S {
    let s = sigmoid(x.value)
    let d = s * (1 - s)
    return x.apply(s, d, d * (1 - 2 * s))
}
@inlinable public func sigmoid(_ v: Double) -> Double {
    if v >= 0 { return 1 / (1 + Foundation.exp(-v)) }
    let e = Foundation.exp(v)
    return e / (1 + e)
}
/// softplus(x) = log(1 + e^x), evaluated without overflow.
@inlinable public func softplus<S: AutoDiffScalar>(_ x: S) -> S {
    let v = x.value
    let sp = v > 0 ? v + Foundation.log1p(Foundation.exp(-v)) : Foundation.log1p(Foundation.exp(v))
    let s = sigmoid(v)
    return x.apply(sp, s, s * (1 - s))
}
/// x^p for a constant exponent. Integer exponents work for negative x.
@inlinable public func pow<S: AutoDiffScalar>(_ x: S, _ p: Double) -> S {
    let v = x.value
    if p == 0 { return S(1) }
    if p == 1 { return x }
    if p == 2 { return x * x }
    return x.apply(Foundation.pow(v, p), p * Foundation.pow(v, p - 1), p * (p - 1) * Foundation.pow(v, p - 2))
}
/// x^y with both varying: exp(y · log x); defined for x > 0.
@inlinable public func pow<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { exp(y * log(x)) }
extension AutoDiffScalar {
    /// |x|, with subgradient 0 at 0. (Static, so it never competes with `Swift.abs`.)
    @inlinable public static func abs(_ x: Self) -> Self {
        let v = x.value
        return x.apply(Swift.abs(v), v > 0 ? 1 : (v < 0 ? -1 : 0), 0)
    }
    /// The smaller argument; on a tie the first one (its derivatives are the subgradient used).
    @inlinable public static func min(_ a: Self, _ b: Self) -> Self { b.value < a.value ? b : a }
    /// The larger argument; on a tie the first one.
    @inlinable public static func max(_ a: Self, _ b: Self) -> Self { b.value > a.value ? b : a }
}

// MARK: - Double

extension Double: AutoDiffScalar {
    @inlinable public var value: Double { self }
    @inlinable public func apply(_ f: Double, _ df: Double, _ d2f: Double) -> Double { f }
}

// MARK: - First order

/// Value and gradient with respect to (x, y): forward-mode dual number.
public struct Dual2: AutoDiffScalar, Hashable {
    public var value: Double
    public var dx: Double
    public var dy: Double

    @inlinable public init(_ constant: Double) { value = constant; dx = 0; dy = 0 }
    @inlinable public init(value: Double, dx: Double, dy: Double) { self.value = value; self.dx = dx; self.dy = dy }
    /// The independent variables at a point.
    @inlinable public static func variables(_ p: Vec2) -> (Dual2, Dual2) {
        (Dual2(value: p.x, dx: 1, dy: 0), Dual2(value: p.y, dx: 0, dy: 1))
    }
    @inlinable public var gradient: Vec2 { Vec2(dx, dy) }

    @inlinable public static func + (l: Dual2, r: Dual2) -> Dual2 { Dual2(value: l.value + r.value, dx: l.dx + r.dx, dy: l.dy + r.dy) }
    @inlinable public static func - (l: Dual2, r: Dual2) -> Dual2 { Dual2(value: l.value - r.value, dx: l.dx - r.dx, dy: l.dy - r.dy) }
    @inlinable public static func * (l: Dual2, r: Dual2) -> Dual2 {
        Dual2(value: l.value * r.value, dx: l.dx * r.value + l.value * r.dx, dy: l.dy * r.value + l.value * r.dy)
    }
    @inlinable public static func / (l: Dual2, r: Dual2) -> Dual2 {
        // The value is l / r rounded once, exactly what `Double` computes (not l · (1/r)).
        let q = l.value / r.value
        let inv = 1 / r.value
        return Dual2(value: q, dx: (l.dx - q * r.dx) * inv, dy: (l.dy - q * r.dy) * inv)
    }
    @inlinable public static prefix func - (x: Dual2) -> Dual2 { Dual2(value: -x.value, dx: -x.dx, dy: -x.dy) }
    @inlinable public static func + (l: Dual2, r: Double) -> Dual2 { Dual2(value: l.value + r, dx: l.dx, dy: l.dy) }
    @inlinable public static func - (l: Dual2, r: Double) -> Dual2 { Dual2(value: l.value - r, dx: l.dx, dy: l.dy) }
    @inlinable public static func * (l: Dual2, r: Double) -> Dual2 { Dual2(value: l.value * r, dx: l.dx * r, dy: l.dy * r) }
    @inlinable public static func / (l: Dual2, r: Double) -> Dual2 { Dual2(value: l.value / r, dx: l.dx / r, dy: l.dy / r) }
    @inlinable public func apply(_ f: Double, _ df: Double, _ d2f: Double) -> Dual2 {
        Dual2(value: f, dx: df * dx, dy: df * dy)
    }
}

// MARK: - Second order

/// Value, gradient and Hessian with respect to (x, y): a second-order forward-mode jet.
public struct Jet2: AutoDiffScalar, Hashable {
    public var value: Double
    public var gx: Double, gy: Double
    public var hxx: Double, hxy: Double, hyy: Double

    @inlinable public init(_ constant: Double) { value = constant; gx = 0; gy = 0; hxx = 0; hxy = 0; hyy = 0 }
    @inlinable public init(value: Double, gx: Double, gy: Double, hxx: Double, hxy: Double, hyy: Double) {
        self.value = value; self.gx = gx; self.gy = gy; self.hxx = hxx; self.hxy = hxy; self.hyy = hyy
    }
    @inlinable public static func variables(_ p: Vec2) -> (Jet2, Jet2) {
        (Jet2(value: p.x, gx: 1, gy: 0, hxx: 0, hxy: 0, hyy: 0),
         Jet2(value: p.y, gx: 0, gy: 1, hxx: 0, hxy: 0, hyy: 0))
    }
    @inlinable public var gradient: Vec2 { Vec2(gx, gy) }
    @inlinable public var hessian: Mat2 { Mat2(symmetric: hxx, hxy, hyy) }

    @inlinable public static func + (l: Jet2, r: Jet2) -> Jet2 {
        Jet2(value: l.value + r.value, gx: l.gx + r.gx, gy: l.gy + r.gy,
             hxx: l.hxx + r.hxx, hxy: l.hxy + r.hxy, hyy: l.hyy + r.hyy)
    }
    @inlinable public static func - (l: Jet2, r: Jet2) -> Jet2 {
        Jet2(value: l.value - r.value, gx: l.gx - r.gx, gy: l.gy - r.gy,
             hxx: l.hxx - r.hxx, hxy: l.hxy - r.hxy, hyy: l.hyy - r.hyy)
    }
    @inlinable public static func * (l: Jet2, r: Jet2) -> Jet2 {
        Jet2(value: l.value * r.value,
             gx: l.gx * r.value + l.value * r.gx,
             gy: l.gy * r.value + l.value * r.gy,
             hxx: l.hxx * r.value + l.value * r.hxx + 2 * l.gx * r.gx,
             hxy: l.hxy * r.value + l.value * r.hxy + l.gx * r.gy + l.gy * r.gx,
             hyy: l.hyy * r.value + l.value * r.hyy + 2 * l.gy * r.gy)
    }
    @inlinable public static func / (l: Jet2, r: Jet2) -> Jet2 {
        // Derivatives by the product rule with 1/r; the value is l / r rounded once, exactly
        // what `Double` computes, so value, gradient and Hessian paths agree bit for bit.
        var j = l * r.reciprocal
        j.value = l.value / r.value
        return j
    }
    @inlinable public static prefix func - (x: Jet2) -> Jet2 {
        Jet2(value: -x.value, gx: -x.gx, gy: -x.gy, hxx: -x.hxx, hxy: -x.hxy, hyy: -x.hyy)
    }
    @inlinable public static func + (l: Jet2, r: Double) -> Jet2 {
        var j = l; j.value += r; return j
    }
    @inlinable public static func - (l: Jet2, r: Double) -> Jet2 {
        var j = l; j.value -= r; return j
    }
    @inlinable public static func * (l: Jet2, r: Double) -> Jet2 {
        Jet2(value: l.value * r, gx: l.gx * r, gy: l.gy * r, hxx: l.hxx * r, hxy: l.hxy * r, hyy: l.hyy * r)
    }
    @inlinable public static func / (l: Jet2, r: Double) -> Jet2 {
        Jet2(value: l.value / r, gx: l.gx / r, gy: l.gy / r, hxx: l.hxx / r, hxy: l.hxy / r, hyy: l.hyy / r)
    }
    @inlinable public func apply(_ f: Double, _ df: Double, _ d2f: Double) -> Jet2 {
        Jet2(value: f, gx: df * gx, gy: df * gy,
             hxx: df * hxx + d2f * gx * gx,
             hxy: df * hxy + d2f * gx * gy,
             hyy: df * hyy + d2f * gy * gy)
    }
}
