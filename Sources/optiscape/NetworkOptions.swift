import ArgumentParser
import OptiscapeCore

extension Activation: ExpressibleByArgument {}
extension NetworkLossKind: ExpressibleByArgument {}
extension DirectionNormalization: ExpressibleByArgument {}
extension BatchOrder: ExpressibleByArgument {}

/// The model flags — a network, its data and its weights — shared by `hessian`, `slice` and
/// `trace --network` (whose seed comes from the simulation flags).
struct NetworkModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Layer sizes, input first: 2-16-16-2 (torch.nn.Sequential of Linear layers). Required by hessian and slice; trace trains this network instead of a landscape.", valueName: "sizes"))
    var network: String?

    @Option(help: "Activation between linear layers: tanh, relu, sigmoid, softplus, linear (default: tanh).")
    var activation: Activation?

    @Option(help: "Loss: cross-entropy (a 'label' column) or mse ('target' or 'target1', 'target2', … columns); torch's mean reduction (default: cross-entropy).")
    var loss: NetworkLossKind?

    @Option(help: ArgumentHelp("Training data: a CSV file with a header, or a generator: moons, circles, spirals, xor, blobs, e.g. moons:n=200,noise=0.2 (keys n, noise, k, factor, seed).", valueName: "file.csv|generator"))
    var data: String?

    @Option(help: ArgumentHelp("A validation set (CSV file or generator).", valueName: "file.csv"))
    var validation: String?

    @Option(name: .customLong("validation-split"), help: ArgumentHelp("Use the last fraction F of the training rows as the validation set.", valueName: "F"))
    var validationSplit: Double?

    @Option(help: ArgumentHelp("Weights (safetensors, F64 or F32, names 0.weight, 0.bias, 2.weight, …). Without it: PyTorch's default nn.Linear initialisation, U(−1/√fan_in, 1/√fan_in) for weights and biases, drawn from --seed (optiscape's generator, not torch's).", valueName: "file.safetensors"))
    var weights: String?

    /// The model flags given, by name (a 2-D trace takes none of them).
    var given: [String] {
        [("--network", network != nil), ("--activation", activation != nil), ("--loss", loss != nil), ("--data", data != nil),
         ("--validation", validation != nil), ("--validation-split", validationSplit != nil), ("--weights", weights != nil)]
            .filter(\.1).map(\.0)
    }

    /// --network and --data, which every network command needs (bad usage without them).
    func checkRequired() throws {
        if network == nil { throw ValidationError("Missing expected argument '--network <sizes>'") }
        if data == nil { throw ValidationError("Missing expected argument '--data <file.csv|generator>'") }
    }

    /// The network, data and θ; every input error as one line.
    func problem(seed: UInt64) throws -> NetworkProblem {
        try checkRequired()
        var flags = NetworkProblem.Flags(network: network!, data: data!)
        flags.activation = activation ?? .tanh
        flags.loss = loss ?? .crossEntropy
        flags.validation = validation
        flags.validationSplit = validationSplit
        flags.weights = weights
        flags.seed = seed
        return try NetworkProblem(flags)
    }
}

/// The model flags of `hessian` and `slice`: ``NetworkModelOptions`` and their own seed.
struct NetworkOptions: ParsableArguments {
    @OptionGroup var model: NetworkModelOptions

    @Option(parsing: .unconditional, help: "Seed for the initial weights, generated data and random directions (default 0).")
    var seed: UInt64 = 0

    func validate() throws { try model.checkRequired() }

    func problem() throws -> NetworkProblem { try model.problem(seed: seed) }
}
