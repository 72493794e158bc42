import Foundation
import OptiscapeCore

/// The last analysis of each runner, so a frame does not redo the work of the one before (the
/// panel is drawn 30 times a second; the runner moves only when it steps). Keyed by the runner's
/// config, step and exact loss and ‖g‖, which pin θ down for a deterministic run.
///
/// A network's full spectrum is the costly part (0.1–0.2 s at a thousand weights). Paused or
/// stepping, it is taken here, at the step shown, so a frame is the same on every replay. While
/// the scene runs, a spectrum may lag (``NetworkStepAnalysis/spectrumEvery(parameters:)``), and
/// one older than that is taken off the render loop: the panel shows the newest finished one,
/// at its step, and the frame rate holds.
public final class NetworkAnalysisCache: @unchecked Sendable {
    public static let shared = NetworkAnalysisCache()
    private let lock = NSLock()
    private var entries: [RunnerConfig: (key: [UInt64], value: NetworkStepAnalysis)] = [:]
    /// Spectra taken off the render loop, newest per runner, and the runners with one under way.
    private var finished: [RunnerConfig: NetworkStepAnalysis.Spectrum] = [:]
    private var underWay: Set<RunnerConfig> = []

    /// `running`: the scene is playing (see above).
    public func analysis(of runner: Runner, running: Bool = false) -> NetworkStepAnalysis? {
        let key = [UInt64(runner.step), runner.loss.bitPattern, runner.gradientNorm.bitPattern, running ? 1 : 0]
        lock.lock()
        let old = entries[runner.config]
        let done = finished[runner.config]
        lock.unlock()
        if let old, old.key == key { return old.value }
        guard let engine = runner.network else { return nil }
        let every = NetworkStepAnalysis.spectrumEvery(parameters: engine.runner.theta.count)
        let source: NetworkStepAnalysis.SpectrumSource
        let known = [old?.value.spectrum, done].compactMap { $0 }.filter { $0.step <= runner.step }.max { $0.step < $1.step }
        if !running {
            // Exactly at the step shown.
            source = .given(known.flatMap { $0.step == runner.step ? $0 : nil } ?? NetworkStepAnalysis.spectrum(of: engine.runner))
        } else if every > 1, let known {
            if runner.step - known.step >= every { startSpectrum(of: runner.config, engine.runner) }
            source = .given(known)
        } else {
            source = .recent(previous: old?.value)
        }
        guard let a = NetworkStepAnalysis(of: runner, spectrum: source) else { return nil }
        lock.lock()
        if entries.count > 64 { entries.removeAll(); finished.removeAll() }
        entries[runner.config] = (key, a)
        lock.unlock()
        return a
    }

    /// The spectrum at `r`'s θ, on another thread, unless one is under way for this runner.
    private func startSpectrum(of config: RunnerConfig, _ r: NetworkRunner) {
        lock.lock()
        let busy = !underWay.insert(config).inserted
        lock.unlock()
        guard !busy else { return }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let s = NetworkStepAnalysis.spectrum(of: r)
            lock.lock()
            if let s, s.step >= (finished[config]?.step ?? -1) { finished[config] = s }
            underWay.remove(config)
            lock.unlock()
        }
    }
}
