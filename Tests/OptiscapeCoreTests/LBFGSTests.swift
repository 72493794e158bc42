import Testing
@testable import OptiscapeCore

/// `lbfgs` against `torch.optim.LBFGS` (Reference/torch_lbfgs.py), bit for bit.
@Suite struct LBFGSTests {
    typealias Ref = TorchLBFGSReference

    /// f = Σ pᵢ⁴ − aᵢpᵢ²/2 + bᵢpᵢ in index order, g = 4p³ − a·p + b: the script's `quartic`.
    struct Quartic: Objective {
        static let a: [Double] = [1.3, 0.7, 1.9, 0.55, 1.1, 1.6, 0.9, 1.45, 0.8]
        static let b: [Double] = [0.2, -0.35, 0.1, 0.45, -0.05, 0.3, -0.25, 0.15, -0.4]
        func valueAndGradient(at p: FlatVector) -> (value: Double, gradient: FlatVector) {
            var f = 0.0
            var g = p
            for i in 0..<p.count {
                let x = p[i], a = Self.a[i], b = Self.b[i]
                f += x * x * x * x - a * x * x / 2 + b * x
                g[i] = 4.0 * x * x * x - a * x + b
            }
            return (f, g)
        }
        func hessian(at x: FlatVector) -> DiagonalCurvatureForTests { preconditionFailure("not used") }
    }

    /// How many doubles lie between a and b.
    static func ulps(_ a: Double, _ b: Double) -> Int {
        a == b ? 0 : Int(Swift.abs((a - b) / Swift.max(a.ulp, b.ulp)).rounded())
    }

    static let layout = TensorLayout([("0.weight", [3, 2]), ("0.bias", [3])])

    @Test(arguments: Ref.cases.map(\.name))
    func matchesTorchBitForBit(_ name: String) throws {
        let c = Ref.cases.first { $0.name == name }!
        let spec = OptimizerSpec(.lbfgs, c.hyper)
        if c.start.count == 2 {
            let landscape: any Landscape = c.loss == "rosenbrock" ? Rosenbrock() : Quadratic(kappa: 10, angle: 30)
            var rule = LBFGSRule<Vec2>(try spec.resolved())
            var x = Vec2(c.start[0], c.start[1])
            for (k, expected) in c.points.enumerated() {
                try rule.step(&x, gradient: landscape.gradient(at: x), lr: rule.hyperparameters.lr,
                              objective: LandscapeObjective(landscape))
                #expect([x.x, x.y] == expected, "\(name) step \(k + 1)")
            }
            #expect(rule.evaluations == c.funcEvals && rule.iterations == c.nIter, "\(name)")
        } else {
            var rule = LBFGSRule<FlatVector>(try spec.resolved())
            var x = FlatVector(c.start, layout: Self.layout)
            // PyTorch's `dot` of more than two elements is MKL's `ddot`, whose summation order (its
            // own vectorisation, chosen per CPU) is not specified; `abs().sum()` is vectorised too.
            // Those sums move the last bit of a direction now and then, so two ulps are allowed
            // here (measured: at most 1); 2-D points are compared bit for bit above.
            for (k, expected) in c.points.enumerated() {
                try rule.step(&x, gradient: Quartic().valueAndGradient(at: x).gradient, lr: rule.hyperparameters.lr,
                              objective: Quartic())
                let worst = zip(x.storage, expected).map { Self.ulps($0, $1) }.max()!
                #expect(worst <= 2, "\(name) step \(k + 1): \(worst) ulps")
            }
            #expect(rule.evaluations == c.funcEvals && rule.iterations == c.nIter, "\(name)")
        }
    }

    /// The 2-D optimizer records each step's inner iterates and (with strong Wolfe) the trials.
    @Test func recordsInnerIteratesAndTrials() throws {
        var plain = try OptimizerSpec(.lbfgs, Hyperparameters(maxIter: 5)).make()
        _ = plain.step(from: Vec2(-1.5, 2), gradient: Rosenbrock().gradient(at: Vec2(-1.5, 2)), lr: 1, landscape: Rosenbrock())
        #expect(plain.inspection.innerIterates.count == 5)
        #expect(plain.inspection.trialPoints.isEmpty)
        var wolfe = try OptimizerSpec(.lbfgs, Hyperparameters(lineSearch: true)).make()
        guard case .moved(let end) = wolfe.step(from: Vec2(-1.5, 2), gradient: Rosenbrock().gradient(at: Vec2(-1.5, 2)),
                                                lr: 1, landscape: Rosenbrock()) else { Issue.record("failed"); return }
        #expect(wolfe.inspection.innerIterates.last == end)
        #expect(wolfe.inspection.trialPoints.count >= wolfe.inspection.innerIterates.count)
    }
}
