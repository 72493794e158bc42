import Foundation

/// PyTorch's element-wise tensor operations as the optimizers use them, one coordinate at a
/// time, with the rounding of PyTorch's portable CPU kernels: every product and sum rounded
/// on its own, in the order the kernels evaluate it.
///
/// (PyTorch's AVX2/AVX-512 kernels fuse some `a + s·b` into one FMA and x86 builds take
/// `sqrt` from MKL, which is not correctly rounded; both move the last bit now and then. We
/// follow the portable kernels with IEEE `sqrt` so that trajectories are bit-identical on
/// every machine. See Tests/OptiscapeCoreTests/Reference/torch_reference.py.)
enum TorchOps {
    // The scalar formulas: one element of each kernel. The vector forms below and
    // ``ParameterVector``'s in-place operations are built from these, so that the rounding is
    // written down once.

    /// One element of `a.add(b, alpha: s)`: a + s·b.
    @inline(__always) static func add(_ a: Double, _ b: Double, alpha s: Double) -> Double { a + s * b }

    /// One element of `a.addcmul(b, c, value: s)`: a + (s·b)·c.
    @inline(__always) static func addcmul(_ a: Double, _ b: Double, _ c: Double, value s: Double) -> Double {
        a + (s * b) * c
    }

    /// One element of `a.addcdiv(b, c, value: s)`: a + (s·b)/c.
    @inline(__always) static func addcdiv(_ a: Double, _ b: Double, _ c: Double, value s: Double) -> Double {
        a + (s * b) / c
    }

    /// One element of `a.lerp(b, weight: w)`: a + w·(b − a) for |w| < 0.5, else b − (b − a)·(1 − w).
    @inline(__always) static func lerp(_ a: Double, _ b: Double, _ w: Double) -> Double {
        Swift.abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)
    }

    /// One element of `torch.maximum`: the larger, NaN if either is NaN.
    @inline(__always) static func maximum(_ p: Double, _ q: Double) -> Double {
        p.isNaN || q.isNaN ? .nan : Swift.max(p, q)
    }

    /// One element of `a.sqrt()`: the correctly rounded (IEEE) square root, NaN below 0.
    /// (C `sqrt` rather than `squareRoot()`: the same value, and LLVM keeps it inline where the
    /// Swift shim behind `squareRoot()` was left as a call inside the generic rules.)
    @inline(__always) static func sqrt(_ a: Double) -> Double { Foundation.sqrt(a) }

    /// Python's `x ** y` on floats, which is C `pow` (as Swift's `Foundation.pow`).
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }

    /// `torch.linalg.vector_norm` (2-norm) of `count` elements `element(0)`, `element(1)`, …,
    /// summed as PyTorch's portable CPU kernel sums them: four lanes, lane j accumulating the
    /// squares of elements j, j + 4, j + 8, … of the whole groups of four, then lane 0 + lane 1
    /// + lane 2 + lane 3, then the remaining (up to three) squares one by one, then `sqrt`.
    /// (Up to seven elements this is the plain sum in order. Checked against PyTorch for
    /// 2 … 40 000 elements and matrix shapes; see Reference/torch_parameter_vectors.py.)
    @inline(__always) static func vectorNorm(count n: Int, _ element: (Int) -> Double) -> Double {
        var l0 = 0.0, l1 = 0.0, l2 = 0.0, l3 = 0.0
        var d = 0
        while d + 4 <= n {
            let a = element(d), b = element(d + 1), c = element(d + 2), e = element(d + 3)
            l0 += a * a; l1 += b * b; l2 += c * c; l3 += e * e
            d += 4
        }
        var sum = l0 + l1 + l2 + l3
        while d < n {
            let a = element(d)
            sum += a * a
            d += 1
        }
        return TorchOps.sqrt(sum)
    }

    /// `tensor.sum()` of `count` elements, summed in index order. This is PyTorch's order up to
    /// four elements (2-D points: exact); its vectorised kernel groups longer sums differently,
    /// which can move the last bit.
    @inline(__always) static func sum(count n: Int, _ element: (Int) -> Double) -> Double {
        var s = 0.0
        for i in 0..<n { s += element(i) }
        return s
    }

    // The kernels on whole vectors (2-D points or networks' θ).

    /// `a.add(b, alpha: s)` = a + s·b.
    @inline(__always) static func add<P: ParameterVector>(_ a: P, _ b: P, alpha s: Double) -> P {
        var r = a; r.add(b, alpha: s); return r
    }

    /// `a.addcmul(b, c, value: s)` = a + (s·b)·c.
    @inline(__always) static func addcmul<P: ParameterVector>(_ a: P, _ b: P, _ c: P, value s: Double) -> P {
        var r = a; r.addcmul(b, c, value: s); return r
    }

    /// `a.addcdiv(b, c, value: s)` = a + (s·b)/c.
    @inline(__always) static func addcdiv<P: ParameterVector>(_ a: P, _ b: P, _ c: P, value s: Double) -> P {
        var r = a; r.addcdiv(b, c, value: s); return r
    }

    /// `a.lerp(b, weight: w)`.
    @inline(__always) static func lerp<P: ParameterVector>(_ a: P, _ b: P, weight w: Double) -> P {
        var r = a; r.lerp(b, weight: w); return r
    }

    /// `a.sqrt()`, correctly rounded.
    @inline(__always) static func sqrt<P: ParameterVector>(_ a: P) -> P { var r = a; r.formSquareRoot(); return r }

    /// `a + s` for a scalar s.
    @inline(__always) static func add<P: ParameterVector>(_ a: P, scalar s: Double) -> P {
        var r = a; r.add(scalar: s); return r
    }

    /// Element-wise quotient.
    @inline(__always) static func divide<P: ParameterVector>(_ a: P, _ b: P) -> P { var r = a; r.divide(by: b); return r }

    /// `torch.maximum`: the larger element, NaN if either is NaN.
    @inline(__always) static func maximum<P: ParameterVector>(_ a: P, _ b: P) -> P {
        var r = a; r.formMaximum(b); return r
    }
}
