/// The loss alone at many θ, for slices: a forward pass without derivatives into a workspace
/// kept from point to point (no allocation per point).
extension NetworkLoss {
    /// L(θ) as ``value(_:)`` computes it, bit for bit (the same products in the same order),
    /// with the pass's arrays kept in `workspace`.
    public func value(_ theta: UnsafePointer<Double>, workspace: inout NetworkWorkspace) -> Double {
        forward(theta, derivatives: false, into: &workspace.forward)
        return workspace.forward.z[layers.count - 1].withUnsafeBufferPointer { head.value($0.baseAddress!) }
    }

    /// The same for θ as an array (a held-out loss along a run, its arrays kept step to step).
    public func value(_ theta: [Double], workspace: inout NetworkWorkspace) -> Double {
        theta.withUnsafeBufferPointer { value($0.baseAddress!, workspace: &workspace) }
    }
}

extension Activation {
    /// a = σ(z) over `count` values, one loop per activation (the values of ``evaluate(_:)``).
    @inline(__always)
    func values(_ z: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>, count: Int) {
        switch self {
        case .tanh: NetworkTanh.values(z, into: a, count: count)
        case .relu: for e in 0..<count { a[e] = z[e] > 0 ? z[e] : 0 }
        case .linear: a.update(from: z, count: count)
        default: for e in 0..<count { a[e] = evaluate(z[e]).value }
        }
    }
}
