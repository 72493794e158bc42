import Testing
@testable import OptiscapeCore

/// The optimizer rules on networks' parameter vectors (``FlatVector``): the same code as the
/// 2-D engine, bit for bit against PyTorch on several tensors (numbers in
/// TorchParameterVectorReference.swift, from Reference/torch_parameter_vectors.py).
@Suite struct ParameterVectorTests {
    typealias Ref = TorchParameterVectorReference

    /// g = 4p³ − a·p + b, element by element, as the script computes it.
    static func gradient(_ p: FlatVector, _ a: [Double], _ b: [Double]) -> FlatVector {
        var g = p
        for i in 0..<p.count { g[i] = 4.0 * p[i] * p[i] * p[i] - a[i] * p[i] + b[i] }
        return g
    }

    @Test(arguments: Ref.cases.map(\.name))
    func multiTensorStepsMatchTorchExactly(_ name: String) throws {
        let ref = try #require(Ref.cases.first { $0.name == name })
        var theta = FlatVector(Ref.start, layout: Ref.layout)
        var rule = try ref.spec.makeRule(like: theta)
        for (k, expected) in ref.points.enumerated() {
            let g = Self.gradient(theta, Ref.a, Ref.b)
            try rule.step(&theta, gradient: g, lr: rule.hyperparameters.lr, objective: NoObjective.flat)
            #expect(theta.storage == expected, "\(name) step \(k + 1) vs torch.optim.\(ref.torch)")
        }
        #expect(rule.steps == ref.points.count)
    }

    @Test func clipGradNormOverSeveralTensorsMatchesTorchExactly() {
        for c in Ref.clips {
            var g = FlatVector(c.gradient, layout: c.layout)
            let norm = GradientTransforms.clipGradNorm(&g, maxNorm: c.maxNorm)
            #expect(norm == c.norm, "\(c.layout.tensors.map(\.shape))")
            #expect(g.storage == c.clipped, "\(c.layout.tensors.map(\.shape))")
        }
    }

    /// Every element-wise first-order rule on a vector of 2k elements equals k independent 2-D
    /// runs of the same rule on consecutive pairs: the rules are element-wise, one implementation.
    /// (Adafactor is not element-wise: its step size and clipping use whole-tensor norms.)
    /// (Muon does not run on points: its matrices are orthogonalised as wholes.)
    @Test(arguments: OptimizerKind.allCases.filter { $0.runsOnPoints && !$0.evaluatesObjective && $0 != .adafactor })
    func flatRuleEqualsTheRuleOnEachPair(_ kind: OptimizerKind) throws {
        let spec = OptimizerSpec(kind, kind.options.contains(.weightDecay) ? Hyperparameters(weightDecay: 0.05) : Hyperparameters())
        let start: [Double] = [0.3, -0.2, 0.5, 0.01, -0.7, 0.6]
        var theta = FlatVector(start)
        var rule = try spec.makeRule(like: theta)
        var pairs = stride(from: 0, to: start.count, by: 2).map { Vec2(start[$0], start[$0 + 1]) }
        var opts = try pairs.map { _ in try spec.make() }
        let landscape = Rosenbrock()
        for _ in 0..<12 {
            var g = theta
            for (j, p) in pairs.enumerated() {
                let gp = landscape.gradient(at: p)
                g[2 * j] = gp.x; g[2 * j + 1] = gp.y
                guard case .moved(let next) = opts[j].step(from: p, gradient: gp, lr: 0.001, landscape: landscape) else {
                    Issue.record("\(kind) failed"); return
                }
                pairs[j] = next
            }
            try rule.step(&theta, gradient: g, lr: 0.001, objective: NoObjective.flat)
            #expect(theta.isFinite && theta.storage == pairs.flatMap { [$0.x, $0.y] }, "\(kind)")
        }
    }

    @Test func noiseDrawsOneGaussianPerElementInOrder() {
        let t = GradientTransforms(noise: 0.5)
        var r1 = SeededRNG(seed: 9), r2 = SeededRNG(seed: 9)
        let flat = t.apply(to: FlatVector([1, -1]), rng: &r1)
        let point = t.apply(to: Vec2(1, -1), rng: &r2)
        #expect(flat.storage == [point.x, point.y])
    }

    @Test func layoutPlacesTensorsBackToBack() {
        let l = TensorLayout([("0.weight", [16, 2]), ("0.bias", [16]), ("2.weight", [2, 16]), ("2.bias", [2])])
        #expect(l.tensors.map(\.offset) == [0, 32, 48, 80])
        #expect(l.count == 82)
        let v = FlatVector(repeating: 1, layout: l)
        #expect(v.tensorNorms == [Double(32).squareRoot(), 4, Double(32).squareRoot(), Double(2).squareRoot()])
    }
}

extension NoObjective {
    /// A stand-in objective for first-order rules on flat vectors in tests.
    static var flat: FlatObjectiveForTests { FlatObjectiveForTests() }
}

/// First-order rules never ask; asking fails the test by trapping.
struct FlatObjectiveForTests: Objective {
    func valueAndGradient(at x: FlatVector) -> (value: Double, gradient: FlatVector) { preconditionFailure("not used") }
    func hessian(at x: FlatVector) -> DiagonalCurvatureForTests { preconditionFailure("not used") }
}

/// A diagonal Hessian, enough to type the flat objective in tests.
struct DiagonalCurvatureForTests: Curvature, SymmetricEigendecomposition {
    var diagonal: FlatVector
    var isFinite: Bool { diagonal.isFinite }
    func shifted(by lambda: Double) -> Self { var d = diagonal; d.add(scalar: lambda); return Self(diagonal: d) }
    func solve(_ g: FlatVector) -> FlatVector? { let d = TorchOps.divide(g, diagonal); return d.isFinite ? d : nil }
    var singularityReason: String { "singular Hessian" }
    func eigendecomposition() -> Self { self }
    func diagonalEntry(_ i: Int) -> Double { diagonal[i] }
    var smallest: Double { diagonal.storage.min() ?? 0 }
    var largest: Double { diagonal.storage.max() ?? 0 }
    func applying(_ f: (Double) -> Double, to g: FlatVector) -> FlatVector {
        var r = g
        for i in 0..<g.count { r[i] = g[i] * f(diagonal[i]) }
        return r
    }
}
