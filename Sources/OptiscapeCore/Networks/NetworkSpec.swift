/// A multilayer perceptron: `torch.nn.Sequential(Linear, Act, Linear, Act, …, Linear)` with the
/// same activation between every two linear layers and none after the last.
///
/// Its parameters are one flat vector θ in the order of that module's `state_dict`:
/// `0.weight` ([out, in], row-major), `0.bias`, `2.weight`, `2.bias`, … — the linear layers sit at
/// the even indices of the `Sequential` (the activation modules, `Identity` for `linear`, at the
/// odd ones), so a model built that way in PyTorch saves exactly these names.
public struct NetworkSpec: Sendable, Hashable, CustomStringConvertible {
    /// Layer widths, input first: `[2, 16, 16, 2]`.
    public let sizes: [Int]
    public let activation: Activation
    public let loss: NetworkLossKind

    /// Errors in a layer-size text such as `2-16-x`.
    public struct SpecError: Error, CustomStringConvertible {
        public let description: String
    }

    public init(sizes: [Int], activation: Activation = .tanh, loss: NetworkLossKind = .crossEntropy) throws(SpecError) {
        guard sizes.count >= 2 else { throw SpecError(description: "a network needs at least two layer sizes (input-output), got \(sizes.count)") }
        if let bad = sizes.first(where: { $0 < 1 || $0 > 100_000 }) {
            throw SpecError(description: "layer size \(bad) is out of range 1…100000")
        }
        self.sizes = sizes
        self.activation = activation
        self.loss = loss
        guard parameterCount <= 10_000_000 else { throw SpecError(description: "network \(sizesText) has \(parameterCount) parameters; at most 10000000") }
    }

    /// Parses `2-16-16-2`.
    public init(parsing text: String, activation: Activation = .tanh, loss: NetworkLossKind = .crossEntropy) throws(SpecError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        var sizes: [Int] = []
        for p in parts {
            guard let n = Int(p) else { throw SpecError(description: "network '\(text)': '\(p)' is not a layer size (expected sizes like 2-16-16-2)") }
            sizes.append(n)
        }
        try self.init(sizes: sizes, activation: activation, loss: loss)
    }

    /// `2-16-16-2`.
    public var sizesText: String { sizes.map(String.init).joined(separator: "-") }
    public var description: String { "\(sizesText) \(activation.rawValue) \(loss.rawValue)" }

    public var inputs: Int { sizes[0] }
    public var outputs: Int { sizes[sizes.count - 1] }
    /// The number of linear layers.
    public var layerCount: Int { sizes.count - 1 }

    /// One linear layer's place in θ.
    public struct Layer: Sendable, Hashable {
        public let fanIn: Int
        public let fanOut: Int
        /// Offset of the weight matrix [fanOut, fanIn] (row-major) in θ.
        public let weightOffset: Int
        /// Offset of the bias [fanOut] in θ (right after the weights).
        public var biasOffset: Int { weightOffset + fanIn * fanOut }
        /// The `state_dict` names: `"\(2·l).weight"`, `"\(2·l).bias"`.
        public let weightName: String
        public let biasName: String
    }

    /// The linear layers in order, with their offsets in θ.
    public var layers: [Layer] {
        var out: [Layer] = []
        var offset = 0
        for l in 0..<layerCount {
            out.append(Layer(fanIn: sizes[l], fanOut: sizes[l + 1], weightOffset: offset,
                             weightName: "\(2 * l).weight", biasName: "\(2 * l).bias"))
            offset += (sizes[l] + 1) * sizes[l + 1]
        }
        return out
    }

    /// N, the length of θ.
    public var parameterCount: Int {
        (0..<(sizes.count - 1)).reduce(0) { $0 + (sizes[$1] + 1) * sizes[$1 + 1] }
    }

    /// Every tensor of the `state_dict` in θ order: name, shape, offset.
    public var tensors: [(name: String, shape: [Int], offset: Int)] {
        layers.flatMap { l in
            [(l.weightName, [l.fanOut, l.fanIn], l.weightOffset), (l.biasName, [l.fanOut], l.biasOffset)]
        }
    }
}
