import CNetworkTanh

/// The network engine's tanh: within one ulp of the exact value (glibc's, which torch calls, is
/// up to about 2 off) and several times faster than glibc's, whose `expm1` was three quarters
/// of a tanh net's forward pass (issue #15). The arithmetic is C's (`Sources/CNetworkTanh`,
/// where the method and its error are described): one branch-free function in plain double
/// arithmetic, its loops over a layer compiled for SSE2, AVX2 and AVX-512 and picked by the CPU
/// at run time, all giving the scalar function's bits. Every tanh the engine evaluates — values,
/// σ' and σ'' for training, slices, HVPs and Hessians — goes through it, so a slice's value and
/// a training loss at the same θ stay bit-identical on any x86-64.
@usableFromInline
enum NetworkTanh {
    /// tanh(x), within one ulp.
    @usableFromInline
    static func value(_ x: Double) -> Double { optiscape_tanh(x) }

    /// a[e] = tanh(z[e]) for e < count.
    @inline(__always)
    static func values(_ z: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>, count: Int) {
        optiscape_tanh_values(z, a, count)
    }

    /// a = tanh(z) and d1 = 1 − a² (σ').
    @inline(__always)
    static func values(_ z: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>,
                       first d1: UnsafeMutablePointer<Double>, count: Int) {
        optiscape_tanh_values_first(z, a, d1, count)
    }

    /// a = tanh(z), d1 = 1 − a² (σ') and d2 = −2·a·d1 (σ'').
    @inline(__always)
    static func values(_ z: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>,
                       first d1: UnsafeMutablePointer<Double>, second d2: UnsafeMutablePointer<Double>, count: Int) {
        optiscape_tanh_values_second(z, a, d1, d2, count)
    }

    /// The vector width (doubles) of the loops on this CPU: 8, 4 or 2.
    static var width: Int { Int(optiscape_tanh_width()) }

    /// ``values(_:into:count:)`` at a given width (narrowed to what the CPU has); the width used.
    static func values(atWidth width: Int, _ z: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>,
                       count: Int) -> Int {
        Int(optiscape_tanh_values_at_width(Int32(width), z, a, count))
    }
}
