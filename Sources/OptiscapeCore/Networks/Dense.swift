import COpenBLAS

/// Row-major dense products through OpenBLAS's `cblas_dgemm` — the only matrix products the
/// network engine uses, so the speed is BLAS's and the code stays free of hand-written loops.
enum Dense {
    /// Set once, before the first BLAS or LAPACK call: OpenBLAS's kernels (``BLASKernels``),
    /// and OpenBLAS on the calling thread only — the network engine spreads its own work over
    /// the cores (slice rows, chunks of HVP directions), and OpenBLAS's pool spinning beside
    /// that doubled the CPU time of `hessian` for no gain in wall time (measured with
    /// `perf stat -e task-clock`).
    static let prepared: Void = {
        _ = BLASKernels.switched
        openblas_set_num_threads(1)
    }()

    /// C[m×n] = alpha · op(A) · op(B) + beta · C, all row-major; `op` transposes when asked.
    /// `lda`, `ldb`, `ldc` are the row strides of A, B, C as stored.
    @inline(__always)
    static func gemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                     alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
                     b: UnsafePointer<Double>, ldb: Int,
                     beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int) {
        _ = prepared
        guard m > 0, n > 0 else { return }
        if k == 0 {
            // BLAS leaves C untouched for k = 0 only when beta = 1; make beta = 0 exact.
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// The dot product of two vectors of equal length.
    static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count)
        _ = prepared
        return cblas_ddot(Int32(x.count), x, 1, y, 1)
    }
}

/// Which OpenBLAS kernels the products run on. Debian's OpenBLAS picks them for the CPU when it
/// loads, but falls back to its SSE3 "Prescott" kernels on a CPU newer than itself (0.3.21 on a
/// 2023 Xeon: half the speed of its AVX-512 ones for our products). Then, and only then, the
/// first product switches to the best family the CPU and OS support (SkylakeX for AVX-512,
/// Haswell for AVX2 + FMA), as `OPENBLAS_CORETYPE` would; a user's own `OPENBLAS_CORETYPE`
/// is obeyed. Kernels sum in different orders, so the last bits of a result can differ from
/// one kernel family, and so from one machine, to another.
public enum BLASKernels {
    /// Makes the choice now. A program calls it first thing, from its one thread: the switch sets
    /// and clears `OPENBLAS_CORETYPE`, which another thread's `getenv` must not race.
    public static func prepare() { _ = Dense.prepared }

    /// The family switched to at start-up, nil when OpenBLAS's own choice stood.
    public static let switched: String? = optiscape_blas_choose_kernel().map { String(cString: $0) }

    /// OpenBLAS's name of the kernels in use, and why, e.g. "SkylakeX (chosen here: OpenBLAS
    /// fell back to Prescott)".
    public static var summary: String {
        _ = Dense.prepared
        let core = String(cString: openblas_get_corename())
        if switched != nil { return core + " (chosen here: OpenBLAS fell back to Prescott)" }
        return core + (getenv("OPENBLAS_CORETYPE") != nil ? " (OPENBLAS_CORETYPE)" : " (OpenBLAS's choice)")
    }
}
