import Foundation
import OptiscapeCore

/// The last analysis of each runner, so a frame does not redo the work of the one before (the
/// panel is drawn 30 times a second; the runner moves only when it steps). A runner is its
/// config on a landscape (``Landscape/identity``: the data and the plane), which with the step
/// pins θ down for a deterministic run; an analysis is also keyed by the exact loss and ‖g‖.
///
/// A network's full spectrum is the costly part (0.1–0.2 s at a thousand weights). Paused or
/// stepping, it is taken here, at the step shown, so a frame is the same on every replay. While
/// the scene runs, a spectrum may lag (``NetworkStepAnalysis/spectrumEvery(parameters:)``), and
/// one older than that is taken off the render loop: the panel shows the newest finished one,
/// at its step, and the frame rate holds.
public final class NetworkAnalysisCache: @unchecked Sendable {
    public static let shared = NetworkAnalysisCache()
    private struct Run: Hashable {
        let landscape: String
        let config: RunnerConfig
    }
    private let lock = NSLock()
    private var entries: [Run: (key: [UInt64], value: NetworkStepAnalysis)] = [:]
    /// The spectrum last taken off the render loop per runner, and the runners with one under way.
    private var finished: [Run: NetworkStepAnalysis.Spectrum] = [:]
    private var underWay: Set<Run> = []

    /// `running`: the scene is playing (see above).
    public func analysis(of runner: Runner, on landscape: any Landscape, running: Bool = false) -> NetworkStepAnalysis? {
        guard let engine = runner.network else { return nil }
        let run = Run(landscape: landscape.identity, config: runner.config)
        lock.lock()
        let old = entries[run]
        // A spectrum beyond the runner's step is of a run since reset: not this θ.
        let done = finished[run].flatMap { $0.step <= runner.step ? $0 : nil }
        lock.unlock()
        let key = [UInt64(runner.step), runner.loss.bitPattern, runner.gradientNorm.bitPattern, running ? 1 : 0,
                   UInt64(bitPattern: Int64(done?.step ?? -1))]
        if let old, old.key == key { return old.value }
        let every = NetworkStepAnalysis.spectrumEvery(parameters: engine.runner.theta.count)
        let known = [old?.value.spectrum, done].compactMap { $0 }.filter { $0.step <= runner.step }.max { $0.step < $1.step }
        let spectrum: NetworkStepAnalysis.Spectrum?
        if running, every > 1, let known {
            if runner.step - known.step >= every { startSpectrum(run, engine.runner) }
            spectrum = known
        } else {
            // Exactly at the step shown: paused, stepping, a first frame, or a net small enough
            // for a spectrum every frame.
            spectrum = known.flatMap { $0.step == runner.step ? $0 : nil } ?? NetworkStepAnalysis.spectrum(of: engine.runner)
        }
        guard let a = NetworkStepAnalysis(of: runner, spectrum: spectrum) else { return nil }
        lock.lock()
        if entries.count > 64 { entries.removeAll(); finished.removeAll() }
        entries[run] = (key, a)
        lock.unlock()
        return a
    }

    /// The spectrum at `r`'s θ, on another thread, unless one is under way for this runner. It
    /// replaces the one before whatever its step (after a reset the run goes back).
    private func startSpectrum(_ run: Run, _ r: NetworkRunner) {
        lock.lock()
        let busy = !underWay.insert(run).inserted
        lock.unlock()
        guard !busy else { return }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let s = NetworkStepAnalysis.spectrum(of: r)
            lock.lock()
            finished[run] = s
            underWay.remove(run)
            lock.unlock()
        }
    }
}
