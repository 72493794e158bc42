/// A training (or validation) set in memory: n rows of d features, and per row either a class
/// label (for cross-entropy) or k regression targets (for mse).
public struct NetworkData: Sendable, Hashable {
    /// What each row is trained towards.
    public enum Targets: Sendable, Hashable {
        /// Class indices 0…C−1, one per row.
        case labels([Int])
        /// k values per row, row-major (n × k).
        case values([Double], width: Int)
    }

    /// n × d, row-major.
    public let features: [Double]
    public let featureCount: Int
    public let targets: Targets
    /// Where the rows came from (a file path or a generator spec), for messages.
    public let source: String

    public init(features: [Double], featureCount: Int, targets: Targets, source: String) {
        precondition(featureCount > 0 && features.count % featureCount == 0)
        self.features = features
        self.featureCount = featureCount
        self.targets = targets
        self.source = source
        precondition(rowCountOfTargets == features.count / featureCount)
    }

    /// n.
    public var count: Int { features.count / featureCount }

    private var rowCountOfTargets: Int {
        switch targets {
        case .labels(let y): return y.count
        case .values(let t, let k): return k == 0 ? 0 : t.count / k
        }
    }

    /// The rows at `indices`, in that order (a minibatch).
    public func rows(_ indices: [Int]) -> NetworkData {
        let d = featureCount
        var f: [Double] = []
        f.reserveCapacity(indices.count * d)
        for i in indices { f.append(contentsOf: features[(i * d)..<((i + 1) * d)]) }
        switch targets {
        case .labels(let y):
            return NetworkData(features: f, featureCount: d, targets: .labels(indices.map { y[$0] }), source: source)
        case .values(let t, let k):
            var v: [Double] = []
            v.reserveCapacity(indices.count * k)
            for i in indices { v.append(contentsOf: t[(i * k)..<((i + 1) * k)]) }
            return NetworkData(features: f, featureCount: d, targets: .values(v, width: k), source: source)
        }
    }

    /// The first rows and the last `fraction` of the rows (`--validation-split`): (training, validation).
    public func split(validationFraction fraction: Double) throws(DataError) -> (NetworkData, NetworkData) {
        guard fraction > 0, fraction < 1 else {
            throw DataError(description: "--validation-split must be in (0, 1), got \(fraction)")
        }
        let nVal = Int((Double(count) * fraction).rounded())
        guard nVal >= 1, nVal < count else {
            throw DataError(description: "--validation-split \(fraction) of \(count) rows leaves \(count - nVal) training and \(nVal) validation rows; each needs at least one")
        }
        let cut = count - nVal
        return (rows(Array(0..<cut)), rows(Array(cut..<count)))
    }

    /// Checks that a network fits this data: its inputs are the feature count, and its outputs hold
    /// every class (cross-entropy) or match the target width (mse). The message says which part differs.
    public func check(fits spec: NetworkSpec) throws(DataError) {
        guard spec.inputs == featureCount else {
            throw DataError(description: "network \(spec.sizesText) takes \(spec.inputs) input\(spec.inputs == 1 ? "" : "s") but \(source) has \(featureCount) feature column\(featureCount == 1 ? "" : "s")")
        }
        switch (spec.loss, targets) {
        case (.crossEntropy, .labels(let y)):
            let classes = (y.max() ?? -1) + 1
            guard classes <= spec.outputs else {
                throw DataError(description: "network \(spec.sizesText) has \(spec.outputs) output\(spec.outputs == 1 ? "" : "s") but \(source) has labels up to \(classes - 1) (\(classes) classes)")
            }
        case (.mse, .values(_, let k)):
            guard k == spec.outputs else {
                throw DataError(description: "network \(spec.sizesText) has \(spec.outputs) output\(spec.outputs == 1 ? "" : "s") but \(source) has \(k) target column\(k == 1 ? "" : "s")")
            }
        case (.crossEntropy, .values):
            throw DataError(description: "--loss cross-entropy needs a 'label' column, but \(source) has target columns (use --loss mse)")
        case (.mse, .labels):
            throw DataError(description: "--loss mse needs 'target' columns, but \(source) has a 'label' column (use --loss cross-entropy)")
        }
    }
}

/// A data problem, as one line that names the file (or generator), and the line and field where it has them.
public struct DataError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(description: String) { self.description = description }
}
