import Testing
@testable import OptiscapeCore

/// Muon (`torch.optim.Muon` on the weight matrices, `torch.optim.AdamW` on the other tensors)
/// against PyTorch with its Newton–Schulz run in float64 (TorchMuonReference.swift, from
/// Reference/torch_muon.py, which says what was patched), and its refusal of 2-D points.
@Suite struct MuonTests {
    typealias Ref = TorchMuonReference

    /// The steps of `ref` by optiscape's rule: per step, the largest |optiscape − torch| over
    /// all elements in units of the ulp of the largest |element| (rounding-level agreement is a
    /// few of these), and whether the AdamW-stepped elements (biases) agree bit for bit.
    static func distances(_ ref: Ref.Case) throws -> (ulps: [Double], biasesExact: [Bool]) {
        var theta = FlatVector(ref.start, layout: ref.layout)
        var rule = try ref.spec.makeRule(like: theta)
        var ulps: [Double] = [], exact: [Bool] = []
        let biases = ref.layout.tensors.filter { $0.shape.count != 2 }.flatMap { $0.offset ..< $0.offset + $0.count }
        for expected in ref.points {
            let g = ParameterVectorTests.gradient(theta, ref.a, ref.b)
            try rule.step(&theta, gradient: g, lr: rule.hyperparameters.lr, objective: NoObjective.flat)
            let scale = expected.map(abs).max()!.ulp
            ulps.append(zip(theta.storage, expected).map { abs($0 - $1) / scale }.max()!)
            exact.append(biases.allSatisfy { theta[$0] == expected[$0] })
        }
        #expect(rule.steps == ref.points.count)
        return (ulps, exact)
    }

    /// Every case, 8 steps: agreement to rounding. torch's CPU matrix products are not all
    /// summed in one order (`X @ X.T` and MKL's kernels for larger matrices differ from the
    /// in-order sum used here), and Newton–Schulz amplifies a rounding difference (its slope
    /// at 0 is a = 3.4445, five times over), so the trajectories are not bit for bit. The first
    /// step's biases (AdamW, before any weight has moved) are.
    @Test(arguments: Ref.cases.map(\.name))
    func matchesTorchToRounding(_ name: String) throws {
        let ref = try #require(Ref.cases.first { $0.name == name })
        let (ulps, exact) = try Self.distances(ref)
        #expect(ulps.max()! <= 4, "\(name) vs \(ref.torch): ulps of the largest element per step \(ulps)")
        #expect(exact[0], "\(name): the first step's biases are AdamW's, bit for bit")
    }

    @Test func referenceSetsEveryOptionAndCoversBothLrAdjustments() {
        for option in OptimizerKind.muon.options where option != .lr {
            #expect(Ref.cases.contains { $0.spec.hyper.isSet(option) }, "\(option.name) is never set")
        }
        #expect(Ref.cases.contains { $0.spec.hyper == Hyperparameters() })
        // Both orientations: a tall matrix (transposed for Newton–Schulz) and a wide one.
        #expect(Ref.cases.contains { $0.layout.tensors.contains { $0.shape.count == 2 && $0.shape[0] > $0.shape[1] } })
        #expect(Ref.cases.contains { $0.layout.tensors.contains { $0.shape.count == 2 && $0.shape[0] < $0.shape[1] } })
    }

