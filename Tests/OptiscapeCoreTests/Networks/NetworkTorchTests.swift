import Testing
@testable import OptiscapeCore

/// Loss, gradient, HVP and spectrum against PyTorch (NetworkTorchReference.swift, from
/// Reference/network_reference.py): one case per activation, both losses.
@Suite struct NetworkTorchTests {
    static func loss(_ c: NetworkTorchReference.Case) throws -> NetworkLoss {
        let spec = try NetworkSpec(sizes: c.sizes, activation: Activation(rawValue: c.activation)!, loss: NetworkLossKind(rawValue: c.loss)!)
        let targets: NetworkData.Targets = spec.loss == .crossEntropy ? .labels(c.y.map { Int($0) }) : .values(c.y, width: spec.outputs)
        return try NetworkLoss(spec: spec, data: NetworkData(features: c.x, featureCount: spec.inputs, targets: targets, source: c.name))
    }

    static func relative(_ a: [Double], _ b: [Double]) -> Double {
        NetworkFixtures.maxAbsDiff(a, b) / max(NetworkFixtures.maxAbs(b), 1e-300)
    }

    @Test(arguments: NetworkTorchReference.cases.map(\.name))
    func matchesPyTorch(_ name: String) throws {
        let c = NetworkTorchReference.cases.first { $0.name == name }!
        let loss = try Self.loss(c)
        #expect(loss.parameterCount == c.theta.count)
        let (value, gradient) = loss.valueAndGradient(c.theta)
        #expect(Swift.abs(value - c.value) <= 1e-14 * Swift.abs(c.value), "loss \(value) vs torch \(c.value)")
        #expect(Self.relative(gradient, c.gradient) <= 1e-12, "gradient")
        #expect(Self.relative(loss.hessianVectorProduct(c.theta, c.v), c.hv) <= 1e-12, "Hv")
        let spectrum = try loss.spectrum(c.theta)
        #expect(Self.relative(spectrum, c.eigenvalues) <= 1e-12, "spectrum")
    }
}
