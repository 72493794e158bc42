import COpenBLAS
import CLAPACKE

/// A network's Hessian as the ``Curvature`` Newton and saddle-free Newton need: a dense N×N
/// symmetric matrix (``NetworkLoss/hessian(_:)``, exactly symmetric) with LAPACK behind it —
/// `dsysvx` (Bunch–Kaufman LDLᵀ with a condition estimate) for ``solve(_:)``, `dsyevd` for
/// ``eigendecomposition()``. The same ``NewtonRule`` runs on it as on a 2-D ``Mat2``.
public struct DenseHessian: Curvature {
    /// N.
    public let dimension: Int
    /// H, N×N row-major, symmetric.
    public private(set) var entries: [Double]
    /// The layout of the vectors H acts on (θ's).
    public let layout: TensorLayout

    /// A reciprocal condition number (1-norm, LAPACK's estimate) below this counts as singular:
    /// the solve would amplify rounding by more than 1/ε.
    public static let singularCondition = Double.ulpOfOne

    public init(entries: [Double], layout: TensorLayout) {
        precondition(entries.count == layout.count * layout.count, "a Hessian of \(entries.count) entries for \(layout.count) parameters")
        self.dimension = layout.count
        self.entries = entries
        self.layout = layout
    }

    public var isFinite: Bool { entries.allSatisfy(\.isFinite) }

    /// Hᵢᵢ.
    public func diagonalEntry(_ i: Int) -> Double { entries[i * dimension + i] }

    /// H + λ·I.
    public func shifted(by lambda: Double) -> DenseHessian {
        var h = self
        for i in 0..<dimension { h.entries[i * dimension + i] += lambda }
        return h
    }

    /// LAPACK's factorisation and solve: (info, rcond, x).
    private func factorAndSolve(_ b: [Double]) -> (info: Int32, rcond: Double, x: [Double]) {
        let n = Int32(dimension)
        guard n > 0 else { return (0, 1, []) }
        var a = entries, af = [Double](repeating: 0, count: entries.count)
        var ipiv = [Int32](repeating: 0, count: dimension)
        var rhs = b, x = [Double](repeating: 0, count: dimension)
        var rcond = 0.0, ferr = 0.0, berr = 0.0
        _ = Dense.prepared
        let info = LAPACKE_dsysvx(LAPACK_ROW_MAJOR, 78 /* N: factor here */, 85 /* U */, n, 1, &a, n, &af, n, &ipiv,
                                  &rhs, 1, &x, 1, &rcond, &ferr, &berr)
        return (info, rcond, x)
    }

    /// d with H·d = g, or nil when H is singular to working precision (rcond < ε) or d is not finite.
    public func solve(_ g: FlatVector) -> FlatVector? {
        precondition(g.count == dimension)
        let (info, rcond, x) = factorAndSolve(g.storage)
        guard info == 0, rcond >= Self.singularCondition, x.allSatisfy(\.isFinite) else { return nil }
        return FlatVector(x, layout: layout)
    }

    /// `singular Hessian (LAPACK dsysvx: D(i,i) = 0)` or `Hessian too close to singular to invert (rcond = …)`.
    public var singularityReason: String {
        let (info, rcond, _) = factorAndSolve([Double](repeating: 0, count: dimension))
        if info > 0 && info <= Int32(dimension) { return "singular Hessian (LAPACK dsysvx: D(\(info),\(info)) = 0)" }
        return "Hessian too close to singular to invert (rcond = \(rcond.significant(3)), N = \(dimension))"
    }

    /// H = V·Λ·Vᵀ by `dsyevd`. A LAPACK failure (which a finite symmetric matrix does not
    /// give in practice) yields NaN eigenvalues, so the Newton step reports it as not finite.
    public func eigendecomposition() -> DenseSymmetricEigen {
        if let (values, vectors) = try? DenseEigen.decompose(entries, n: dimension) {
            return DenseSymmetricEigen(values: values, vectors: vectors, layout: layout)
        }
        return DenseSymmetricEigen(values: [Double](repeating: .nan, count: dimension),
                                   vectors: [Double](repeating: 0, count: entries.count), layout: layout)
    }
}

/// H = V·Λ·Vᵀ for a ``DenseHessian``: eigenvalues descending, unit eigenvectors as the rows of V.
public struct DenseSymmetricEigen: SymmetricEigendecomposition {
    public let values: [Double]
    /// N×N row-major: row k is the eigenvector of `values[k]`.
    public let vectors: [Double]
    public let layout: TensorLayout

    public var smallest: Double { values.last ?? .nan }
    public var largest: Double { values.first ?? .nan }

    /// V·f(Λ)·Vᵀ·g: c = Vᵀg's components cₖ = vₖ·g, scaled by f(λₖ), recombined Σ cₖ vₖ (two `dgemv`).
    public func applying(_ f: (Double) -> Double, to g: FlatVector) -> FlatVector {
        let n = values.count
        precondition(g.count == n)
        guard n > 0 else { return g }
        var c = [Double](repeating: 0, count: n)
        _ = Dense.prepared
        cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(n), 1, vectors, Int32(n), g.storage, 1, 0, &c, 1)
        for k in 0..<n { c[k] *= f(values[k]) }
        var out = [Double](repeating: 0, count: n)
        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(n), Int32(n), 1, vectors, Int32(n), c, 1, 0, &out, 1)
        return FlatVector(out, layout: layout)
    }
}

/// A network's mean loss on a set of rows (the training set, or the current minibatch) as the
/// ``Objective`` the optimizer rules may ask: values and gradients elsewhere, and the full
/// Hessian (N exact Hessian-vector products) for Newton.
public struct NetworkObjective: Objective, Sendable {
    public let loss: NetworkLoss
    public let layout: TensorLayout
    public init(_ loss: NetworkLoss) {
        self.loss = loss
        self.layout = loss.spec.layout
    }
    public func valueAndGradient(at x: FlatVector) -> (value: Double, gradient: FlatVector) {
        let (v, g) = loss.valueAndGradient(x.storage)
        return (v, FlatVector(g, layout: layout))
    }
    public func hessian(at x: FlatVector) -> DenseHessian {
        DenseHessian(entries: loss.hessian(x.storage), layout: layout)
    }
}

extension NetworkSpec {
    /// θ's tensors as a ``TensorLayout``: `0.weight` [out, in], `0.bias` [out], … in `state_dict` order.
    public var layout: TensorLayout { TensorLayout(tensors.map { ($0.name, $0.shape) }) }
}
