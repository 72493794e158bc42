import Foundation
import Testing

/// Every option and argument of every subcommand, read from the parser's own description
/// (`optiscape --experimental-dump-help`, so a new option is covered without editing this
/// file), fed wrong values: each run must end with status 1 or 2 and one line on stderr — no
/// stack trace, no usage wall. Runs without a terminal, as CI does: the interactive commands
/// must reject a bad value before they look for one.
@Suite struct BadOptionValueTests {
    /// One option, flag or positional argument of one subcommand.
    struct Argument: Sendable, CustomTestStringConvertible {
        var command: String
        /// `--lr`, `-o`, or the value name of a positional (`scene.yaml`).
        var name: String
        var kind: String
        var valueName: String
        var testDescription: String { "\(command) \(name)" }
        var isPositional: Bool { kind == "positional" }
    }

    static let arguments: [Argument] = {
        let r = Spawn.optiscape("--experimental-dump-help")
        guard let json = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
              let root = json["command"] as? [String: Any],
              let subcommands = root["subcommands"] as? [[String: Any]] else { return [] }
        var all: [Argument] = []
        for sub in subcommands {
            guard let command = sub["commandName"] as? String, command != "help" else { continue }
            for a in sub["arguments"] as? [[String: Any]] ?? [] {
                let kind = a["kind"] as? String ?? ""
                let valueName = a["valueName"] as? String ?? ""
                var name = valueName
                if let preferred = a["preferredName"] as? [String: Any], let n = preferred["name"] as? String {
                    name = (preferred["kind"] as? String == "short" ? "-" : "--") + n
                }
                if ["--help", "-h", "--version", "--experimental-dump-help"].contains(name) { continue }
                all.append(Argument(command: command, name: name, kind: kind, valueName: valueName))
            }
        }
        return all
    }()

