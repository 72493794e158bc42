import Foundation
import OptiscapeCore

/// The last analysis of each runner, so a frame does not redo the work of the one before (the
/// panel is drawn 30 times a second; the runner moves only when it steps). Keyed by the runner's
/// config, step and exact loss and ‖g‖, which pin θ down for a deterministic run.
public final class NetworkAnalysisCache: @unchecked Sendable {
    public static let shared = NetworkAnalysisCache()
    private let lock = NSLock()
    private var entries: [RunnerConfig: (key: [UInt64], value: NetworkStepAnalysis)] = [:]

    public func analysis(of runner: Runner) -> NetworkStepAnalysis? {
        let key = [UInt64(runner.step), runner.loss.bitPattern, runner.gradientNorm.bitPattern]
        lock.lock()
        let old = entries[runner.config]
        lock.unlock()
        if let old, old.key == key { return old.value }
        guard let a = NetworkStepAnalysis(of: runner, previous: old?.value) else { return nil }
        lock.lock()
        if entries.count > 64 { entries.removeAll() }
        entries[runner.config] = (key, a)
        lock.unlock()
        return a
    }
}
