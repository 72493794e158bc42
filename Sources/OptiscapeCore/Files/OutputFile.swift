import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file a command writes, claimed before any work is done and written so that a crash or
/// `kill -9` at any moment leaves a readable file. The one way optiscape writes files
/// (recordings, casts, traces, rendered frames).
///
/// - ``Mode/atomic`` (whole documents: JSON, a frame, a cast): the bytes go to a hidden
///   temporary file in the same folder, which ``commit()`` renames into place. The path holds
///   either nothing, the old file, or the complete new one — never half a document. A
///   temporary left by `kill -9` is `.NAME.optiscape-XXXXXX` beside it; Ctrl-C, SIGTERM and
///   SIGHUP remove it.
/// - ``Mode/streamed`` (CSV rows, JSON Lines recordings): the file itself is written, every
///   ``write(_:)`` one write(2) of whole lines, so after a crash it holds a prefix whose lines
///   are complete except perhaps the last.
///
/// Never replaces an existing file unless `force`. Every problem with the path (it exists, it is
/// a folder, its folder is missing or not writable) is found by the initializer. A path that
/// exists but is not a regular file or folder (`/dev/null`, a named pipe) is written in place.
public final class OutputFile {
    public enum Mode: Sendable { case atomic, streamed }

    /// The path as given (named in errors).
    public let path: String
    public let mode: Mode
    /// The first write error, if any; later writes are dropped.
    public private(set) var failure: OutputError?
    private var fd: Int32
    /// The temporary being written (atomic mode), until commit or discard.
    private var temporary: String?
    private let force: Bool
    /// Whether discarding should remove `path` (a streamed file this process created).
    private var ownsPath: Bool
    /// A streamed file replaced with `force` is emptied at the first write, not before: an
    /// error before any output (no terminal for `record`) leaves the old file as it was.
    private var truncatePending = false