    /// Files the cases need: a folder, an existing file, a valid recording.
    static let folder: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optiscape-badopt-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/exists.txt", contents: Data("old\n".utf8))
        _ = try? RecordingCLITests.record(to: dir + "/session.jsonl")
        return dir
    }()

    /// Values that are wrong for any number, name or list option.
    static let wrongValues = ["abc", "1e999", "-5", "nan", "", "sideways", "99999999999999999999"]

    /// Options naming a file to write, and options naming a file or folder to read.
    static let outputOptions: Set<String> = ["-o", "--output", "--cast", "--gif"]
    static let pathValueNames: Set<String> = ["file", "file.jsonl", "out.cast", "dir", "scene.yaml"]

    /// Values that really are valid for an option (the run may succeed), with why.
    static let valid: Set<String> = [
        "--expr -5", "--expr 99999999999999999999", // constant landscapes are expressions
        "--show ",                                   // no panels
        // Finite numbers with no upper limit (PyTorch sets none): 1e20 is a valid, silly value.
        "--lr 99999999999999999999", "--momentum 99999999999999999999", "--eps 99999999999999999999",
        "--weight-decay 99999999999999999999", "--noise 99999999999999999999",
        "--clip-norm 99999999999999999999", "--clip-value 99999999999999999999",
        "--tol 99999999999999999999", "--bound 99999999999999999999",
    ]

    /// The wrong command lines for `a`: each is appended to the command's base arguments.
    ///
    /// An option several subcommands share (the simulation options of ui, record, trace and
    /// render are one `OptionGroup`) gets every wrong value in the first subcommand that lists
    /// it and, in each later one, the missing value and one wrong value, a different one per
    /// subcommand: every (subcommand, option) pair still sees a wrong value, without running
    /// the same parsing code four times over (a debug build's argument parser validates its
    /// whole command tree at every start, ~0.2 s a run).
    static func cases(_ a: Argument) -> [[String]] {
        let all = allCases(a)
        guard !a.isPositional, let owner = firstCommand[a.name], owner != a.command, all.count > 2,
              let k = commandOrder.firstIndex(of: a.command) else { return all }
        return [all[k % (all.count - 1)], all[all.count - 1]]
    }

    /// Subcommands in the order the dump lists them.
    static let commandOrder: [String] = arguments.reduce(into: []) { if $0.last != $1.command { $0.append($1.command) } }

    /// For each option name, the first subcommand that lists it.
    static let firstCommand: [String: String] = arguments.reduce(into: [:]) { if !$1.isPositional, $0[$1.name] == nil { $0[$1.name] = $1.command } }

    /// Every wrong command line for `a`, the value missing last.
    static func allCases(_ a: Argument) -> [[String]] {
        let f = folder
        switch a.kind {
        case "flag":
            return [["\(a.name)=abc"]]
        case "positional":
            return ["", "/nonexistent/x.yaml", f].map { [$0] }
        default:
            var values: [String]
            if outputOptions.contains(a.name) {
                values = ["", "/nonexistent/dir/out", f, f + "/exists.txt"]
            } else if pathValueNames.contains(a.valueName) {
                values = ["", "/nonexistent/x", a.valueName == "dir" ? f + "/exists.txt" : f]
            } else {
                values = wrongValues.filter { !valid.contains("\(a.name) \($0)") }
            }
            return values.map { [a.name, $0] } + [[a.name]] // and the value missing
        }
    }

    /// Arguments that make `command` valid and quick, minus the one under test.
    static func base(_ a: Argument) -> [String] {
        let f = folder, id = UUID().uuidString
        var b: [String]
        switch a.command {
        case "record": b = ["-o", "\(f)/rec-\(id).jsonl"]
        case "play": b = ["\(f)/session.jsonl", "--cast", "\(f)/out-\(id).cast"]
        case "trace": b = ["--steps", "3", "-o", "\(f)/trace-\(id).csv"]
        case "render": b = ["--size", "60x20", "-o", "\(f)/frame-\(id).txt"]
        case "check": b = [Spawn.packageRoot.appendingPathComponent("scenes/cliff.yaml").path]
        case "bench": b = ["--quick", "--only", "eval"]
        default: b = []
        }
        if a.isPositional, a.command == "play" || a.command == "check" { b.removeFirst() }
        if let i = b.firstIndex(of: a.name) { b.removeSubrange(i...i + 1) }
        return b
    }

    static var caseCount: Int { arguments.map { cases($0).count }.reduce(0, +) }

    @Test func theDumpListsEverySubcommand() {
        let commands = Set(Self.arguments.map(\.command))
        #expect(commands.isSuperset(of: ["ui", "record", "play", "trace", "render", "check", "bench"]), "\(commands)")
        #expect(Self.arguments.count > 100, "only \(Self.arguments.count) arguments in the dump")
        #expect(Self.caseCount > 300, "only \(Self.caseCount) cases")
    }

    @Test(arguments: arguments)
    func wrongValuesGiveOneLineAndStatusOneOrTwo(_ a: Argument) {
        for c in Self.cases(a) {
            let args = [a.command] + Self.base(a) + c
            let r = Spawn.optiscape(args: args, timeout: 120)
            let shown = args.map { $0.isEmpty ? "''" : $0 }.joined(separator: " ")
            #expect(r.status == 1 || r.status == 2, "\(shown): status \(r.status)")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump") && !r.stderr.contains("USAGE"), "\(shown): \(r.stderr)")
            let err = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if a.command == "check" && a.isPositional {
                // check reports each file on stdout, one line (FILE:LINE:COL: … or FILE: …).
                #expect(err.isEmpty && r.stdout.split(separator: "\n").count == 1, "\(shown): \(r.stdout)\(r.stderr)")
            } else if a.name == "--expr" && err.count == 3 {
                // An expression error echoes the expression with a caret under the column.
                #expect(err[0].hasPrefix("optiscape: expression: ") && err[2].hasSuffix("^"), "\(shown): \(r.stderr)")
            } else {
                #expect(err.count == 1 && r.stderr.hasPrefix("optiscape"), "\(shown): \(r.stderr)")
                #expect(r.stdout.isEmpty, "\(shown): stdout \(r.stdout.prefix(200))")
            }
        }
    }
}
