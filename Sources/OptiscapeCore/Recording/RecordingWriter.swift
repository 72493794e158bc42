import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a recording file line by line, each line with its own write(2) as it happens, so
/// after a crash or `kill -9` every event before it is in the file. Never overwrites an
/// existing file unless `force`.
public final class RecordingWriter {
    public let path: String
    private var fd: Int32
    /// The first write error, if any (the session goes on; the caller reports it).
    public private(set) var failure: String?

    /// Creates (or with `force` truncates) the file. Throws a one-line error naming the path.
    public init(path: String, force: Bool) throws(RecordingError) {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else {
            let why = errno == EEXIST ? "already exists (use --force to overwrite it)"
                : errno == EISDIR ? "is a directory" : "cannot be written (\(String(cString: strerror(errno))))"
            throw RecordingError(file: path, line: nil, message: why)
        }
        self.fd = fd
    }

    deinit { close() }

    /// Appends `line` and a newline with one write(2).
    public func write(_ line: String) {
        guard fd >= 0, failure == nil else { return }
        let bytes = Array((line + "\n").utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, bytes.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = "\(path): write failed (\(String(cString: strerror(errno))))"
                return
            }
            off += n
        }
    }

    public func close() {
        if fd >= 0 { _ = Glibc.close(fd); fd = -1 }
    }

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
