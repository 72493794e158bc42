/// A network's parameters θ ∈ ℝᴺ: every tensor's elements back to back in one contiguous
/// `[Double]`, in `state_dict` order (a weight [out, in] row-major, then its bias, …), with
/// the ``TensorLayout`` that names them.
///
/// The optimizer rules update it in place, element by element, with PyTorch's rounding (see
/// ``ParameterVector``); tensors matter only to the rules that read ``layout``. Value
/// semantics: copies share storage until one is written.
public struct FlatVector: ParameterVector, Hashable, CustomStringConvertible {
    /// The elements, tensor after tensor.
    public var storage: [Double]
    /// The tensors the elements belong to.
    public let layout: TensorLayout

    /// A vector with these elements; `layout` defaults to one tensor `p` of shape [N].
    /// Precondition: the layout holds exactly `storage.count` elements.
    public init(_ storage: [Double], layout: TensorLayout? = nil) {
        let l = layout ?? .vector(storage.count)
        precondition(l.count == storage.count,
                     "layout holds \(l.count) elements, the vector \(storage.count)")
        self.storage = storage
        self.layout = l
    }

    /// A vector of `layout.count` copies of `value`.
    public init(repeating value: Double, layout: TensorLayout) {
        self.init([Double](repeating: value, count: layout.count), layout: layout)
    }

    public var count: Int { storage.count }

    public subscript(index: Int) -> Double {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    /// The elements of one tensor of ``layout``, by its index there.
    public func elements(ofTensor index: Int) -> ArraySlice<Double> {
        let t = layout.tensors[index]
        return storage[t.offset ..< t.offset + t.count]
    }

    public func filled(with value: Double) -> FlatVector { FlatVector(repeating: value, layout: layout) }

    @inline(__always) public mutating func formElementwise(_ f: (Double) -> Double) {
        storage.withUnsafeMutableBufferPointer { a in
            for i in a.indices { a[i] = f(a[i]) }
        }
    }

    @inline(__always) public mutating func formElementwise(_ b: FlatVector, _ f: (Double, Double) -> Double) {
        precondition(b.count == count, "element-wise operation on \(count) and \(b.count) elements")
        b.storage.withUnsafeBufferPointer { bb in
            storage.withUnsafeMutableBufferPointer { a in
                for i in a.indices { a[i] = f(a[i], bb[i]) }
            }
        }
    }

    @inline(__always) public mutating func formElementwise(_ b: FlatVector, _ c: FlatVector,
                                                           _ f: (Double, Double, Double) -> Double) {
        precondition(b.count == count && c.count == count,
                     "element-wise operation on \(count), \(b.count) and \(c.count) elements")
        b.storage.withUnsafeBufferPointer { bb in
            c.storage.withUnsafeBufferPointer { cc in
                storage.withUnsafeMutableBufferPointer { a in
                    for i in a.indices { a[i] = f(a[i], bb[i], cc[i]) }
                }
            }
        }
    }

    @inline(__always) public mutating func formElementwise(_ b: inout FlatVector, _ c: FlatVector,
                                                           _ f: (inout Double, inout Double, Double) -> Void) {
        precondition(b.count == count && c.count == count,
                     "element-wise operation on \(count), \(b.count) and \(c.count) elements")
        c.storage.withUnsafeBufferPointer { cc in
            b.storage.withUnsafeMutableBufferPointer { bb in
                storage.withUnsafeMutableBufferPointer { a in
                    for i in a.indices { f(&a[i], &bb[i], cc[i]) }
                }
            }
        }
    }

    /// `‖·‖ = 3.21 (N = 354)`; the elements themselves for N ≤ 4.
    public var short: String {
        if count <= 4 { return "(" + storage.map { $0.significant(3) }.joined(separator: ", ") + ")" }
        let n = TorchOps.vectorNorm(count: count) { storage[$0] }
        return "‖·‖ = \(n.significant(3)) (N = \(count))"
    }

    /// Nil: a network's θ is not a point of the plane (its projection is the slice's business).
    public var planar: Vec2? { nil }

    public var description: String { "FlatVector(\(storage))" }
}
