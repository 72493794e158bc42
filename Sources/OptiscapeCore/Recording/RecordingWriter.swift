import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a recording file line by line, each line with its own write(2) as it happens, so
/// after a crash or `kill -9` every event before it is in the file (a streamed ``OutputFile``).
/// Never overwrites an existing file unless `force`.
public final class RecordingWriter {
    public let path: String
    private let file: OutputFile
    /// The first write error, if any (the session goes on; the caller reports it).
    public var failure: String? { file.failure?.description }

    /// Creates (or with `force` truncates) the file. Throws a one-line error naming the path.
    public init(path: String, force: Bool) throws(RecordingError) {
        self.path = path
        do { file = try OutputFile(path: path, force: force, mode: .streamed) } catch {
            throw RecordingError(file: path, line: nil, message: error.message)
        }
    }

    /// Appends `line` and a newline with one write(2).
    public func write(_ line: String) { file.write(line + "\n") }

    public func close() { try? file.commit() }

    /// Closes and removes the file (it was created for a session that never started).
    public func discard() { file.discard() }

    /// `<scene>-<yyyyMMdd-HHmmss>.jsonl` in `directory`, not yet existing (a `-2`, `-3`, …
    /// suffix when it does).
    public static func defaultPath(scene: Scene, directory: String = ".", date: Date = Date()) -> String {
        let base = scene.path.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension } ?? "session"
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyyMMdd-HHmmss"
        let name = "\(base)-\(f.string(from: date))"
        let stem = directory == "." ? name : (directory as NSString).appendingPathComponent(name)
        var candidate = stem + ".jsonl"
        var k = 2
        while FileManager.default.fileExists(atPath: candidate) { candidate = "\(stem)-\(k).jsonl"; k += 1 }
        return candidate
    }
}
