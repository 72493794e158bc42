import ArgumentParser
import Foundation
import OptiscapeBench

/// `optiscape bench`: argument parsing only; the measuring lives in the OptiscapeBench target.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure optiscape's speed on this machine (one row per figure, medians of repetitions).",
        discussion: """
            Figures: optimizer steps per second (every optimizer, rosenbrock and rnn-cliff), \
            landscape evaluations (built-in against the same --expr), the contour field, whole \
            frames with long trajectories, bytes the UI writes to a 200x60 terminal per frame, \
            start-up and paused CPU, trace's rows per second and peak memory, and a long run (8 \
            runners, 10 million steps at the top speed: frame time and memory), and networks (an Adam \
            step of a 2-16-16-2 ReLU net on 200 points, a 51x51 slice, the full Hessian spectrum, \
            with GFLOP/s). Build with \
            `swift build -c release` first: a debug build is many times slower. \
            benchmarks/compare.sh sets the numbers against PyTorch, numpy and matplotlib \
            (benchmarks/networks_torch.py for the network figures).
            """)

    @Flag(help: "A fast smoke run with tiny workloads (the numbers mean little).") var quick = false
    @Option(help: "Output format: text or json (a list of {name, value, unit}).") var format: BenchFormat = .text
    @Option(help: ArgumentHelp("Only these groups, comma-separated: \(Bench.groups.joined(separator: ", ")) (default: all).",
                               valueName: "list"))
    var only: String?

    var groups: [String] { (only ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    func validate() throws {
        // An empty list would mean "all" and start a long run the user did not ask for.
        if only != nil && groups.isEmpty { throw ValidationError("--only needs at least one group; known: \(Bench.groups.joined(separator: ", "))") }
        for g in groups where !Bench.groups.contains(g) {
            throw ValidationError("unknown group \"\(g)\" for --only; known: \(Bench.groups.joined(separator: ", "))")
        }
    }

    func run() throws {
        try failing {
            let machine = MachineInfo.current()
            if machine.isDebug {
                FileHandle.standardError.write(Data("optiscape bench: warning: this is a debug build; measure a release build (swift build -c release)\n".utf8))
            }
            let loadBefore = MachineInfo.loadAverage()
            let figures = try Bench.run(quick: quick, executable: try executablePath(), only: groups)
            let loadAfter = MachineInfo.loadAverage()
            var out = Output()
            switch format {
            case .text: out.write(Bench.text(figures, machine: machine, quick: quick, loadBefore: loadBefore, loadAfter: loadAfter))
            case .json: out.write(Bench.json(figures))
            }
            out.flush()
        }
    }

    /// This binary, for the figures that run it as a child.
    func executablePath() throws -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { throw BenchError("cannot find this executable (/proc/self/exe)") }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

enum BenchFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