    /// The biases are AdamW's: the bias elements after a Muon step are those of `adamw` with
    /// Muon's adamw-lr, betas, adamw-eps and adamw-weight-decay; the weights are not.
    @Test func biasesTakeAdamWAndWeightsDoNot() throws {
        let ref = Ref.cases.first { $0.spec.hyper.isSet(.adamwEps) }!
        let theta = FlatVector(ref.start, layout: ref.layout)
        let g = ParameterVectorTests.gradient(theta, ref.a, ref.b)
        let h = try ref.spec.resolved()
        var muon = try ref.spec.makeRule(like: theta)
        var adamw = try OptimizerSpec(.adamw, Hyperparameters(lr: h.adamwLr, beta1: h.beta1, beta2: h.beta2, eps: h.adamwEps,
                                                               weightDecay: h.adamwWeightDecay)).makeRule(like: theta)
        var a = theta, b = theta
        try muon.step(&a, gradient: g, lr: h.lr, objective: NoObjective.flat)
        try adamw.step(&b, gradient: g, lr: h.adamwLr, objective: NoObjective.flat)
        for t in ref.layout.tensors {
            let range = t.offset ..< t.offset + t.count
            if t.shape.count == 2 {
                #expect(Array(a.storage[range]) != Array(b.storage[range]), "\(t.name)")
            } else {
                #expect(Array(a.storage[range]) == Array(b.storage[range]), "\(t.name)")
            }
        }
    }

