import Testing
@testable import OptiscapeCore

/// Each claim kind, held and broken, on the round bowl ½(x² + y²) from (1, 0), where gradient
/// descent with lr 0.5 halves x every step (x_k = 0.5^k, loss 0.5·0.25^k, step k is 0.5^k long).
@Suite struct ClaimCheckTests {
    func scene(_ claims: [Claim], steps: Int? = 30) -> Scene {
        Scene(title: "bowl", steps: steps, landscape: .builtIn(name: "quadratic", parameters: ["kappa": 1]),
              runners: [
                RunnerConfig(label: "half", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.5)), start: Vec2(1, 0)),
                RunnerConfig(label: "bounce", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 1.5)), start: Vec2(1, 0)),
                RunnerConfig(label: "blowup", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 3)), start: Vec2(1, 0)),
                RunnerConfig(label: "newton", optimizer: OptimizerSpec(.newton), start: Vec2(1, 0)),
              ],
              claims: claims)
    }

    /// (held, "statement: measured") for one claim.
    func verdict(_ runner: String, _ claim: Claim.Kind) throws -> (Bool, String) {
        let r = try ClaimCheck.run(scene([Claim(runner: runner, claim)]))[0]
        return (r.held, r.text)
    }

    @Test func divergesWithin() throws {
        // |x| doubles each step: beyond the bound 1e6 at step 20.
        #expect(try verdict("blowup", .divergesWithin(25)) == (true, "blowup diverges within 25 steps: it diverged at step 20 (left |x|,|y| ≤ 1.00e+06)"))
        #expect(try verdict("blowup", .divergesWithin(19)).0 == false)
        #expect(try verdict("half", .divergesWithin(30)).0 == false)
    }

    @Test func convergesWithin() throws {
        #expect(try verdict("newton", .convergesWithin(1, to: .globalMinimum)) == (true, "newton converges within 1 step to a global minimum: it converged at step 1 at (0, 0), global minimum"))
        #expect(try verdict("newton", .convergesWithin(1, to: .minimum)).0)
        #expect(try verdict("newton", .convergesWithin(1, to: nil)).0)
        #expect(try verdict("newton", .convergesWithin(1, to: .saddle)).0 == false)
        #expect(try verdict("half", .convergesWithin(5, to: nil)).0 == false)
    }

    @Test func reaches() throws {
        #expect(try verdict("half", .reaches(.zero, within: 7, tol: 0.01)) == (true, "half comes within 0.01 of (0, 0) within 7 steps: distance 0.00781 at step 7"))
        #expect(try verdict("half", .reaches(.zero, within: 6, tol: 0.01)) == (false, "half comes within 0.01 of (0, 0) within 6 steps: closest 0.0156 at step 6"))
    }

    @Test func lossBelowAndAbove() throws {
        #expect(try verdict("half", .lossBelow(1e-3, within: 5)) == (true, "half's loss falls below 0.001 within 5 steps: 4.88e-04 at step 5"))
        #expect(try verdict("half", .lossBelow(1e-3, within: 4)).0 == false)
        #expect(try verdict("half", .lossAbove(1e-3, at: 4)) == (true, "half's loss at step 4 is above 0.001: it is 0.00195"))
        #expect(try verdict("half", .lossAbove(1e-3, at: 5)).0 == false)
        // A diverged runner has no loss to compare.
        #expect(try verdict("blowup", .lossAbove(1, at: 25)) == (false, "blowup's loss at step 25 is above 1: it diverged at step 20 (left |x|,|y| ≤ 1.00e+06)"))
    }

    @Test func endsIn() throws {
        let box = ViewBox(x: 0.1...0.2, y: -0.1...0.1)
        #expect(try verdict("half", .endsIn(box, at: 3)) == (true, "half is in x ∈ [0.1, 0.2], y ∈ [-0.1, 0.1] at step 3: it is at (0.125, 0)"))
        #expect(try verdict("half", .endsIn(box, at: 4)).0 == false)
        // A converged runner stays where it stopped.
        #expect(try verdict("newton", .endsIn(ViewBox(x: -0.1...0.1, y: -0.1...0.1), at: 30)).0)
    }

    @Test func staysWithin() throws {
        #expect(try verdict("half", .staysWithin(1, of: .zero, for: 10)) == (true, "half stays within 1 of (0, 0) for 10 steps: farthest 1 at step 0"))
        #expect(try verdict("half", .staysWithin(0.5, of: .zero, for: 10)).0 == false)
        #expect(try verdict("half", .staysWithin(0.9, of: Vec2(1, 0), for: 10)).0 == false)
        #expect(try verdict("blowup", .staysWithin(1e9, of: .zero, for: 25)).0 == false)
    }

    @Test func maxStepAtMost() throws {
        #expect(try verdict("half", .maxStepAtMost(0.5, for: 10)) == (true, "every step of half up to step 10 is at most 0.5 long: the longest is 0.5 (step 1)"))
        #expect(try verdict("half", .maxStepAtMost(0.4, for: 10)).0 == false)
    }

    @Test func maxStepRatioAtLeast() throws {
        // Steps 0.5, 0.25, 0.125, 0.0625, 0.03125: median 0.125, ratio 4.
        #expect(try verdict("half", .maxStepRatioAtLeast(4, for: 5)) == (true, "half's longest step up to step 5 is at least 4× its median step: 4× (longest 0.5 at step 1, median 0.125)"))
        #expect(try verdict("half", .maxStepRatioAtLeast(5, for: 5)).0 == false)
    }

    @Test func lossBelowRunner() throws {
        #expect(try verdict("newton", .lossBelowRunner("half", at: 3)) == (true, "newton's loss at step 3 is below half's: 0 against 0.00781"))
        #expect(try verdict("half", .lossBelowRunner("newton", at: 3)).0 == false)
        #expect(try verdict("half", .lossBelowRunner("blowup", at: 25)) == (false, "half's loss at step 25 is below blowup's: blowup diverged at step 20 (left |x|,|y| ≤ 1.00e+06)"))
    }

    @Test func pathLongerThanRunner() throws {
        // bounce: x_k = (−0.5)^k, a path of 1.5 + 0.75 + … ≈ 3; newton: 1.
        #expect(try verdict("bounce", .pathLongerThanRunner("newton", at: 10)) == (true, "bounce's path to step 10 is longer than newton's: 3 against 1"))
        #expect(try verdict("half", .pathLongerThanRunner("newton", at: 10)).0 == false)
    }

    @Test func theCheckRunsAsFarAsTheFurthestClaim() throws {
        let s = scene([Claim(runner: "half", .lossBelow(1, within: 500))], steps: 10)
        #expect(ClaimCheck.horizon(of: s) == 500)
        #expect(ClaimCheck.horizon(of: scene([], steps: 10)) == 10)
    }
}
