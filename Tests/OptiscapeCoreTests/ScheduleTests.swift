import Foundation
import Testing
@testable import OptiscapeCore

@Suite struct ScheduleTests {
    func lr(_ s: Schedule, _ base: Double, _ k: Int) -> Double { s.learningRate(base: base, step: k) }

    @Test func constant() {
        for k in [0, 1, 10, 10_000] { #expect(lr(.constant, 0.3, k) == 0.3) }
    }

    @Test func linearFollowsEquation8_14() {
        // τ = 10, lr_end defaults to lr/100 = 0.001.
        let s = Schedule(.linear, decaySteps: 10)
        #expect(lr(s, 0.1, 0) == 0.1)
        #expect(abs(lr(s, 0.1, 5) - 0.0505) < 1e-15)
        #expect(abs(lr(s, 0.1, 9) - (0.1 * 0.1 + 0.9 * 0.001)) < 1e-15)
        #expect(lr(s, 0.1, 10) == 0.001)
        #expect(lr(s, 0.1, 500) == 0.001)
        let e = Schedule(.linear, lrEnd: 0.5, decaySteps: 4)
        #expect(lr(e, 1, 1) == 0.875)
        #expect(lr(e, 1, 2) == 0.75)
        // Default τ = 100.
        #expect(lr(Schedule(.linear, lrEnd: 0), 1, 25) == 0.75)
    }

    @Test func stepDecaysLikeStepLR() {
        let s = Schedule(.step, decaySteps: 3, gamma: 0.5)
        #expect([0, 1, 2, 3, 5, 6, 7].map { lr(s, 0.1, $0) } == [0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025])
        // Default γ = 0.1, τ = 100.
        let d = Schedule(.step)
        #expect(lr(d, 1, 99) == 1)
        #expect(lr(d, 1, 100) == 0.1)
        #expect(abs(lr(d, 1, 250) - 0.01) < 1e-17)
    }

    @Test func cosineFollowsCosineAnnealingLR() {
        let s = Schedule(.cosine, decaySteps: 4)
        #expect(lr(s, 1, 0) == 1)
        #expect(abs(lr(s, 1, 1) - (1 + cos(Double.pi / 4)) / 2) < 1e-16)
        #expect(abs(lr(s, 1, 1) - 0.8535533905932737) < 1e-15)
        #expect(abs(lr(s, 1, 2) - 0.5) < 1e-15)
        #expect(abs(lr(s, 1, 3) - 0.14644660940672624) < 1e-15)
        #expect(lr(s, 1, 4) == 0)
        #expect(lr(s, 1, 40) == 0, "held at lr_end after τ steps")
        let e = Schedule(.cosine, lrEnd: 0.1, decaySteps: 2)
        #expect(abs(lr(e, 0.5, 1) - 0.3) < 1e-15)
        #expect(abs(lr(e, 0.5, 2) - 0.1) < 1e-15)
    }

    @Test func warmupRampsTheRate() {
        let w = Schedule(.constant, warmup: 4)
        #expect([0, 1, 2, 3, 4, 100].map { lr(w, 1, $0) } == [0.25, 0.5, 0.75, 1, 1, 1])
        // On top of a decay: the schedule keeps counting from k = 0.
        let s = Schedule(.step, decaySteps: 2, gamma: 0.5, warmup: 3)
        #expect([0, 1, 2, 3].map { lr(s, 1, $0) } == [1.0 / 3, 2.0 / 3, 0.5, 0.5])
        #expect(lr(Schedule(.constant, warmup: 0), 2, 0) == 2)
    }

    @Test func validation() throws {
        try Schedule(.linear, lrEnd: 0, decaySteps: 1, warmup: 0).validate()
        try Schedule(.step, decaySteps: 5, gamma: 1).validate()
        try Schedule().validate()
        #expect(throws: OptimizerError("the constant schedule does not take gamma (it takes warmup)")) {
            try Schedule(.constant, gamma: 0.5).validate()
        }
        #expect(throws: OptimizerError("the step schedule does not take lrEnd (it takes gamma, decaySteps, warmup)")) {
            try Schedule(.step, lrEnd: 0.1).validate()
        }
        #expect(throws: OptimizerError("the cosine schedule does not take gamma (it takes lrEnd, decaySteps, warmup)")) {
            try Schedule(.cosine, gamma: 0.1).validate()
        }
        #expect(throws: OptimizerError("invalid final learning rate lrEnd -0.1: must be a finite number ≥ 0")) {
            try Schedule(.linear, lrEnd: -0.1).validate()
        }
        #expect(throws: OptimizerError("invalid decaySteps 0: must be a whole number ≥ 1")) {
            try Schedule(.cosine, decaySteps: 0).validate()
        }
        #expect(throws: OptimizerError("invalid gamma 1.5: must be in (0, 1]")) {
            try Schedule(.step, gamma: 1.5).validate()
        }
        #expect(throws: OptimizerError("invalid gamma 0.0: must be in (0, 1]")) {
            try Schedule(.step, gamma: 0).validate()
        }
        #expect(throws: OptimizerError("invalid warmup -3: must be a whole number ≥ 0")) {
            try Schedule(warmup: -3).validate()
        }
        #expect(throws: OptimizerError.self) { try Schedule.parseKind("cosin") }
        #expect(try Schedule.parseKind("cosine") == .cosine)
    }

    @Test func decodesWithDefaults() throws {
        let s = try JSONDecoder().decode(Schedule.self, from: Data(#"{"warmup": 5}"#.utf8))
        #expect(s == Schedule(.constant, warmup: 5))
        let c = try JSONDecoder().decode(Schedule.self, from: Data(#"{"kind": "cosine", "lrEnd": 0.01}"#.utf8))
        #expect(c == Schedule(.cosine, lrEnd: 0.01))
        let round = try JSONDecoder().decode(Schedule.self, from: JSONEncoder().encode(c))
        #expect(round == c)
    }

    @Test func summary() {
        #expect(Schedule().summary == "")
        #expect(Schedule(.cosine, warmup: 10).summary == "cosine→0 τ=100 warmup=10")
        #expect(Schedule(.step, decaySteps: 30, gamma: 0.5).summary == "step γ=0.5 τ=30")
        #expect(Schedule(.linear).summary == "linear→lr/100 τ=100")
    }
}
