import Foundation

/// The nonlinearity between two linear layers of a ``NetworkSpec``, with the exact first and
/// second derivatives that backpropagation and Hessian-vector products need. Each case follows
/// its `torch.nn` module in float64 (`Tanh`, `ReLU`, `Sigmoid`, `Softplus(beta=1, threshold=20)`,
/// `Identity`), including torch's choices at the kinks: ReLU's derivative at 0 is 0, and
/// Softplus is the identity (derivative 1) above 20. Tanh is ``NetworkTanh``'s, within an ulp of
/// the exact value (glibc's, which torch calls, is within about 2), vectorised over a layer.
public enum Activation: String, CaseIterable, Sendable, Hashable {
    case tanh, relu, sigmoid, softplus, linear

    /// σ(z), σ'(z), σ''(z).
    @inlinable
    public func evaluate(_ z: Double) -> (value: Double, first: Double, second: Double) {
        switch self {
        case .tanh:
            let t = NetworkTanh.value(z), d = 1 - t * t
            return (t, d, -2 * t * d)
        case .relu:
            return z > 0 ? (z, 1, 0) : (0, 0, 0)
        case .sigmoid:
            let s = Activation.logistic(z), d = s * (1 - s)
            return (s, d, d * (1 - 2 * s))
        case .softplus:
            if z > 20 { return (z, 1, 0) }
            let s = Activation.logistic(z)
            return (Foundation.log1p(Foundation.exp(z)), s, s * (1 - s))
        case .linear:
            return (z, 1, 0)
        }
    }

    /// σ(z) and σ'(z) (what a gradient needs), the same values as ``evaluate(_:)``'s.
    @inlinable
    public func evaluateFirst(_ z: Double) -> (value: Double, first: Double) {
        switch self {
        case .tanh:
            let t = NetworkTanh.value(z)
            return (t, 1 - t * t)
        case .relu:
            return z > 0 ? (z, 1) : (0, 0)
        case .sigmoid:
            let s = Activation.logistic(z)
            return (s, s * (1 - s))
        case .softplus:
            if z > 20 { return (z, 1) }
            return (Foundation.log1p(Foundation.exp(z)), Activation.logistic(z))
        case .linear:
            return (z, 1)
        }
    }

    /// 1/(1+e^−z) without overflow for large |z|.
    @inlinable
    static func logistic(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + Foundation.exp(-z)) }
        let e = Foundation.exp(z)
        return e / (1 + e)
    }

    /// Whether σ is positively homogeneous (σ(cz) = cσ(z) for c > 0), so that scaling one layer by c
    /// and the next by 1/c leaves the network's function unchanged.
    public var isPositivelyHomogeneous: Bool { self == .relu || self == .linear }
}

/// The training objective on the network's outputs, as the `torch.nn` loss of the same name with
/// `reduction='mean'`.
public enum NetworkLossKind: String, CaseIterable, Sendable, Hashable {
    /// `CrossEntropyLoss`: softmax over the outputs, integer class labels, mean over samples.
    case crossEntropy = "cross-entropy"
    /// `MSELoss`: squared error, mean over samples *and* outputs.
    case mse
}
