/// What an optimizer rule updates: a model's parameters as one vector of doubles, element by
/// element. Two conformances: ``Vec2`` (a point of a two-parameter landscape) and
/// ``FlatVector`` (a network's θ ∈ ℝᴺ, one tensor after another in `state_dict` order).
///
/// Every optimizer rule is written once against this protocol (`AdamRule<P>`, `SGDRule<P>`,
/// …), so the 2-D engine and networks run the same code. The element-wise operations below
/// (``add(_:alpha:)``, ``addcmul(_:_:value:)``, ``lerp(_:weight:)``, …) are PyTorch's in-place
/// tensor kernels, with the rounding of its portable CPU kernels: every product and sum rounded
/// on its own, in the order the kernel evaluates it (see ``TorchOps``). Element-wise rules are
/// therefore the same whether PyTorch applies them per tensor or to the whole vector; rules
/// that look at a tensor's shape (Adafactor's row and column factors, clip-by-norm's per-tensor
/// norms) read ``layout``.
///
/// A conformance supplies storage access and the three `formElementwise` loops; everything
/// else is built on them in the extension, `@inline(__always)`, so that for ``Vec2`` the
/// generic rules compile to the same two-lane arithmetic as hand-written code.
public protocol ParameterVector: Sendable, Equatable {
    /// The number of scalar parameters.
    var count: Int { get }
    /// The element at a flat index (0 ..< count), in storage order.
    subscript(index: Int) -> Double { get set }
    /// The tensors this vector is made of, in order (a ``Vec2`` is one tensor of shape [2]).
    var layout: TensorLayout { get }
    /// A vector of the same shape and layout with every element `value` (`torch.full_like`).
    func filled(with value: Double) -> Self
    /// self[i] ← f(self[i]) for every i, in index order.
    mutating func formElementwise(_ f: (Double) -> Double)
    /// self[i] ← f(self[i], b[i]) for every i, in index order. `b` has the same count.
    mutating func formElementwise(_ b: Self, _ f: (Double, Double) -> Double)
    /// self[i] ← f(self[i], b[i], c[i]) for every i, in index order.
    mutating func formElementwise(_ b: Self, _ c: Self, _ f: (Double, Double, Double) -> Double)
    /// (self[i], b[i]) ← f(self[i], b[i], c[i]) for every i, in index order: two vectors updated
    /// in one pass (a rule's two moments from the gradient), where two passes would read c twice.
    mutating func formElementwise(_ b: inout Self, _ c: Self, _ f: (inout Double, inout Double, Double) -> Void)
    /// Short text for explain mode and messages: `(1.23, -4.56e-05)` for a point,
    /// `‖·‖ = 3.2 (N = 354)` for a long vector.
    var short: String { get }
    /// The vector as a point of the plane when it is one (``Vec2``), for explain mode's arrows.
    var planar: Vec2? { get }
    /// The total norm `torch.nn.utils.clip_grad_norm_` computes over this vector's tensors:
    /// the 2-norm of each tensor, then the 2-norm of those norms (PyTorch's
    /// `vector_norm(stack([vector_norm(g) for g in grads]))`, also for a single tensor), with
    /// PyTorch's summation order (``TorchOps/vectorNorm(count:_:)``). The default builds it
    /// from ``tensorNorms``.
    var totalNorm: Double { get }
}

extension ParameterVector {
    /// `torch.zeros_like`.
    @inline(__always) public func zerosLike() -> Self { filled(with: 0) }

