import Testing
@testable import OptiscapeCore

/// What a stopped runner reached, said truthfully (issue #13): global minima known by their
/// value or their minimal set, a vanished gradient away from any critical point is a stall,
/// and a loss that is not a number is exported as none.
@Suite struct HonestStatusTests {
    func sgd(_ label: String, lr: Double, start: Vec2) -> RunnerConfig {
        RunnerConfig(label: label, optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: lr)), start: start)
    }

    /// Every point of the hyperbola xy = 1 is a global minimum: runners of weight-symmetry end
    /// there (loss ~1e-17), and used to be called "local minimum".
    @Test func theHyperbolaIsGlobal() throws {
        var sim = try Simulation(landscape: DeepLinear(), runners: [
            sgd("w", lr: 0.05, start: Vec2(0.5, 1.5)), sgd("near zero", lr: 0.05, start: Vec2(0.01, 0.005)),
            sgd("balanced", lr: 0.05, start: Vec2(0.5, -0.5)),
        ])
        sim.advance(steps: 250)
        #expect(sim.runners[0].status == .converged(step: 56, kind: .globalMinimum))
        #expect(sim.runners[1].status == .converged(step: 139, kind: .globalMinimum))
        #expect(sim.runners[2].status == .converged(step: 177, kind: .saddle))
        #expect(DeepLinear().minimumValue == 0)
        #expect(Wells().minimumValue == Wells().value(at: Wells().criticalPoints[0].point))
        #expect(Saddle().minimumValue == nil)
    }

    /// A minimum above the known global value stays local (the wells).
    @Test func aHigherMinimumIsLocal() throws {
        var sim = try Simulation(landscape: Wells(), runners: [sgd("west", lr: 0.1, start: Vec2(-2, 1.6))])
        sim.advance(steps: 500)
        guard case .converged(_, .localMinimum?) = sim.runners[0].status else {
            Issue.record("\(sim.runners[0].status)"); return
        }
    }

    /// The minimal sets' points lie on the sets, and `list` describes them.
    @Test func minimalSets() throws {
        let box = ViewBox(x: -2.5...2.5, y: -2.5...2.5)
        let hyperbola = try #require(DeepLinear().minimalSet).points(in: box, columns: 10, rows: 10)
        #expect(hyperbola.count >= 12)
        for p in hyperbola { #expect(Swift.abs(p.x * p.y - 1) < 1e-9, "\(p)") }
        #expect(Set(hyperbola.map { $0.x > 0 }).count == 2, "both branches")
        let rnn = RNNCliff(steps: 100)
        let curve = try #require(rnn.minimalSet).points(in: rnn.view, columns: 12, rows: 6)
        #expect(curve.count >= 6)
        for p in curve { #expect(rnn.value(at: p) < 1e-12, "\(p): \(rnn.value(at: p))") }
        let list = Catalogue.text()
        #expect(list.contains("global minima: the hyperbola xy = 1, loss 0"))
        #expect(list.contains("global minima: the curve σ(h_T) = 0.7"))
    }

    /// Thrown across the RNN's cliff, unclipped SGD lands where σ saturates: ‖g‖ = 0 at loss
    /// 0.09. That used to be "converged"; it is a stall, with the reason.
    @Test func aVanishedGradientIsAStall() throws {
        var sim = try Simulation(landscape: RNNCliff(steps: 100), runners: [sgd("sgd", lr: 3, start: Vec2(6, -2.5))])
        sim.advance(steps: 300)
        let r = sim.runners[0]
        guard case let .stalled(step, reason) = r.status else { Issue.record("\(r.status)"); return }
        #expect(step <= 300 && r.loss > 0.05)
        #expect(reason.contains("flat region"), "\(reason)")
        #expect(r.status.word == "stalled")
        let json = TraceJSON.document(try Simulation(landscape: RNNCliff(steps: 100), runners: [sgd("sgd", lr: 3, start: Vec2(6, -2.5))]), steps: 300)
        #expect(json.contains("\"status\":\"stalled\""))
        #expect(json.contains("\"reason\":\"‖g‖ = 0 and H = 0: a flat region (saturated unit or underflow); loss 0.09 > min 0\""))
        // exp(1000x) far left underflows to exactly 0: a stall, not a minimum.
        let e = try ExpressionLandscape(source: "exp(x*1000)", parameters: [:], view: nil)
        let u = try Simulation(landscape: e, runners: [sgd("u", lr: 0.1, start: Vec2(-1.8, 1.8))])
        guard case .stalled = u.runners[0].status else { Issue.record("\(u.runners[0].status)"); return }
    }

    /// x⁴ + y² is a strict minimum the second-order test sees (12x² > 0 at the stop); x⁴ alone
    /// is flat along y everywhere: the runner is not called converged to a minimum it cannot
    /// tell, and the reason says the test is inconclusive.
    @Test func aDegenerateDirectionIsNotCalledAMinimum() throws {
        func stop(_ source: String, at p: Vec2) throws -> RunnerStatus {
            let e = try ExpressionLandscape(source: source, parameters: [:], view: nil)
            let (f, g) = e.valueAndGradient(at: p)
            return Runner.stop(at: p, loss: f, gradient: g, step: 7, on: e)
        }
        #expect(try stop("x^4 + y^2", at: Vec2(0.006, 0)) == .converged(step: 7, kind: .localMinimum))
        guard case let .stalled(_, reason) = try stop("x^4", at: Vec2(0.006, 0.3)) else { Issue.record("not a stall"); return }
        #expect(reason.contains("flat along a direction") && reason.contains("cannot tell"), "\(reason)")
    }

    /// `stalls_within` holds for a stall and is broken by convergence; `converges_within` is
    /// broken by a stall.
    @Test func stallClaims() throws {
        let scene = Scene(title: "cliff", landscape: .builtIn(name: "rnn-cliff", parameters: ["T": 100]),
                          runners: [sgd("sgd", lr: 3, start: Vec2(6, -2.5)), sgd("bowl", lr: 0.5, start: Vec2(0, 0.5))],
                          claims: [Claim(runner: "sgd", .stallsWithin(300)), Claim(runner: "sgd", .convergesWithin(300, to: nil)),
                                   Claim(runner: "bowl", .stallsWithin(3000))])
        let results = try ClaimCheck.run(scene)
        #expect(results.map(\.held) == [true, false, false], "\(results.map(\.text))")
        #expect(results[0].text.hasPrefix("sgd stalls within 300 steps"))
    }

    /// log(x) at x = −1 has no value: CSV leaves loss and grad_norm empty, JSON writes null,
    /// the status says undefined (it printed 1.7976931348623157e+308 and a gradient).
    @Test func undefinedAndOverflowingStartsExportNoNumber() throws {
        func run(_ source: String, _ start: Vec2) throws -> (csv: String, json: String, status: RunnerStatus) {
            let e = try ExpressionLandscape(source: source, parameters: [:], view: nil)
            let sim = try Simulation(landscape: e, runners: [sgd("sgd", lr: 0.01, start: start)])
            var csv = ""
            TraceCSV.stream(sim, steps: 3) { csv += $0 }
            return (csv, TraceJSON.document(sim, steps: 3), sim.runners[0].status)
        }
        let log = try run("log(x) + y^2", Vec2(-1, 1))
        #expect(log.csv == "runner,step,x,y,loss,grad_norm,status\nsgd,0,-1.0,1.0,,,undefined\n")
        #expect(log.json.contains("\"trajectory\":[[0,-1.0,1.0,null,null]]"))
        #expect(log.json.contains("\"status\":\"undefined\""))
        #expect(log.status.word == "undefined")
        let pole = try run("x/y", Vec2(1, 0))
        #expect(pole.csv.hasSuffix("sgd,0,1.0,0.0,,,\(pole.status.word)\n"))
        #expect(!pole.json.contains("e+308"))
        let big = try run("exp(x*1000)", Vec2(1, 1))
        #expect(big.csv.hasSuffix("sgd,0,1.0,1.0,,,overflow\n"))
        #expect(big.status == .overflow(step: 0, reason: "loss is +∞ at (1, 1)"))
        // Drawing keeps a finite stand-in.
        let e = try ExpressionLandscape(source: "log(x)", parameters: [:], view: nil)
        let sim = try Simulation(landscape: e, runners: [sgd("sgd", lr: 0.01, start: Vec2(-1, 1))])
        #expect(sim.runners[0].loss.isFinite && sim.runners[0].reportedLoss.isNaN)
    }

    /// A start outside the bound is refused, naming the bound, before anything runs.
    @Test func aStartOutsideTheBoundIsRefused() throws {
        let scene = Scene(title: "far", landscape: .builtIn(name: "rosenbrock", parameters: [:]),
                          runners: [sgd("sgd", lr: 0.01, start: Vec2(1e300, 1e300))])
        #expect(throws: OptimizerError("sgd: start (1e+300, 1e+300) is outside the bound |x|, |y| ≤ 1000000 (--bound); move the start or raise --bound")) {
            try scene.makeSimulation()
        }
        #expect(throws: Never.self) { try scene.makeSimulation(rules: StoppingRules(divergenceBound: 1e301)) }
    }
}
