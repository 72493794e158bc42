/// The curvature a second-order rule (Newton, saddle-free Newton) needs at a point: the
/// Hessian H of the loss, as a linear system to solve and a symmetric eigendecomposition.
///
/// Conformances: ``Mat2`` for 2-D landscapes (closed forms); for networks, a dense N×N
/// symmetric matrix backed by LAPACK (`dsysv`/`dposv` or an LU solve for ``solve(_:)``,
/// `dsyevd` for ``eigendecomposition()``), provided with the network loss. What a conformance must
/// guarantee:
/// - ``solve(_:)`` returns d with H·d = g, or nil when H is singular or so ill-conditioned that
///   d is not finite; ``singularityReason`` then says which, in one line.
/// - ``eigendecomposition()`` decomposes H = V·Λ·Vᵀ (H symmetric; a conformance may symmetrise).
/// - Nothing traps on NaN or infinity: callers check ``isFinite`` first.
public protocol Curvature: Sendable {
    associatedtype Vector: ParameterVector
    associatedtype Eigen: SymmetricEigendecomposition where Eigen.Vector == Vector

    /// Whether every entry is finite.
    var isFinite: Bool { get }
    /// H + λ·I (the Hessian of the loss plus PyTorch-style weight decay ½λ‖x‖²).
    func shifted(by lambda: Double) -> Self
    /// The solution d of H·d = g, or nil when there is none that is finite.
    func solve(_ g: Vector) -> Vector?
    /// Why ``solve(_:)`` gave nil: `singular Hessian (det = 0)`, `Hessian too close to singular …`.
    var singularityReason: String { get }
    /// H = V·Λ·Vᵀ.
    func eigendecomposition() -> Eigen
    /// The diagonal entry Hᵢᵢ = ∂²f/∂xᵢ² (coordinate descent's 1-D Newton).
    func diagonalEntry(_ i: Int) -> Double
}

/// A symmetric matrix's eigendecomposition H = V·Λ·Vᵀ, as the Newton family uses it.
public protocol SymmetricEigendecomposition: Sendable {
    associatedtype Vector: ParameterVector
    /// The smallest and the largest eigenvalue.
    var smallest: Double { get }
    var largest: Double { get }
    /// V·f(Λ)·Vᵀ·g: g with each eigen-component scaled by f of its eigenvalue (saddle-free
    /// Newton's |H|⁻¹g with f(λ) = 1/max(|λ|, δ)).
    func applying(_ f: (Double) -> Double, to g: Vector) -> Vector
}

extension Mat2: Curvature {
    public func shifted(by lambda: Double) -> Mat2 { self + lambda * Mat2.identity }

    /// `singular Hessian (det = 0)` or `Hessian too close to singular to invert (det = …)`.
    public var singularityReason: String {
        let det = determinant
        return det == 0 ? "singular Hessian (det = 0)"
                        : "Hessian too close to singular to invert (det = \(det.significant(3)))"
    }

    public func eigendecomposition() -> SymmetricEigen { symmetricEigen }

    public func diagonalEntry(_ i: Int) -> Double { i == 0 ? a : d }
}

extension SymmetricEigen: SymmetricEigendecomposition {
    public var smallest: Double { small }
    public var largest: Double { large }
    /// Rebuilds Σ f(λᵢ) vᵢvᵢᵀ and multiplies g by it.
    public func applying(_ f: (Double) -> Double, to g: Vec2) -> Vec2 { reconstruct(f) * g }
}

/// What a rule may ask about the loss besides the gradient it is handed: the loss and gradient
/// at other points (line searches, L-BFGS — PyTorch's `closure`) and the curvature (Newton).
///
/// For 2-D landscapes, ``LandscapeObjective``; for a network, its loss on the current batch.
/// First-order rules never call it.
public protocol Objective {
    associatedtype Vector: ParameterVector
    associatedtype Hessian: Curvature where Hessian.Vector == Vector
    /// f(x) and ∇f(x).
    func valueAndGradient(at x: Vector) -> (value: Double, gradient: Vector)
    /// The Hessian at x.
    func hessian(at x: Vector) -> Hessian
}

/// A 2-D landscape as an ``Objective``: exact values, gradients and Hessians.
public struct LandscapeObjective: Objective {
    public let landscape: any Landscape
    public init(_ landscape: any Landscape) { self.landscape = landscape }
    public func valueAndGradient(at x: Vec2) -> (value: Double, gradient: Vec2) { landscape.valueAndGradient(at: x) }
    public func hessian(at x: Vec2) -> Mat2 { landscape.hessian(at: x) }
}

/// The objective handed to rules that never read one (``UpdateRule/readsObjective`` false) on
/// 2-D points. Asking it anything is a programming error: it traps, naming the method.
public struct NoObjective: Objective {
    public init() {}
    public func valueAndGradient(at x: Vec2) -> (value: Double, gradient: Vec2) {
        preconditionFailure("NoObjective.valueAndGradient: a rule that reads its objective must set readsObjective")
    }
    public func hessian(at x: Vec2) -> Mat2 {
        preconditionFailure("NoObjective.hessian: a rule that reads its objective must set readsObjective")
    }
}
