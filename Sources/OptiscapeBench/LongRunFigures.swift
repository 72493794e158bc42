import OptiscapeCore
import OptiscapeRender

/// The "long runs" criterion (issue #8): 8 runners for 10 million steps at the top speed,
/// through the ``SessionDriver`` and ``Renderer`` the interactive UI uses (200×60, loss panel
/// open), in this process. Memory must stay bounded and the frame time must not grow.
enum LongRunFigures {
    static let width = 200, height = 60

    static func figures(_ w: Workload) throws -> [Figure] {
        var driver = SessionDriver(try AppState(scene: RenderFigures.scene(), rules: CoreFigures.rules))
        while driver.state.speedIndex < AppState.speedsInTenths.count - 1 { driver.apply(.faster) }
        driver.apply(.toggleLossPanel)
        driver.apply(.toggleRun)
        let perFrame = AppState.maximumStepsPerFrame
        let frames = Swift.max(2, w.longRunSteps / perFrame)
        let sample = Swift.max(1, Swift.min(w.longRunSampleFrames, frames / 2))

        var renderer = Renderer(colorMode: .full256)
        blackHole(renderer.render(driver.state, width: width, height: height))  // contours, once
        var advance: [Double] = [], render: [Double] = []
        var residentAfterStart = 0.0
        let start = Measure.now()
        for f in 0..<frames {
            // One frame of the UI: the speed's steps, then the whole screen.
            let t = Measure.now()
            driver.advanceFrame()
            let t1 = Measure.now()
            let frame = renderer.render(driver.state, width: width, height: height)
            advance.append(Double(t1 &- t) / 1e6)
            render.append(Measure.seconds(since: t1) * 1e3)
            blackHole(frame)
            if f == sample - 1 { residentAfterStart = (processStatusKiB("VmRSS") ?? 0) / 1024 }
        }
        let total = Measure.seconds(since: start)
        let sim = driver.state.simulation
        let steps = sim.trajectories.map(\.lastStep).min() ?? 0
        let held = sim.trajectories.map(\.bytesHeld).reduce(0, +)
        let everyPoint = Double(sim.trajectories.map(\.count).reduce(0, +)) * Double(MemoryLayout<Vec2>.stride + MemoryLayout<Double>.stride)
        func atStart(_ v: [Double]) -> Double { Measure.median(Array(v.prefix(sample))) }
        func atEnd(_ v: [Double]) -> Double { Measure.median(Array(v.suffix(sample))) }
        let frame = zip(advance, render).map { $0 + $1 }
        let what = "8 runners × \(steps) steps at ×\(perFrame) (\(frames) frames in \(total.formatted(1)) s), 200×60, loss panel"
        return [
            Figure("longrun.frame.start", atStart(frame), "ms",
                   detail: "advance + render, median of the first \(sample) frames; " + what),
            Figure("longrun.frame.end", atEnd(frame), "ms", detail: "advance + render, median of the last \(sample) frames",
                   target: .atMost(1000 / Playback.framesPerSecond)),
            Figure("longrun.render.start", atStart(render), "ms", detail: "render alone, first \(sample) frames"),
            Figure("longrun.render.end", atEnd(render), "ms", detail: "render alone, last \(sample) frames: must not grow with the run"),
            Figure("longrun.trajectory_bytes", Double(held), "B",
                   detail: "held by the 8 trajectories at the end (every point and loss: \(Bench.human(everyPoint)) B)"),
            Figure("longrun.maxrss", (processStatusKiB("VmHWM") ?? 0) / 1024, "MiB",
                   detail: "this process's peak resident memory (VmHWM); resident after the first \(sample) frames: \(residentAfterStart.formatted(1)) MiB"),
        ]
    }
}
