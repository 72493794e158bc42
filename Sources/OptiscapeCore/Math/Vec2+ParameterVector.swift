/// A 2-D point as the parameters of a two-parameter model: one tensor of shape [2], x then y.
/// Every operation is written out on the two lanes, so the generic optimizer rules cost what
/// hand-written `Vec2` arithmetic costs.
extension Vec2: ParameterVector {
    /// The single tensor `p` of shape [2].
    public static let layout = TensorLayout.vector(2, name: "p")

    @inline(__always) public var count: Int { 2 }

    /// x at 0, y at 1.
    @inline(__always) public subscript(index: Int) -> Double {
        get { index == 0 ? x : y }
        set { if index == 0 { x = newValue } else { y = newValue } }
    }

    public var layout: TensorLayout { Vec2.layout }

    @inline(__always) public func filled(with value: Double) -> Vec2 { Vec2(value, value) }

    @inline(__always) public mutating func formElementwise(_ f: (Double) -> Double) {
        x = f(x); y = f(y)
    }

    @inline(__always) public mutating func formElementwise(_ b: Vec2, _ f: (Double, Double) -> Double) {
        x = f(x, b.x); y = f(y, b.y)
    }

    @inline(__always) public mutating func formElementwise(_ b: Vec2, _ c: Vec2, _ f: (Double, Double, Double) -> Double) {
        x = f(x, b.x, c.x); y = f(y, b.y, c.y)
    }

    @inline(__always) public mutating func formElementwise(_ b: inout Vec2, _ c: Vec2,
                                                           _ f: (inout Double, inout Double, Double) -> Void) {
        f(&x, &b.x, c.x); f(&y, &b.y, c.y)
    }

    /// `(1.23, -4.56e-05)`.
    public var short: String { "(\(x.significant(3)), \(y.significant(3)))" }

    @inline(__always) public var planar: Vec2? { self }

    /// √(‖g‖²): the norm of the one tensor's norm, as `clip_grad_norm_` stacks it (equal to
    /// ‖g‖ unless ‖g‖² overflows or underflows, where PyTorch gives ∞ or 0 too).
    @inline(__always) public var totalNorm: Double {
        let n = norm
        return TorchOps.sqrt(n * n)
    }
}
