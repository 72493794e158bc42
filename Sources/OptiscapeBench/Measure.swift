import Glibc

/// Clocks, medians and a sink the optimiser cannot see through.
public enum Measure {
    /// Monotonic time in nanoseconds.
    @inline(__always)
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Seconds since `start` (a ``now()`` value).
    @inline(__always)
    public static func seconds(since start: UInt64) -> Double { Double(now() &- start) / 1e9 }

    /// The median (the mean of the middle two for an even count); 0 for none.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }

    /// `body` run `repetitions` times; the median of what it returns.
    public static func medianOf(_ repetitions: Int, _ body: () throws -> Double) rethrows -> Double {
        var values: [Double] = []
        for _ in 0..<Swift.max(repetitions, 1) { values.append(try body()) }
        return median(values)
    }
}

/// Keeps a value alive so that the work that made it is not optimised away.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

nonisolated(unsafe) private var sinkStorage: Double = 0

/// Folds a number into a global the optimiser must assume is read.
@inline(never)
public func blackHole(_ value: Double) { sinkStorage += value }

/// Errors of the benchmark harness itself (a child that would not start, a pty that failed).
public struct BenchError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A memory field of `/proc/PID/status` (`VmHWM`: peak resident, `VmRSS`: resident now) in KiB,
/// of process `pid` (`self`: this one); nil when it cannot be read (e.g. the process has exited).
func processStatusKiB(_ field: String, pid: String = "self") -> Double? {
    guard let s = try? readText("/proc/\(pid)/status") else { return nil }
    for line in s.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Double(line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    }
    return nil
}

/// The contents of a small text file (e.g. under /proc).
func readText(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw BenchError("cannot open \(path)") }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}