    /// A schedule scales the biases' AdamW learning rate by the factor it scales lr by.
    @Test func aScheduleScalesBothLearningRates() throws {
        let layout = TensorLayout([("0.weight", [3, 2]), ("0.bias", [3])])
        let theta = FlatVector([0.3, -0.2, 0.5, 0.1, -0.7, 0.6, 0.2, -0.4, 0.9], layout: layout)
        let g = FlatVector([0.1, 0.4, -0.3, 0.2, 0.5, -0.1, 0.3, -0.2, 0.6], layout: layout)
        let spec = OptimizerSpec(.muon, Hyperparameters(lr: 0.02, adamwLr: 0.01))
        var muon = try spec.makeRule(like: theta)
        var adamw = try OptimizerSpec(.adamw).makeRule(like: theta)
        var a = theta, b = theta
        try muon.step(&a, gradient: g, lr: 0.005, objective: NoObjective.flat)   // a quarter of lr
        try adamw.step(&b, gradient: g, lr: 0.0025, objective: NoObjective.flat)  // a quarter of adamw-lr
        #expect(Array(a.storage[6...]) == Array(b.storage[6...]))
        // The matrix moved by the quarter lr (original: √max(1, 3/2)·lr).
        // Nesterov's first update: B = lerp(0, g, 1 − μ), U = lerp(g, B, μ).
        let u = (0..<6).map { TorchOps.lerp(g[$0], TorchOps.lerp(0, g[$0], 1 - 0.95), 0.95) }
        let o = MuonRule<FlatVector>.newtonSchulz(u, rows: 3, columns: 2,
                                                  a: 3.4445, b: -4.7750, c: 2.0315, steps: 5, eps: 1e-7)
        let rate = 0.005 * (1.5).squareRoot()
        for i in 0..<6 { #expect(a[i] == theta[i] * (1 - 0.005 * 0.1) + (-rate) * o[i], "\(i)") }
    }

    /// Newton–Schulz makes the update nearly orthogonal: the singular values of O (the square
    /// roots of OᵀO's eigenvalues; here a 3 × 2 O, so a 2 × 2 OᵀO) lie in about [0.7, 1.2],
    /// whatever the scale of the input, and O is M's shape.
    @Test func newtonSchulzOrthogonalises() {
        for (scale, m) in [(1.0, [3.0, 1, -2, 0.5, 4, 4.5]), (1e-6, [1.0, 0, 0, 1e-3, 2, 2]), (1e6, [0.1, -5, 7, 2, 3, 1])] {
            let o = MuonRule<FlatVector>.newtonSchulz(m.map { $0 * scale }, rows: 3, columns: 2, a: 3.4445, b: -4.7750, c: 2.0315,
                                                        steps: 5, eps: 1e-7)
            #expect(o.count == 6)
            let p = o[0] * o[0] + o[2] * o[2] + o[4] * o[4], q = o[0] * o[1] + o[2] * o[3] + o[4] * o[5]
            let r = o[1] * o[1] + o[3] * o[3] + o[5] * o[5]
            let mean = (p + r) / 2, gap = ((p - r) * (p - r) / 4 + q * q).squareRoot()
            for eigenvalue in [mean - gap, mean + gap] {
                #expect(eigenvalue.squareRoot() > 0.6 && eigenvalue.squareRoot() < 1.25, "scale \(scale): σ = \(eigenvalue.squareRoot())")
            }
        }
    }

    @Test func adjustedLearningRates() {
        // original: √max(1, A/B); match_rms_adamw: 0.2·√max(A, B).
        #expect(MuonRule<FlatVector>.adjustedLearningRate(0.02, rows: 8, columns: 2, matchRMSAdamW: false) == 0.02 * 2)
        #expect(MuonRule<FlatVector>.adjustedLearningRate(0.02, rows: 2, columns: 8, matchRMSAdamW: false) == 0.02)
        #expect(MuonRule<FlatVector>.adjustedLearningRate(0.5, rows: 2, columns: 16, matchRMSAdamW: true) == 0.5 * (0.2 * 4))
    }

    @Test func defaultsAreTorchs() throws {
        let h = ResolvedHyperparameters.defaults(for: .muon)
        #expect(h.lr == 1e-3 && h.weightDecay == 0.1 && h.momentum == 0.95 && h.nesterov)
        #expect(h.nsA == 3.4445 && h.nsB == -4.7750 && h.nsC == 2.0315 && h.eps == 1e-7 && h.nsSteps == 5 && !h.adjustLrFn)
        // AdamW's own defaults for the biases.
        let w = ResolvedHyperparameters.defaults(for: .adamw)
        #expect(h.adamwLr == w.lr && h.beta1 == w.beta1 && h.beta2 == w.beta2 && h.adamwEps == w.eps && h.adamwWeightDecay == w.weightDecay)
    }

    @Test func badSettingsAreOneLineErrors() throws {
        func message(_ text: String) -> String {
            do { _ = try CommandLineScene.parseOptimizer(text); return "accepted" } catch { return "\(error)" }
        }
        #expect(message("muon:ns-steps=100") == "invalid ns-steps 100.0: must be a whole number from 0 to 99")
        #expect(message("muon:ns-steps=2.5") == "invalid ns-steps 2.5: must be a whole number from 0 to 99")
        #expect(message("muon:adamw-lr=-1") == "invalid adamw learning rate -1.0: must be ≥ 0")
        #expect(message("muon:adjust-lr-fn=sqrt") == "invalid value \"sqrt\" for adjust-lr-fn: expected match-rms-adamw or original")
        #expect(message("muon:ns-coefficients=1") == "ns-coefficients is a tuple in torch: give its parts ns-a, ns-b, ns-c")
        #expect(message("muon:ns-a=nan").hasPrefix("invalid ns-a nan"))
        #expect(message("adam:adamw-lr=0.1").hasPrefix("adam does not take adamw-lr"))
        // torch's names, and the choice words with underscores; momentum 0 with nesterov is torch's.
        let spec = try CommandLineScene.parseOptimizer("muon:adjust_lr_fn=match_rms_adamw,ns_steps=3,momentum=0")
        let h = try spec.resolved()
        #expect(h.adjustLrFn && h.nsSteps == 3 && h.momentum == 0 && h.nesterov)
        #expect(h.settings(for: .muon).contains { $0.option == .adjustLrFn && $0.text == "match-rms-adamw" })
    }

    /// A 2-D point has no matrix: one clear error, from the spec (the 2-D engine) and the rule.
    @Test func pointsAreRefused() {
        let expected = OptimizerKind.muon.refusalOnPoints
        #expect(throws: OptimizerError(expected)) { _ = try OptimizerSpec(.muon).make() }
        #expect(throws: OptimizerError(expected)) { _ = try OptimizerSpec(.muon).makeRule(like: Vec2.zero) }
        #expect(throws: OptimizerError(expected)) { _ = try OptimizerSpec(.muon).makeRule(like: FlatVector([1, 2, 3])) }
        #expect(OptimizerKind.allCases.filter { !$0.runsOnPoints } == [.muon])
        #expect(!expected.contains("\n") && expected.contains("--network"))
    }
}
