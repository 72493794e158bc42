import Foundation
import Testing
@testable import OptiscapeCore

/// The bounded trajectory of long runs: fixed memory, exact where it matters, steps right.
@Suite struct TrajectoryTests {
    /// Small limits, so that many decimations happen in a few thousand steps.
    static let small = Trajectory.Limits(exact: 8, decimated: 6, recent: 5)

    /// The point and loss appended at `step`: distinct for every step, with one loss spike
    /// and one dip between kept points.
    static func point(_ step: Int) -> Vec2 { Vec2(Double(step), sin(Double(step))) }
    static func loss(_ step: Int) -> Double {
        step == 4_321 ? 1e6 : step == 7_777 ? -5 : 1 + cos(Double(step) * 0.37)
    }

    static func run(_ steps: Int, limits: Trajectory.Limits) -> Trajectory {
        var t = Trajectory(start: point(0), loss: loss(0), limits: limits)
        for s in 1...steps { t.append(point(s), loss: loss(s)) }
        return t
    }

    static func kept(_ t: Trajectory, after step: Int = -1) -> [(step: Int, point: Vec2)] {
        var out: [(step: Int, point: Vec2)] = []
        t.forEachPoint(after: step) { out.append(($0, $1)) }
        return out
    }

    @Test func unboundedKeepsEveryPointAndLoss() {
        let t = Self.run(3_000, limits: .unbounded)
        #expect(t.isComplete && t.count == 3_001)
        #expect(t.points == (0...3_000).map(Self.point))
        #expect(t.losses == (0...3_000).map(Self.loss))
        #expect(Self.kept(t).map(\.step) == Array(0...3_000))
    }

    @Test func aShortBoundedRunIsExactlyTheUnboundedOne() {
        let a = Self.run(7, limits: Self.small), b = Self.run(7, limits: .unbounded)
        #expect(a.isComplete)
        #expect(a.points == b.points && a.losses == b.losses)
        var la: [Double] = [], lb: [Double] = []
        a.forEachLoss { la.append($1) }
        b.forEachLoss { lb.append($1) }
        #expect(la == b.losses && lb == b.losses)
    }

