import CLAPACKE

/// Eigenvalues (and optionally eigenvectors) of a real symmetric matrix through LAPACK's
/// divide-and-conquer `dsyevd`: float64 throughout, every eigenvalue, orthonormal vectors.
public enum DenseEigen {
    /// A LAPACK failure (an info code other than 0), e.g. a matrix with NaN entries.
    public struct Failure: Error, CustomStringConvertible {
        public let routine: String
        public let info: Int32
        public var description: String { "LAPACK \(routine) failed (info \(info)); is the matrix finite?" }
    }

    /// The eigenvalues of the n × n symmetric matrix `a` (row-major; only its upper triangle is
    /// read), in descending order.
    public static func eigenvalues(_ a: [Double], n: Int) throws(Failure) -> [Double] {
        try decompose(a, n: n, vectors: false).values
    }

    /// Eigenvalues in descending order, and the matching unit eigenvectors as the rows of an n × n
    /// row-major matrix (`vectors[i*n ..< (i+1)*n]` belongs to `values[i]`).
    public static func decompose(_ a: [Double], n: Int, vectors: Bool = true) throws(Failure) -> (values: [Double], vectors: [Double]) {
        precondition(a.count == n * n)
        guard n > 0 else { return ([], []) }
        guard a.allSatisfy(\.isFinite) else { throw Failure(routine: "dsyevd", info: -5) }
        var m = a
        var w = [Double](repeating: 0, count: n)
        _ = Dense.prepared
        let info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, vectors ? 86 /* V */ : 78 /* N */, 85 /* U */, Int32(n), &m, Int32(n), &w)
        guard info == 0 else { throw Failure(routine: "dsyevd", info: info) }
        let values = Array(w.reversed())
        guard vectors else { return (values, []) }
        // Row-major output holds eigenvector k in column k; return them as rows, largest first.
        var rows = [Double](repeating: 0, count: n * n)
        for r in 0..<n {
            let k = n - 1 - r
            for i in 0..<n { rows[r * n + i] = m[i * n + k] }
        }
        return (values, rows)
    }
}
