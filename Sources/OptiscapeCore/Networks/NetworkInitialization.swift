/// The starting θ of a network without `--weights`: PyTorch's default `nn.Linear` initialisation,
/// `kaiming_uniform_(a=√5)` for the weights and U(−1/√fan_in, 1/√fan_in) for the biases — both
/// come to U(−1/√fan_in, 1/√fan_in) — drawn from ``SeededRNG`` in θ order. The distribution is
/// torch's; the random numbers are optiscape's own (torch's generator is not reproduced), so bring
/// a PyTorch model's exact initial weights with `--weights`.
public enum NetworkInitialization {
    public static func torchDefault(_ spec: NetworkSpec, seed: UInt64) -> [Double] {
        var rng = SeededRNG(seed: seed, stream: 0x6E6E_696E_6974) // "nninit"
        var theta = [Double](repeating: 0, count: spec.parameterCount)
        for layer in spec.layers {
            let bound = 1 / Double(layer.fanIn).squareRoot()
            for e in 0..<((layer.fanIn + 1) * layer.fanOut) {
                theta[layer.weightOffset + e] = (2 * rng.uniform() - 1) * bound
            }
        }
        return theta
    }
}
