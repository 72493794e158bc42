import CPseudoTerminal
import Glibc

/// The master side of a pseudo-terminal of a given size: a child started on its slave side
/// sees a real terminal, and every byte it writes to that terminal can be counted here.
final class PseudoTerminal {
    let master: Int32
    /// The slave's path (`/dev/pts/N`), for the child to open.
    let slavePath: String

    init(columns: Int, rows: Int) throws {
        var name = [CChar](repeating: 0, count: 256)
        let fd = optiscape_open_pty(Int32(columns), Int32(rows), &name, name.count)
        guard fd >= 0 else { throw BenchError("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))") }
        master = fd
        slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { close(master) }

    /// Sends bytes as if typed.
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress! + off, $0.count - off) }
            if n < 0 { if errno == EINTR { continue }; return }
            off += n
        }
    }

    /// What one ``read(firstByteWithin:quietFor:)`` got.
    struct Burst {
        var bytes: Int
        /// ``Measure/now()`` when the last byte arrived (nil: nothing arrived).
        var lastByteAt: UInt64?
        /// The other side closed (the child exited).
        var closed: Bool
        var text: [UInt8]
    }

    /// Reads what the child writes: waits up to `firstByteWithin` seconds for a first byte,
    /// then keeps reading until nothing more arrives for `quietFor` seconds.
    func read(firstByteWithin: Double, quietFor: Double, keep: Bool = false) -> Burst {
        var burst = Burst(bytes: 0, lastByteAt: nil, closed: false, text: [])
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let wait = burst.bytes == 0 ? firstByteWithin : quietFor
            var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let r = poll(&p, 1, Int32(wait * 1000))
            if r < 0 { if errno == EINTR { continue }; return burst }
            if r == 0 { return burst }
            let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { burst.closed = true; return burst }  // EIO: the slave side is closed
            burst.bytes += n
            burst.lastByteAt = Measure.now()
            if keep { burst.text.append(contentsOf: buffer[0..<n]) }
        }
    }
}
