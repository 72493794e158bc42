import Foundation

/// A 2×2 matrix `[[a, b], [c, d]]` (row-major); Hessians are the symmetric case `b == c`.
public struct Mat2: Hashable, Sendable, CustomStringConvertible {
    public var a: Double, b: Double, c: Double, d: Double

    @inlinable public init(_ a: Double, _ b: Double, _ c: Double, _ d: Double) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }
    /// The symmetric matrix `[[xx, xy], [xy, yy]]`.
    @inlinable public init(symmetric xx: Double, _ xy: Double, _ yy: Double) {
        self.init(xx, xy, xy, yy)
    }

    public static let identity = Mat2(1, 0, 0, 1)

    @inlinable public var determinant: Double { a * d - b * c }
    @inlinable public var trace: Double { a + d }
    @inlinable public var isFinite: Bool { a.isFinite && b.isFinite && c.isFinite && d.isFinite }

    @inlinable public static func * (m: Mat2, v: Vec2) -> Vec2 { Vec2(m.a * v.x + m.b * v.y, m.c * v.x + m.d * v.y) }
    @inlinable public static func * (s: Double, m: Mat2) -> Mat2 { Mat2(s * m.a, s * m.b, s * m.c, s * m.d) }
    @inlinable public static func + (l: Mat2, r: Mat2) -> Mat2 { Mat2(l.a + r.a, l.b + r.b, l.c + r.c, l.d + r.d) }

    /// The inverse, or nil when the matrix is singular (determinant zero or not finite).
    @inlinable public var inverse: Mat2? {
        let det = determinant
        guard det != 0, det.isFinite else { return nil }
        return Mat2(d / det, -b / det, -c / det, a / det)
    }

    /// Solves `self · x = v`, or nil when the matrix is singular.
    @inlinable public func solve(_ v: Vec2) -> Vec2? {
        guard let inv = inverse else { return nil }
        let x = inv * v
        return x.isFinite ? x : nil
    }

    /// Eigen-decomposition of the symmetric part `(M + Mᵀ)/2`: eigenvalues ascending, with unit eigenvectors.
    public var symmetricEigen: SymmetricEigen { SymmetricEigen(self) }

    /// `gᵀ M g`.
    @inlinable public func quadraticForm(_ g: Vec2) -> Double { g.dot(self * g) }

    public var description: String { "[[\(a), \(b)], [\(c), \(d)]]" }
}

/// Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric 2×2 matrix.
public struct SymmetricEigen: Sendable, Hashable {
    /// Smaller and larger eigenvalue.
    public var values: (Double, Double) { (small, large) }
    public let small: Double
    public let large: Double
    /// Unit eigenvectors for `small` and `large`.
    public let smallVector: Vec2
    public let largeVector: Vec2

    public init(_ m: Mat2) {
        let p = m.a, q = (m.b + m.c) / 2, r = m.d
        let mean = (p + r) / 2
        let radius = ((p - r) / 2 * ((p - r) / 2) + q * q).squareRoot()
        // Take the eigenvalue of larger magnitude from the stable formula and the other
        // from the determinant, which avoids cancellation in mean ∓ radius.
        var lo: Double, hi: Double
        if mean >= 0 {
            hi = mean + radius
            lo = hi != 0 ? (p * r - q * q) / hi : 0
        } else {
            lo = mean - radius
            hi = lo != 0 ? (p * r - q * q) / lo : 0
        }
        if lo > hi { swap(&lo, &hi) }
        small = lo
        large = hi
        // Angle of the eigenvector of the larger eigenvalue.
        let theta = 0.5 * atan2(2 * q, p - r)
        largeVector = Vec2(cos(theta), sin(theta))
        smallVector = Vec2(-sin(theta), cos(theta))
    }

    /// Condition number |λ|max / |λ|min (infinity when an eigenvalue is zero).
    public var conditionNumber: Double {
        let a = abs(small), b = abs(large)
        let lo = min(a, b), hi = max(a, b)
        return lo == 0 ? .infinity : hi / lo
    }

    /// Rebuilds `Σ f(λᵢ) vᵢ vᵢᵀ`.
    public func reconstruct(_ f: (Double) -> Double) -> Mat2 {
        let fs = f(small), fl = f(large)
        let s = smallVector, l = largeVector
        return Mat2(fs * s.x * s.x + fl * l.x * l.x, fs * s.x * s.y + fl * l.x * l.y,
                    fs * s.x * s.y + fl * l.x * l.y, fs * s.y * s.y + fl * l.y * l.y)
    }

    public static func == (l: SymmetricEigen, r: SymmetricEigen) -> Bool {
        l.small == r.small && l.large == r.large && l.smallVector == r.smallVector && l.largeVector == r.largeVector
    }
    public func hash(into h: inout Hasher) { h.combine(small); h.combine(large) }
}
