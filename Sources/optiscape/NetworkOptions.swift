import ArgumentParser
import OptiscapeCore

extension Activation: ExpressibleByArgument {}
extension NetworkLossKind: ExpressibleByArgument {}
extension DirectionNormalization: ExpressibleByArgument {}

/// The model flags of `hessian` and `slice`: a network, its data and its weights.
struct NetworkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Layer sizes, input first: 2-16-16-2 (torch.nn.Sequential of Linear layers).", valueName: "sizes"))
    var network: String

    @Option(help: "Activation between linear layers: tanh, relu, sigmoid, softplus, linear.")
    var activation: Activation = .tanh

    @Option(help: "Loss: cross-entropy (a 'label' column) or mse ('target' or 'target1', 'target2', … columns); torch's mean reduction.")
    var loss: NetworkLossKind = .crossEntropy

    @Option(help: ArgumentHelp("Training data: a CSV file with a header, or a generator: moons, circles, spirals, xor, blobs, e.g. moons:n=200,noise=0.2 (keys n, noise, k, factor, seed).", valueName: "file.csv|generator"))
    var data: String

    @Option(help: ArgumentHelp("A validation set (CSV file or generator).", valueName: "file.csv"))
    var validation: String?

    @Option(name: .customLong("validation-split"), help: ArgumentHelp("Use the last fraction F of the training rows as the validation set.", valueName: "F"))
    var validationSplit: Double?

    @Option(help: ArgumentHelp("Weights (safetensors, F64 or F32, names 0.weight, 0.bias, 2.weight, …). Without it: PyTorch's default nn.Linear initialisation, U(−1/√fan_in, 1/√fan_in) for weights and biases, drawn from --seed (optiscape's generator, not torch's).", valueName: "file.safetensors"))
    var weights: String?

    @Option(parsing: .unconditional, help: "Seed for the initial weights, generated data and random directions (default 0).")
    var seed: UInt64 = 0

    /// The network, data and θ; every input error as one line.
    func problem() throws -> NetworkProblem {
        var flags = NetworkProblem.Flags(network: network, data: data)
        flags.activation = activation
        flags.loss = loss
        flags.validation = validation
        flags.validationSplit = validationSplit
        flags.weights = weights
        flags.seed = seed
        return try NetworkProblem(flags)
    }
}
