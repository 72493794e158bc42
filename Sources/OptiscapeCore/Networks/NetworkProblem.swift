import Foundation

/// Everything the network commands share: the network, its training (and validation) data and
/// the starting θ — from the model flags `--network --activation --loss --data --validation
/// --validation-split --weights --seed`. All input errors surface here, before any work.
public struct NetworkProblem: Sendable {
    public let spec: NetworkSpec
    public let training: NetworkLoss
    public let validation: NetworkLoss?
    /// θ from `--weights`, else PyTorch's default initialisation from the seed.
    public let theta: [Double]
    /// Where θ came from: the weights file, or `init(seed=…)`.
    public let thetaSource: String
    public let seed: UInt64

    /// The model flags as given on the command line.
    public struct Flags: Sendable {
        public var network: String
        public var activation: Activation = .tanh
        public var loss: NetworkLossKind = .crossEntropy
        public var data: String
        public var validation: String?
        public var validationSplit: Double?
        public var weights: String?
        public var seed: UInt64 = 0
        public init(network: String, data: String) { self.network = network; self.data = data }
    }

    public init(_ flags: Flags) throws(DataError) {
        let spec: NetworkSpec
        do { spec = try NetworkSpec(parsing: flags.network, activation: flags.activation, loss: flags.loss) } catch {
            throw DataError(description: "--network: \(error.description)")
        }
        if flags.validation != nil && flags.validationSplit != nil {
            throw DataError(description: "--validation and --validation-split both give a validation set; use one")
        }
        var train = try Self.data(flags.data, loss: flags.loss, seed: flags.seed)
        var val: NetworkData?
        if let path = flags.validation { val = try Self.data(path, loss: flags.loss, seed: flags.seed &+ 1) }
        if let f = flags.validationSplit { (train, val) = try train.split(validationFraction: f) }
        self.spec = spec
        self.training = try NetworkLoss(spec: spec, data: train)
        self.validation = try val.map { v throws(DataError) in try NetworkLoss(spec: spec, data: v) }
        self.seed = flags.seed
        if let w = flags.weights {
            theta = try NetworkWeights.load(path: w, spec: spec)
            thetaSource = w
        } else {
            theta = NetworkInitialization.torchDefault(spec, seed: flags.seed)
            thetaSource = "init(seed=\(flags.seed))"
        }
    }

    /// A data argument: a generator (`moons:n=200,noise=0.2`) unless a file of that name exists, else a CSV file.
    public static func data(_ text: String, loss: NetworkLossKind, seed: UInt64) throws(DataError) -> NetworkData {
        if DataGenerator.names(text) && !FileManager.default.fileExists(atPath: text) {
            return try DataGenerator(parsing: text).generate(runSeed: seed, loss: loss)
        }
        return try NetworkCSV.load(path: text, loss: loss)
    }
}