    @Test func staysWithinItsBoundHoweverLong() {
        let l = Self.small
        let bound = l.exact * 24 + l.decimated * 32 + l.recent * 16
        var t = Trajectory(start: Self.point(0), loss: Self.loss(0), limits: l)
        for s in 1...50_000 {
            t.append(Self.point(s), loss: Self.loss(s))
            if s % 997 == 0 { #expect(t.bytesHeld <= bound) }
        }
        #expect(Self.kept(t).count <= l.exact + l.decimated + l.recent)
        #expect(!t.isComplete && t.count == 50_001)
    }

    @Test func keepsTheFirstPointsAndTheRecentOnesExactly() {
        let l = Self.small
        let t = Self.run(10_000, limits: l)
        for s in 0..<l.exact { #expect(t.point(at: s) == Self.point(s)) }
        for s in (10_001 - l.recent)...10_000 { #expect(t.point(at: s) == Self.point(s)) }
        #expect(t.first == Self.point(0) && t.last == Self.point(10_000) && t.lastLoss == Self.loss(10_000))
        #expect(t.lastStep == 10_000)
        #expect(t.point(at: 10_001) == nil && t.point(at: -1) == nil)
    }

    @Test func everyKeptPointIsThePointOfItsStep() {
        for steps in [5, 8, 13, 14, 50, 1_000, 12_345] {
            let t = Self.run(steps, limits: Self.small)
            let kept = Self.kept(t)
            #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.step < $1.step }, "\(steps)")
            #expect(kept.allSatisfy { $0.point == Self.point($0.step) }, "\(steps)")
            #expect(kept.allSatisfy { t.point(at: $0.step) == $0.point }, "\(steps)")
            #expect(kept.first?.step == 0 && kept.last?.step == steps, "\(steps)")
            // After any step, the rest of the same list.
            for after in [-1, 0, 7, 9, steps / 2, steps - 1, steps] {
                #expect(Self.kept(t, after: after).map(\.step) == kept.map(\.step).filter { $0 > after })
            }
        }
    }

    @Test func theDecimatedPointsAreEvenlySpaced() {
        let t = Self.run(10_000, limits: Self.small)
        let middle = Self.kept(t).map(\.step).filter { $0 >= Self.small.exact && $0 < 10_001 - Self.small.recent }
        let gaps = Set(zip(middle, middle.dropFirst()).map { $1 - $0 })
        #expect(gaps.count == 1)
        #expect(middle.first == Self.small.exact)
    }

    /// The loss chart's series keeps the spike and the dip, and each value it shows at a step
    /// is a real loss of the steps it stands for.
    @Test func lossesKeepEveryExtreme() {
        let steps = 10_000
        let t = Self.run(steps, limits: Self.small)
        var shown: [(step: Int, loss: Double)] = []
        t.forEachLoss { shown.append(($0, $1)) }
        #expect(zip(shown, shown.dropFirst()).allSatisfy { $0.step <= $1.step })
        #expect(shown.map(\.loss).max() == 1e6)
        #expect(shown.map(\.loss).min() == -5)
        #expect(shown.last.map { $0.step == steps && $0.loss == Self.loss(steps) } == true)
        #expect(shown.prefix(Self.small.exact).map(\.loss) == (0..<Self.small.exact).map(Self.loss))
        // Each value comes from a step in [its step, the next shown step).
        let distinct = Array(Set(shown.map(\.step))).sorted()
        for (k, s) in distinct.enumerated() {
            let end = k + 1 < distinct.count ? distinct[k + 1] : steps + 1
            let real = Set((s..<end).map(Self.loss))
            for v in shown where v.step == s { #expect(real.contains(v.loss), "step \(s)") }
        }
    }

    @Test func theDisplayLimitsHoldAFramesStepsExactly() {
        #expect(Trajectory.Limits.display.recent >= AppState.maximumStepsPerFrame)
    }

    @Test func aSimulationKeepsItsLimitsThroughResetsAndNewRunners() throws {
        let c = RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.001)), start: Vec2(-1.5, 2))
        var sim = try Simulation(landscape: Rosenbrock(), runners: [c], trajectoryLimits: Self.small)
        sim.advance(steps: 100)
        #expect(!sim.trajectories[0].isComplete)
        try sim.addRunner(RunnerConfig(label: "b", optimizer: OptimizerSpec(.adam), start: Vec2(1, 1)))
        try sim.replaceRunner(at: 0, with: c)
        sim.reset()
        let restarted = try sim.restarted(from: Vec2(0, 0))
        for s in [sim, restarted] {
            #expect(s.trajectoryLimits == Self.small)
            #expect(s.trajectories.allSatisfy { $0.limits == Self.small })
        }
        #expect(try Simulation(landscape: Rosenbrock(), runners: [c]).trajectoryLimits == .unbounded)
    }

    /// The same simulation bounded and unbounded: the same runners, the same latest points, and
    /// every point the bounded one keeps is the unbounded one's.
    @Test func boundingChangesNothingButWhatIsKept() throws {
        let cs = [RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.001)), start: Vec2(-1.5, 2),
                               transforms: GradientTransforms(noise: 0.3)),
                  RunnerConfig(label: "m", optimizer: OptimizerSpec(.momentum, Hyperparameters(lr: 0.0005)), start: Vec2(-1, 1))]
        var a = try Simulation(landscape: Rosenbrock(), runners: cs, seed: 3, trajectoryLimits: Self.small)
        var b = try Simulation(landscape: Rosenbrock(), runners: cs, seed: 3)
        a.advance(steps: 2_000); b.advance(steps: 2_000)
        for i in 0..<2 {
            let ta = a.trajectories[i], tb = b.trajectories[i]
            #expect(ta.count == tb.count && ta.last == tb.last && ta.lastLoss == tb.losses.last)
            #expect(Self.kept(ta).allSatisfy { tb.points[$0.step] == $0.point })
            #expect(a.runners[i].position == b.runners[i].position)
        }
    }

    @Test func theTopSpeedTakesTheMostStepsAFrame() throws {
        var state = try AppState(scene: Scene(title: "t", landscape: .builtIn(name: "rosenbrock", parameters: [:]),
                                              runners: [RunnerConfig(optimizer: OptimizerSpec(.sgd), start: Vec2(-1.5, 2))]),
                                 rules: StoppingRules(gradientTolerance: 0), trajectoryLimits: Self.small)
        for _ in 0..<20 { state.reduce(.faster) }
        let n = AppState.maximumStepsPerFrame
        #expect(n == 10_000)
        #expect(state.speed == Double(n))
        state.reduce(.toggleRun)
        state.advanceFrame()
        #expect(state.simulation.step == n)
        #expect(state.simulation.trajectories[0].count == n + 1)
    }
}
