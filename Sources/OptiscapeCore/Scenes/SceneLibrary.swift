import Foundation
import Synchronization

/// The scene files of a folder, for the picker and `N`/`P` navigation: each valid file with its
/// scene, each invalid one with its located error (shown, not hidden).
public struct SceneLibrary: Sendable {
    public struct Entry: Sendable {
        public var path: String
        public var scene: Scene?
        /// The located error of a file that does not load.
        public var error: String?

        public var title: String { scene?.title ?? (path as NSString).lastPathComponent }
        /// `§8.2.1`, or empty for scenes without a section (the classics).
        public var section: String { scene?.section.map { "§" + $0 } ?? "" }
        /// The lesson's first sentence, for one line in the picker.
        public var summary: String {
            guard let text = scene?.description, !text.isEmpty else { return error ?? "" }
            let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            if let end = flat.range(of: ". ") { return String(flat[..<end.lowerBound]) + "." }
            return flat
        }
    }

    public var directory: String
    public var entries: [Entry]

    /// Loads every `*.yaml` / `*.yml` file of `directory`, ordered by section (chapter order),
    /// sectionless scenes last, then by title.
    public static func load(directory: String) throws -> SceneLibrary {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw LandscapeError("cannot list the scene folder \(directory) (\(error.localizedDescription))")
        }
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        guard !files.isEmpty else { throw LandscapeError("no scene files (*.yaml) in \(directory)") }
        // Files on both cores (reading a network lesson trains its plane), off this thread,
        // which meanwhile says how far they have got.
        let read = Atomic<Int>(0)
        let what = "reading the \(files.count) scene files in \(directory)"
        var entries = [Entry](unsafeUninitializedCapacity: files.count) { buffer, count in
            nonisolated(unsafe) let out = buffer.baseAddress!
            let finished = DispatchSemaphore(value: 0)
            DispatchQueue.global(qos: .userInitiated).async {
                DispatchQueue.concurrentPerform(iterations: files.count) { i in
                    let path = (directory as NSString).appendingPathComponent(files[i])
                    do { (out + i).initialize(to: Entry(path: path, scene: try SceneFile.load(path: path), error: nil)) }
                    catch { (out + i).initialize(to: Entry(path: path, scene: nil, error: "\(error)")) }
                    read.add(1, ordering: .relaxed)
                }
                finished.signal()
            }
            while finished.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
                SceneProgress.report(what, Double(read.load(ordering: .relaxed)) / Double(files.count))
            }
            count = files.count
        }
        entries.sort { a, b in
            let ka = sectionKey(a.scene?.section), kb = sectionKey(b.scene?.section)
            if ka != kb { return ka.lexicographicallyPrecedes(kb) }
            return a.title < b.title
        }
        return SceneLibrary(directory: directory, entries: entries)
    }

    /// `8.2.10` sorts after `8.2.9`; no section sorts last.
    static func sectionKey(_ section: String?) -> [Int] {
        guard let s = section, !s.isEmpty else { return [Int.max] }
        return s.split(whereSeparator: { !$0.isNumber }).map { Int($0) ?? Int.max }
    }

    /// The scene library a user most likely means: `./scenes`, else the `scenes` folder of the
    /// package the executable was built in (so `swift run` works from anywhere).
    public static func defaultDirectory() -> String? {
        let fm = FileManager.default
        if fm.fileExists(atPath: "scenes") { return "scenes" }
        var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent("scenes").path
            if fm.fileExists(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
