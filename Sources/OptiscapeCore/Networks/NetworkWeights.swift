import Foundation

/// θ to and from safetensors files, with the names and shapes of the network's `state_dict`
/// (``NetworkSpec/tensors``), and the two-direction files of `slice --directions FILE`.
public enum NetworkWeights {
    /// θ from the tensors of a weights file: exactly the network's tensors, each of its shape.
    public static func theta(_ tensors: [String: SafeTensors.Tensor], spec: NetworkSpec, path: String) throws(DataError) -> [Double] {
        let expected = spec.tensors
        let names = Set(expected.map(\.name))
        if let extra = tensors.keys.sorted().first(where: { !names.contains($0) }) {
            throw DataError(description: "\(path): unexpected tensor '\(extra)' (network \(spec.sizesText) has \(expected.map(\.name).joined(separator: ", ")))")
        }
        var theta = [Double](repeating: 0, count: spec.parameterCount)
        for t in expected {
            guard let found = tensors[t.name] else {
                throw DataError(description: "\(path): tensor '\(t.name)' is missing (network \(spec.sizesText) needs shape \(t.shape))")
            }
            guard found.shape == t.shape else {
                throw DataError(description: "\(path): tensor '\(t.name)' has shape \(found.shape), network \(spec.sizesText) needs \(t.shape)")
            }
            if let bad = found.values.firstIndex(where: { !$0.isFinite }) {
                throw DataError(description: "\(path): tensor '\(t.name)' entry \(bad) is \(found.values[bad]), not a finite number")
            }
            for (e, v) in found.values.enumerated() { theta[t.offset + e] = v }
        }
        return theta
    }

    /// θ from a weights file.
    public static func load(path: String, spec: NetworkSpec) throws(DataError) -> [Double] {
        try theta(SafeTensors.load(path: path), spec: spec, path: path)
    }

    /// The F64 safetensors bytes of θ, tensor by tensor in `state_dict` order.
    public static func encode(_ theta: [Double], spec: NetworkSpec) -> [UInt8] {
        precondition(theta.count == spec.parameterCount)
        return SafeTensors.encode(spec.tensors.map { t in
            (t.name, t.shape, Array(theta[t.offset..<(t.offset + t.shape.reduce(1, *))]))
        }, metadata: [("format", "pt"), ("network", spec.description)])
    }

    /// Two slice directions from a file holding tensors `x` and `y`, each of N values in θ order
    /// (shape [N], or any shape with N entries).
    public static func directions(_ tensors: [String: SafeTensors.Tensor], count n: Int, path: String) throws(DataError) -> (x: [Double], y: [Double]) {
        if let extra = tensors.keys.sorted().first(where: { $0 != "x" && $0 != "y" }) {
            throw DataError(description: "\(path): unexpected tensor '\(extra)' (a directions file holds 'x' and 'y')")
        }
        func one(_ name: String) throws(DataError) -> [Double] {
            guard let t = tensors[name] else { throw DataError(description: "\(path): tensor '\(name)' is missing (a directions file holds 'x' and 'y', shape [\(n)])") }
            guard t.values.count == n else { throw DataError(description: "\(path): tensor '\(name)' has shape \(t.shape), the network needs [\(n)]") }
            guard t.values.allSatisfy(\.isFinite) else { throw DataError(description: "\(path): tensor '\(name)' has a value that is not finite") }
            return t.values
        }
        return (try one("x"), try one("y"))
    }
}
