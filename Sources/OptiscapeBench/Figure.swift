import Glibc

/// One measured number of `optiscape bench`: a stable name, the median of its repetitions and
/// its unit, plus what only people read (how it was measured, the target it is held to).
public struct Figure: Sendable, Equatable {
    /// Dotted and stable across runs and `--quick` (e.g. `steps.rosenbrock.adam`); scripts key on it.
    public var name: String
    /// The median of the repetitions.
    public var value: Double
    /// `steps/s`, `evals/s`, `ms`, `B`, `MiB`, `%`, `×`.
    public var unit: String
    /// The workload in words (sizes, repetitions), for the text table.
    public var detail: String
    /// The issue's target for this machine, if it has one.
    public var target: Target?

    public init(_ name: String, _ value: Double, _ unit: String, detail: String = "", target: Target? = nil) {
        self.name = name; self.value = value; self.unit = unit; self.detail = detail; self.target = target
    }

    /// Whether the value meets its target (nil without a target).
    public var meetsTarget: Bool? { target.map { $0.isMet(by: value) } }
}

/// A bound a figure is held to.
public struct Target: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case atLeast, atMost }
    public var kind: Kind
    public var bound: Double

    public static func atLeast(_ v: Double) -> Target { Target(kind: .atLeast, bound: v) }
    public static func atMost(_ v: Double) -> Target { Target(kind: .atMost, bound: v) }

    public func isMet(by v: Double) -> Bool { kind == .atLeast ? v >= bound : v <= bound }
}

/// Where the figures were measured.
public struct MachineInfo: Sendable {
    public var cpu: String
    public var cores: Int
    /// `release` or `debug` (how this binary was compiled).
    public var configuration: String
    public var system: String

    public static func current() -> MachineInfo {
        #if DEBUG
        let configuration = "debug"
        #else
        let configuration = "release"
        #endif
        return MachineInfo(cpu: cpuModel(), cores: onlineCores(), configuration: configuration, system: kernel())
    }

    public var isDebug: Bool { configuration == "debug" }

    /// The 1-minute load average now (other processes competing for the cores depress every
    /// figure), from /proc/loadavg.
    public static func loadAverage() -> Double? {
        guard let text = try? readText("/proc/loadavg"), let first = text.split(separator: " ").first else { return nil }
        return Double(first)
    }

    /// `AMD EPYC, 2 cores, release build, Linux 6.1.0`.
    public var summary: String { "\(cpu), \(cores) core\(cores == 1 ? "" : "s"), \(configuration) build, \(system)" }

    static func cpuModel() -> String {
        guard let text = try? readText("/proc/cpuinfo") else { return "unknown CPU" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            }
        }
        return "unknown CPU"
    }

    static func onlineCores() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    static func kernel() -> String {
        var u = utsname()
        guard uname(&u) == 0 else { return "unknown system" }
        func field<T>(_ t: T) -> String {
            withUnsafeBytes(of: t) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "\(field(u.sysname)) \(field(u.release))"
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
