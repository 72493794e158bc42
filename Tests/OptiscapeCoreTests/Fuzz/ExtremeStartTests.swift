import Testing
@testable import OptiscapeCore

/// Every built-in landscape × every optimizer from extreme starts, 50 steps: no trap; a
/// non-finite start is refused; every runner ends running, converged, diverged (with a reason)
/// or stopped (with a reason); every number a runner or a trajectory holds is finite.
@Suite struct ExtremeStartTests {
    static let starts: [Vec2] = [
        Vec2(1e300, 1e300), Vec2(-1e300, -1e300), Vec2(1e300, -1e300), Vec2(5e-324, 5e-324), Vec2(-5e-324, 0),
        Vec2(0, 0), Vec2(1e154, 1e154), Vec2(-1e6, 1e6),
    ]
    static let nonFinite: [Vec2] = [Vec2(.nan, 0), Vec2(.infinity, 1), Vec2(0, -.infinity)]

    static func configs(_ start: Vec2) -> [RunnerConfig] {
        OptimizerKind.allCases.filter(\.runsOnPoints).map { RunnerConfig(label: $0.rawValue, optimizer: OptimizerSpec($0), start: start) }
    }

    @Test(arguments: LandscapeCatalog.all.map(\.name))
    func extremeStartsEndCleanly(name: String) throws {
        let landscape = try LandscapeCatalog.make(name)
        let starts = Self.starts + landscape.criticalPoints.map(\.point)
        for start in starts {
            var sim = try Simulation(landscape: landscape, runners: Self.configs(start), seed: 1)
            sim.advance(steps: 50)
            Self.checkFinite(sim, "\(name) from \(start)")
        }
        for start in Self.nonFinite {
            #expect(throws: (any Error).self, "\(name) from \(start)") {
                try Simulation(landscape: landscape, runners: Self.configs(start), seed: 1)
            }
        }
    }

    static func checkFinite(_ sim: Simulation, _ context: String) {
        for (r, t) in zip(sim.runners, sim.trajectories) {
            let where_ = "\(context), \(r.config.label): \(r.status.text)"
            switch r.status {
            case .running, .converged: break
            case let .diverged(_, reason), let .stopped(_, reason), let .stalled(_, reason),
                 let .undefined(_, reason), let .overflow(_, reason): #expect(!reason.isEmpty, "\(where_)")
            }
            #expect(r.position.isFinite && r.loss.isFinite && r.gradient.isFinite,
                    "\(where_): position \(r.position) loss \(r.loss) gradient \(r.gradient)")
            #expect(t.points.allSatisfy(\.isFinite) && t.losses.allSatisfy(\.isFinite), "\(where_): trajectory")
        }
    }
}
