import Testing
@testable import OptiscapeCore

/// The line-search methods' options: torch.optim.LBFGS's defaults and checks, the text forms.
@Suite struct LineSearchOptionTests {
    @Test func lbfgsTakesTorchsDefaults() throws {
        let h = try OptimizerSpec(.lbfgs).resolved()
        #expect(h.lr == 1 && h.maxIter == 20 && h.maxEval == 25 && h.toleranceGrad == 1e-7 && h.toleranceChange == 1e-9)
        #expect(h.historySize == 100 && !h.lineSearch)
        // max_eval defaults to max_iter * 5 // 4, as in torch.
        #expect(try OptimizerSpec(.lbfgs, Hyperparameters(maxIter: 7)).resolved().maxEval == 8)
        #expect(try OptimizerSpec(.lbfgs, Hyperparameters(maxIter: 7, maxEval: 3)).resolved().maxEval == 3)
    }

    @Test func countsMustBeWholeNumbersAtLeastOne() {
        for bad in [0.0, 2.5, -1, .infinity] {
            #expect(throws: OptimizerError("invalid max-iter \(bad): must be a whole number ≥ 1")) {
                try OptimizerSpec(.lbfgs, Hyperparameters(maxIter: bad)).resolved()
            }
        }
        #expect(throws: OptimizerError("invalid history size 0.0: must be a whole number ≥ 1")) {
            try OptimizerSpec(.lbfgs, Hyperparameters(historySize: 0)).resolved()
        }
        #expect(throws: OptimizerError("invalid gradient tolerance -1.0: must be ≥ 0")) {
            try OptimizerSpec(.cg, Hyperparameters(toleranceGrad: -1)).resolved()
        }
    }

    @Test func lineSearchIsStrongWolfeOrNone() throws {
        #expect(try CommandLineScene.parseOptimizer("lbfgs:line-search=strong-wolfe").hyper.lineSearch == true)
        #expect(try CommandLineScene.parseOptimizer("lbfgs:line_search_fn=strong_wolfe").hyper.lineSearch == true)
        #expect(try CommandLineScene.parseOptimizer("lbfgs:line-search=none").hyper.lineSearch == false)
        #expect(throws: OptimizerError("invalid value \"wolfe\" for line-search: expected strong-wolfe or none")) {
            try CommandLineScene.parseOptimizer("lbfgs:line-search=wolfe")
        }
        let h = try OptimizerSpec(.lbfgs, Hyperparameters(maxIter: 5, lineSearch: true)).resolved()
        let settings = Dictionary(uniqueKeysWithValues: h.settings(for: .lbfgs).map { ($0.option, $0.text) })
        #expect(settings[.lineSearch] == "strong-wolfe" && settings[.maxIter] == "5" && settings[.maxEval] == "6")
        #expect(h.summary(for: .lbfgs) == "lr=1 iters=5 evals=6 wolfe")
    }

    @Test func onlyTheMethodsThatUseThemTakeThem() {
        #expect(throws: OptimizerError.self) { try OptimizerSpec(.cg, Hyperparameters(historySize: 3)).resolved() }
        #expect(throws: OptimizerError.self) { try OptimizerSpec(.adam, Hyperparameters(lineSearch: true)).resolved() }
        #expect(throws: OptimizerError.self) { try OptimizerSpec(.coordinateDescent, Hyperparameters(toleranceChange: 1)).resolved() }
    }

    /// A step that does not move (the method's own test ended it) stops the runner with the reason.
    @Test func aRunnerStopsWhenItsMethodEndsWithoutMoving() throws {
        var sim = try Simulation(landscape: Rosenbrock(), runners: [
            RunnerConfig(label: "l", optimizer: OptimizerSpec(.lbfgs, Hyperparameters(lineSearch: true)), start: Vec2(-1.5, 2)),
        ], seed: 0)
        sim.advance(steps: 20)
        let r = sim.runners[0]
        guard case let .stopped(step, reason) = r.status else { Issue.record("\(r.status)"); return }
        #expect(step == 4 && reason.hasPrefix("lbfgs: directional derivative"), "\(reason)")
        #expect(r.loss < 1e-9)
        #expect(!r.trialPoints.isEmpty)
    }
}