    /// `self.add_(b, alpha: s)`: self + s·b.
    @inline(__always) public mutating func add(_ b: Self, alpha s: Double) {
        formElementwise(b) { TorchOps.add($0, $1, alpha: s) }
    }
    /// `self.add_(b)`: self + b.
    @inline(__always) public mutating func add(_ b: Self) { formElementwise(b) { $0 + $1 } }
    /// `self.sub_(b)`: self − b.
    @inline(__always) public mutating func subtract(_ b: Self) { formElementwise(b) { $0 - $1 } }
    /// `self.add_(s)` for a scalar s.
    @inline(__always) public mutating func add(scalar s: Double) { formElementwise { $0 + s } }
    /// `self.mul_(s)`.
    @inline(__always) public mutating func multiply(by s: Double) { formElementwise { $0 * s } }
    /// `self.mul_(b)`, element by element.
    @inline(__always) public mutating func multiply(by b: Self) { formElementwise(b) { $0 * $1 } }
    /// `self.div_(s)`.
    @inline(__always) public mutating func divide(by s: Double) { formElementwise { $0 / s } }
    /// `self.div_(b)`, element by element.
    @inline(__always) public mutating func divide(by b: Self) { formElementwise(b) { $0 / $1 } }
    /// `self.addcmul_(b, c, value: s)`: self + (s·b)·c.
    @inline(__always) public mutating func addcmul(_ b: Self, _ c: Self, value s: Double) {
        formElementwise(b, c) { TorchOps.addcmul($0, $1, $2, value: s) }
    }
    /// `self.addcdiv_(b, c, value: s)`: self + (s·b)/c.
    @inline(__always) public mutating func addcdiv(_ b: Self, _ c: Self, value s: Double) {
        formElementwise(b, c) { TorchOps.addcdiv($0, $1, $2, value: s) }
    }
    /// `self.lerp_(b, weight: w)`.
    @inline(__always) public mutating func lerp(_ b: Self, weight w: Double) {
        formElementwise(b) { TorchOps.lerp($0, $1, w) }
    }
    /// `self.sqrt_()`, correctly rounded.
    @inline(__always) public mutating func formSquareRoot() { formElementwise { TorchOps.sqrt($0) } }
    /// `torch.maximum(self, b, out: self)`: NaN where either is NaN.
    @inline(__always) public mutating func formMaximum(_ b: Self) { formElementwise(b) { TorchOps.maximum($0, $1) } }

    /// The element-wise (Hadamard) product.
    @inline(__always) public func hadamard(_ b: Self) -> Self { var r = self; r.multiply(by: b); return r }
    /// self·s, as a new vector.
    @inline(__always) public func scaled(by s: Double) -> Self { var r = self; r.multiply(by: s); return r }
    /// self − b, as a new vector.
    @inline(__always) public func minus(_ b: Self) -> Self { var r = self; r.subtract(b); return r }
    /// self + b, as a new vector.
    @inline(__always) public func plus(_ b: Self) -> Self { var r = self; r.add(b); return r }

    /// Σ self[i]·b[i], summed in index order (the 2-D case of `torch.dot`).
    public func dot(_ b: Self) -> Double {
        var s = 0.0
        for i in 0..<count { s += self[i] * b[i] }
        return s
    }

    /// Whether every element is finite.
    public var isFinite: Bool {
        for i in 0..<count where !self[i].isFinite { return false }
        return true
    }

    /// The 2-norm of each tensor of ``layout`` as `torch.linalg.vector_norm` computes it.
    public var tensorNorms: [Double] {
        layout.tensors.map { t in TorchOps.vectorNorm(count: t.count) { self[t.offset + $0] } }
    }

    /// ``ParameterVector/totalNorm``: the norm of ``tensorNorms``.
    public var totalNorm: Double {
        let norms = tensorNorms
        return TorchOps.vectorNorm(count: norms.count) { norms[$0] }
    }
}

/// The shapes of the tensors a parameter vector is made of, in storage order, with their
/// names: for a network, `torch.nn.Sequential`'s `state_dict` (`0.weight` [16, 2] row-major,
/// `0.bias` [16], …). Rules that treat a tensor by its shape (Adafactor factors matrices;
/// clip-by-norm takes per-tensor norms first) read it; element-wise rules ignore it.
public struct TensorLayout: Hashable, Sendable, Codable {
    /// One tensor: its name, shape, and where its elements start in the flat vector.
    public struct Tensor: Hashable, Sendable, Codable {
        public var name: String
        public var shape: [Int]
        /// Index of its first element in the flat vector.
        public var offset: Int
        /// The product of the shape (1 for a scalar tensor of shape []).
        public var count: Int { shape.reduce(1, *) }
        public init(name: String, shape: [Int], offset: Int) {
            self.name = name; self.shape = shape; self.offset = offset
        }
    }

    /// The tensors, in storage order, back to back.
    public let tensors: [Tensor]

    /// Tensors given by name and shape, placed back to back from offset 0.
    /// Precondition: no dimension is negative.
    public init(_ shapes: [(name: String, shape: [Int])]) {
        var offset = 0
        var tensors: [Tensor] = []
        for (name, shape) in shapes {
            precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(name) \(shape)")
            let t = Tensor(name: name, shape: shape, offset: offset)
            tensors.append(t)
            offset += t.count
        }
        self.tensors = tensors
    }

    /// One tensor named `name` of shape [n].
    public static func vector(_ n: Int, name: String = "p") -> TensorLayout { TensorLayout([(name, [n])]) }

    /// The total number of elements.
    public var count: Int { tensors.last.map { $0.offset + $0.count } ?? 0 }
}
