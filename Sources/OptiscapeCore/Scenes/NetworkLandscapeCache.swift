import Foundation
import Synchronization

/// The landscapes of network scenes built in this process, by everything that goes into one:
/// a scene's network, seed, step budget, view and runners, and the size and modification time
/// of each file it reads. Building one may train runners for its plane; a scene is built when
/// its file is read (to report a bad plane as an error of the file), again when it opens and
/// again when the UI takes it up, and each time the result is the same, so it is built once.
final class NetworkLandscapeCache: Sendable {
    static let shared = NetworkLandscapeCache()
    /// Scenes kept (the library's network lessons and a few more).
    static let capacity = 16

    struct Key: Hashable, Sendable {
        var network: NetworkScene
        var seed: UInt64
        var steps: Int?
        var view: ViewBox?
        var runners: [RunnerConfig]
        /// (path, size, modification time) of every file the scene reads that exists.
        var files: [String]
    }

    private struct State {
        var entries: [(key: Key, landscape: SliceLandscape)] = []
        /// How many times each key's landscape was built (for tests: once, however often asked).
        var builds: [Key: Int] = [:]
    }
    private let state = Mutex(State())

    /// How many times the landscape of `key` was built in this process.
    func builds(of key: Key) -> Int { state.withLock { $0.builds[key, default: 0] } }

    /// The landscape for `key`, built by `make` unless it is kept (a failure is not kept).
    func landscape(for key: Key, make: () throws -> SliceLandscape) throws -> SliceLandscape {
        if let hit = state.withLock({ s in s.entries.first { $0.key == key }?.landscape }) { return hit }
        let built = try make()
        state.withLock { s in
            s.builds[key, default: 0] += 1
            s.entries.removeAll { $0.key == key }
            s.entries.append((key, built))
            if s.entries.count > Self.capacity { s.entries.removeFirst(s.entries.count - Self.capacity) }
        }
        return built
    }

    /// What identifies the files of a network scene as they are now: a file changed on disk
    /// makes a new key.
    static func stamps(_ n: NetworkScene) -> [String] {
        n.paths.compactMap { path in
            // The file itself, not a symbolic link to it.
            let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            guard let a = try? FileManager.default.attributesOfItem(atPath: file) else { return nil }
            let size = (a[.size] as? NSNumber)?.int64Value ?? -1
            let time = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(path)\u{0}\(size)\u{0}\(time.bitPattern)"
        }
    }
}
