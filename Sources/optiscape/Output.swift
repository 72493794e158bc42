import ArgumentParser
import Foundation
import OptiscapeCore

/// Where a command's output goes, buffered (one write(2) per 64 KiB, not per row): standard
/// output, or a file claimed before any work starts (see ``OutputFile`` for how each mode
/// survives a crash). A failed write ends the program at once with one line and status 1 —
/// there is no point computing what cannot be written; a closed pipe (`| head`) ends it quietly.
struct Output {
    private var buffer: [UInt8] = []
    private let file: OutputFile?

    /// Standard output.
    init() {
        file = nil
        buffer.reserveCapacity(1 << 17)
    }

    /// `path` (standard output for nil or "-"), refusing to replace a file without `force`.
    init(path: String?, force: Bool, mode: OutputFile.Mode) throws(OutputError) {
        if let path, path != "-" {
            file = try OutputFile(path: path, force: force, mode: mode)
        } else {
            file = nil
        }
        buffer.reserveCapacity(1 << 17)
    }

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        if buffer.isEmpty && bytes.count >= 1 << 16 {
            // A whole chunk: straight to the descriptor, no copy.
            emit(UnsafeRawBufferPointer(bytes))
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Hands the buffer to the kernel (whole lines, when the caller writes whole lines).
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { emit($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, puts it in place (see ``OutputFile/commit()``).
    mutating func finish() throws(OutputError) {
        flush()
        try file?.commit()
    }

    private func emit(_ raw: UnsafeRawBufferPointer) {
        guard let file else { return Output.writeStandardOutput(raw) }
        file.write(raw)
        if let failure = file.failure {
            file.discard()
            FileHandle.standardError.write(Data("optiscape: \(failure)\n".utf8))
            Glibc.exit(1)
        }
    }

    private static func writeStandardOutput(_ raw: UnsafeRawBufferPointer) {
        var off = 0
        while off < raw.count {
            let n = Glibc.write(1, raw.baseAddress! + off, raw.count - off)
            if n <= 0 { if errno == EINTR { continue }; Glibc.exit(errno == EPIPE ? 0 : 1) }
            off += n
        }
    }
}