    /// Claims `path`. Throws a one-line error naming it when it cannot be written.
    public init(path: String, force: Bool, mode: Mode) throws(OutputError) {
        self.path = path
        self.mode = mode
        self.force = force
        if path.isEmpty { throw OutputError(path, "the output file name is empty") }
        var st = stat()
        let exists = stat(path, &st) == 0
        let kind = st.st_mode & S_IFMT
        if exists && kind == S_IFDIR { throw OutputError(path, "is a folder; give a file name") }
        if exists && kind != S_IFREG {
            // A device or a pipe: there is nothing to replace, write to it as it is.
            fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw OutputError(path, OutputFile.why(errno, path)) }
            temporary = nil
            ownsPath = false
            return
        }
        if exists && !force { throw OutputError.exists(path) }
        switch mode {
        case .streamed:
            fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (force ? 0 : O_EXCL), 0o666)
            guard fd >= 0 else {
                throw errno == EEXIST ? OutputError.exists(path) : OutputError(path, OutputFile.why(errno, path))
            }
            temporary = nil
            ownsPath = !exists
            truncatePending = exists
        case .atomic:
            let folder = OutputFile.folder(of: path)
            let name = (path as NSString).lastPathComponent
            // mkstemp's job done by hand, so that the name is known to the signal clean-up
            // before the file exists: a Ctrl-C or SIGTERM between creating it and registering it
            // left it behind (seen under load).
            let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            var tmp = ""
            var code: Int32 = 0, made: Int32 = -1
            for _ in 0..<100 {
                tmp = "\(folder)/.\(name).optiscape-" + String((0..<6).map { _ in letters.randomElement()! })
                TemporaryCleanup.add(tmp)
                made = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                code = errno
                if made >= 0 { break }
                TemporaryCleanup.remove(tmp)  // not ours (a name taken), or not made
                if code != EEXIST { break }
            }
            guard made >= 0 else { throw OutputError(path, OutputFile.why(code, path)) }
            fd = made
            // Made 0600, as mkstemp would; give the final file the mode a new file would get (or the old one's).
            _ = fchmod(fd, exists ? st.st_mode & 0o7777 : 0o666 & ~OutputFile.umaskValue)
            temporary = tmp
            ownsPath = false
        }
    }

    deinit {
        // An atomic output never committed (an error, an early return) leaves nothing behind.
        if temporary != nil { discard() }
        if fd >= 0 { _ = Glibc.close(fd) }
    }

    /// Writes all of `bytes` with as few write(2) calls as the kernel allows.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard fd >= 0, failure == nil, bytes.count > 0 else { return }
        if truncatePending { truncateNow() }
        var off = 0
        while off < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + off, bytes.count - off)
            if n < 0 {
                if errno == EINTR { continue }
                failure = OutputError(path, "write failed (\(String(cString: strerror(errno))))")
                return
            }
            off += n
        }
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Finishes the file: atomic mode flushes the temporary to disk and renames it into place
    /// (without `force`, refusing a file that appeared meanwhile). Throws the first write error.
    public func commit() throws(OutputError) {
        if truncatePending { truncateNow() }
        if let failure { discard(); throw failure }
        guard let tmp = temporary else {
            if fd >= 0 { _ = Glibc.close(fd); fd = -1 }
            return
        }
        if fsync(fd) != 0 && errno != EINVAL {
            let e = OutputError(path, "write failed (\(String(cString: strerror(errno))))")
            discard()
            throw e
        }
        _ = Glibc.close(fd)
        fd = -1
        if force {
            guard rename(tmp, path) == 0 else { let e = OutputError(path, OutputFile.why(errno, path)); discard(); throw e }
        } else if link(tmp, path) == 0 {
            // link(2) never replaces: a file created at `path` while we worked is kept.
            unlink(tmp)
        } else if errno == EEXIST {
            discard()
            throw OutputError.exists(path)
        } else {
            // A file system without hard links: check, then rename.
            var st = stat()
            if stat(path, &st) == 0 { discard(); throw OutputError.exists(path) }
            guard rename(tmp, path) == 0 else { let e = OutputError(path, OutputFile.why(errno, path)); discard(); throw e }
        }
        TemporaryCleanup.remove(tmp)
        temporary = nil
    }

    private func truncateNow() {
        truncatePending = false
        if ftruncate(fd, 0) != 0 { failure = OutputError(path, "cannot be emptied (\(String(cString: strerror(errno))))") }
    }

    /// Abandons the output: removes the temporary, or the streamed file this process created
    /// (an existing file replaced with `force` keeps what was written).
    public func discard() {
        if fd >= 0 { _ = Glibc.close(fd); fd = -1 }
        if let tmp = temporary {
            unlink(tmp)
            temporary = nil
            TemporaryCleanup.remove(tmp)
        } else if ownsPath {
            unlink(path)
            ownsPath = false
        }
    }

    /// The folder `path` is in ("." for a bare name).
    static func folder(of path: String) -> String {
        let f = (path as NSString).deletingLastPathComponent
        return f.isEmpty ? "." : f
    }

    /// Why `path` cannot be written, in words, for `errno` `code`.
    static func why(_ code: Int32, _ path: String) -> String {
        let folder = folder(of: path)
        var st = stat()
        switch code {
        case ENOENT where stat(folder, &st) != 0: return "cannot be written: the folder \(folder) does not exist"
        case ENOTDIR: return "cannot be written: \(folder) is not a folder"
        case EACCES, EPERM: return "cannot be written: permission denied"
        case EISDIR: return "is a folder; give a file name"
        default: return "cannot be written (\(String(cString: strerror(code))))"
        }
    }

    private static var umaskValue: mode_t {
        let m = umask(0o022)
        umask(m)
        return m
    }
}

/// Why an output file cannot be written: one line naming the file.
public struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(_ path: String, _ message: String) { self.path = path; self.message = message }
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    static func exists(_ path: String) -> OutputError { OutputError(path, "already exists (use --force to overwrite it)") }
}
