import Testing
@testable import OptiscapeCore
@testable import OptiscapeRender

/// The inside panel analyses the step the selected runner will really take (issue #13): its
/// Taylor terms, Δf ≈ and exact Δf are those of that step, and a plain gradient step appears
/// only as a labelled comparison.
@Suite struct InsidePanelTruthTests {
    /// The ill-conditioning lesson as it stood when the issue was filed: κ = 100 at 30°, from
    /// (−2.5, 1.5); sgd, sgd too fast, momentum (lr 0.03, μ 0.7), newton.
    static func illConditioning() throws -> AppState {
        let start = Vec2(-2.5, 1.5)
        let scene = Scene(
            title: "Ill-conditioning", section: "8.2.1", description: "",
            landscape: .builtIn(name: "quadratic", parameters: ["kappa": 100, "angle": 30]),
            runners: [
                RunnerConfig(label: "sgd", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.019)), start: start),
                RunnerConfig(label: "momentum", optimizer: OptimizerSpec(.momentum, Hyperparameters(lr: 0.03, momentum: 0.7)),
                             start: start),
                RunnerConfig(label: "adam", optimizer: OptimizerSpec(.adam, Hyperparameters(lr: 0.1)), start: start),
                RunnerConfig(label: "newton", optimizer: OptimizerSpec(.newton), start: start),
                RunnerConfig(label: "sfn", optimizer: OptimizerSpec(.saddleFreeNewton), start: start),
            ])
        var state = try AppState(scene: scene)
        state.reduce(.toggleInsidePanel)
        return state
    }

    static func panel(_ s: AppState) -> [String] {
        let text = ScreenGoldenTests.render(s, 160, 60).plainText
        let lines = text.split(separator: "\n").map(String.init)
        guard let top = lines.firstIndex(where: { $0.contains("Inside · ") }) else { return [] }
        let head = lines[top]
        let column = head.distance(from: head.startIndex, to: head.range(of: "Inside · ")!.lowerBound)
        return lines[top...].map { String(Array($0).dropFirst(column)).trimmingCharacters(in: .whitespaces) }
    }

    static func value(_ lines: [String], _ key: String) -> String? {
        lines.first { $0.hasPrefix(key + " ") }.map { String($0.dropFirst(key.count)).trimmingCharacters(in: .whitespaces) }
    }

    /// The repro: after 20 steps momentum's real step goes down (1.93 → 1.02) while the plain
    /// gradient step of its lr would go up. The panel used to analyse −εg and say "this step goes up".
    @Test func momentumShowsItsOwnStep() throws {
        var s = try Self.illConditioning()
        s.reduce(.step(20))
        s.reduce(.selectNext)
        let r = try #require(s.selectedRunner)
        #expect(r.config.label == "momentum")
        var after = s
        after.reduce(.step(1))
        let realChange = after.simulation.runners[1].loss - r.loss
        #expect(realChange < -0.5)

        let lines = Self.panel(s)
        #expect(lines.contains { $0.hasPrefix("next step Δx = −lr·b") }, "\(lines)")
        #expect(!lines.contains { $0.contains("this step goes up") }, "\(lines)")
        #expect(Self.value(lines, "exact Δf") == Text.signed(realChange), "\(lines)")
        // The comparison may wrap over two lines at this panel width.
        #expect(lines.joined(separator: " ").contains("a plain gradient step −εg (ε = 0.03) would go up"), "\(lines)")
        // The most important numbers come first, before x and the Hessian.
        let exactRow = try #require(lines.firstIndex { $0.hasPrefix("exact Δf") })
        let xRow = try #require(lines.firstIndex { $0.hasPrefix("x ") })
        #expect(exactRow < xRow)
    }

    /// For every rule the panel's Δx is the step the runner then takes, and on a quadratic the
    /// second-order prediction is exact.
    @Test func everyRuleShowsTheStepItTakes() throws {
        var s = try Self.illConditioning()
        s.reduce(.step(3))
        for i in 0..<s.simulation.runners.count where s.simulation.runners[i].status.isRunning {
            let r = s.simulation.runners[i]
            let a = try #require(StepAnalysis(of: r, on: s.landscape))
            guard case let .success(u) = a.update else { Issue.record("\(r.config.label): no step"); continue }
            var next = r
            next.advance(on: s.landscape)
            #expect(u.step == next.position - r.position, "\(r.config.label)")
            #expect(u.exact == next.loss - r.loss, "\(r.config.label)")
            #expect(Swift.abs(u.predicted - u.exact) <= 1e-9 * Swift.max(1, Swift.abs(u.exact)), "\(r.config.label)")
            #expect(u.firstOrder == r.gradient.dot(u.step))
            #expect(a.isPlainGradientStep == (r.config.optimizer.kind == .sgd), "\(r.config.label)")
        }
    }

    /// Newton and saddle-free Newton show their direction; Adam its per-coordinate rates.
    @Test func whatMakesEachStepDiffer() throws {
        var s = try Self.illConditioning()
        s.reduce(.selectNext); s.reduce(.selectNext)
        let adam = Self.panel(s)
        #expect(adam.contains { $0.hasPrefix("next step Δx = −lr_eff·m") }, "\(adam)")
        #expect(adam.contains { $0.hasPrefix("lr eff") }, "\(adam)")
        s.reduce(.selectNext)
        let newton = Self.panel(s)
        let r = try #require(s.selectedRunner)
        let direction = try #require(s.landscape.hessian(at: r.position).solve(r.gradient))
        #expect(Self.value(newton, "H⁻¹g") == Text.vec(direction, 4), "\(newton)")
        // Newton's full step on a quadratic lands on the minimum: Δf = −f.
        #expect(Self.value(newton, "exact Δf") == Text.signed(-r.loss), "\(newton)")
        #expect(!newton.contains { $0.contains("this step goes up") })
        s.reduce(.selectNext)
        #expect(Self.panel(s).contains { $0.hasPrefix("|H|⁻¹g") })
    }

    /// The torch.optim additions: each panel's Δx is the step the runner then takes, its heading
    /// names the rule (RAdam's changes at its rectification switch), and each shows its own state.
    @Test func theAddedRulesShowTheStepTheyTake() throws {
        let start = Vec2(-2.5, 1.5)
        let specs: [(OptimizerSpec, String, String?)] = [
            (OptimizerSpec(.nadam, Hyperparameters(lr: 0.05)), "next step Δx = −lr·m̂/(√v̂ + ε)", "lr on m"),
            (OptimizerSpec(.radam, Hyperparameters(lr: 0.05)), "next step Δx = −lr·m̂ (ρₜ ≤ 5)", "m used"),
            (OptimizerSpec(.adamax, Hyperparameters(lr: 0.05)), "next step Δx = −lr_eff·m", "lr eff"),
            (OptimizerSpec(.asgd, Hyperparameters(lr: 0.02, t0: 1)), "next step Δx = −η·(g + λx)", "η"),
            (OptimizerSpec(.rprop), "next step Δx = −Γ·sign(g)", "Γ"),
            (OptimizerSpec(.adafactor, Hyperparameters(lr: 0.05)), "next step Δx = −αₜ·Û", "lr eff"),
        ]
        let scene = Scene(title: "t", section: "8.5", description: "",
                          landscape: .builtIn(name: "quadratic", parameters: ["kappa": 10, "angle": 30]),
                          runners: specs.map { RunnerConfig(label: $0.0.kind.rawValue, optimizer: $0.0, start: start) })
        var s = try AppState(scene: scene)
        s.reduce(.toggleInsidePanel)
        s.reduce(.step(3))
        for (i, (spec, heading, key)) in specs.enumerated() {
            let r = s.simulation.runners[i]
            let a = try #require(StepAnalysis(of: r, on: s.landscape))
            guard case let .success(u) = a.update else { Issue.record("\(spec.kind): no step"); continue }
            var next = r
            next.advance(on: s.landscape)
            #expect(u.step == next.position - r.position, "\(spec.kind)")
            let lines = Self.panel(s)
            #expect(lines.contains { $0.hasPrefix(heading) }, "\(spec.kind): \(lines)")
            if let key { #expect(Self.value(lines, key) != nil, "\(spec.kind) shows \(key): \(lines)") }
            if spec.kind == .asgd { #expect(Self.value(lines, "ax (avg)") != nil, "\(lines)") }
            s.reduce(.selectNext)
        }
        // RAdam after its switch (ρₜ > 5 from step 6 with β₂ = 0.999).
        s.reduce(.step(5))
        while s.selectedRunner?.config.optimizer.kind != .radam { s.reduce(.selectNext) }
        #expect(Self.panel(s).contains { $0.hasPrefix("next step Δx = −lr·rₜ·lₜ·m̂") })
    }

    /// A stopped runner has no next step, and the panel says so instead of analysing one.
    @Test func aStoppedRunnerHasNoNextStep() throws {
        var s = try Self.illConditioning()
        s.reduce(.step(2))
        s.reduce(.selectPrevious); s.reduce(.selectPrevious)
        #expect(s.selectedRunner?.config.label == "newton")
        let lines = Self.panel(s)
        #expect(lines.contains { $0.hasPrefix("no next step: converged at 1 (global") }, "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("exact Δf") })
    }

    /// The status bar names the selected runner's step when it differs from the global one
    /// (after `[` it restarted: the bar said step 13, the runner step 0).
    @Test func statusBarStepsAgree() throws {
        var s = try Self.illConditioning()
        s.reduce(.step(13))
        s.reduce(.scaleLearningRate(0.5))
        let bottom = ScreenGoldenTests.render(s, 160, 40).plainText.split(separator: "\n").last.map(String.init) ?? ""
        #expect(bottom.contains("step 13 (sgd: 0)"), "\(bottom)")
        s.reduce(.step(1))
        #expect(StatusBar.stepText(s) == "step 14 (sgd: 1)")
        s.reduce(.reset)
        #expect(StatusBar.stepText(s) == "step 0")
    }
}
