import Foundation
import Yams

/// Scene files: YAML read into a ``Scene`` and validated completely at load time, so that
/// `optiscape check` catches every mistake a run would meet (the landscape is built, every
/// optimizer resolved, transforms, schedules, knobs and claims checked).
///
/// The format is documented in `scenes/README.md`. Keys are snake_case (`clip_norm`,
/// `weight_decay`, `lr_end`); each `_` may be written `-` (`clip-norm`), the spelling the
/// command-line flags use. Unknown keys are errors with a did-you-mean, never ignored.
///
/// Every error is a ``SceneFileError`` printed as `path:line:col: field.path: message`.
/// No input traps: binary junk, malformed YAML, huge numbers, NaN, wrong types and deep
/// nesting are all errors.
public enum SceneFile {
    /// Larger files are refused unread (a scene is a page of text).
    public static let maxBytes = 1 << 20
    /// The largest step budget or claim window, so `check --verify` always ends.
    public static let maxSteps = 100_000
    /// The most runners one scene may race.
    public static let maxRunners = 32

    /// The top-level keys, in the order the README documents them.
    public static let sceneKeys = ["title", "section", "description", "seed", "steps", "landscape", "view", "levels",
                                   "start", "runners", "knobs", "expect", "network", "data", "weights", "plane"]
    /// The keys of a runner besides its hyper-parameters.
    public static let runnerKeys = ["label", "optimizer", "start", "color", "clip_norm", "clip_value", "noise", "batch",
                                    "schedule", "average", "init_seed"]
    /// Hyper-parameter keys: ``HyperparameterOption`` names in snake_case.
    public static let hyperparameterKeys = HyperparameterOption.allCases.map { snake($0.rawValue) }
    public static let scheduleKeys = ["kind", "lr_end", "decay_steps", "gamma", "warmup"]
    public static let knobKeys = ["param", "min", "max", "step", "factor"]
    /// Claim verbs and the window/option keys each takes (see ``Claim/Claim``).
    public static let claimVerbs: [(verb: String, options: [String])] = [
        ("diverges_within", []),
        ("converges_within", ["to"]),
        ("stalls_within", []),
        ("reaches", ["within", "tol"]),
        ("loss_below", ["within"]),
        ("loss_above", ["at"]),
        ("ends_in", ["at"]),
        ("stays_within", ["of", "from", "for"]),
        ("strays_beyond", ["of", "from", "within"]),
        ("max_step_at_most", ["from", "for"]),
        ("max_step_ratio_at_least", ["for"]),
        ("loss_below_runner", ["at"]),
        ("path_longer_than_runner", ["at"]),
        ("held_out_minimum_before", ["at"]),
        ("held_out_above_minimum", ["at"]),
    ] + NetworkClaim.verbs
    /// The default `tol` of `reaches`.
    public static let defaultReachTolerance = 1e-3

    static func snake(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "_") }

    // MARK: Entry points

    /// Reads and validates the scene file at `path` (shown as given in errors).
    public static func load(path: String) throws -> Scene {
        func fail(_ message: String) -> SceneFileError {
            SceneFileError(file: path, location: nil, field: nil, message: message)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fail("no such file")
        }
        guard !isDirectory.boolValue else { throw fail("is a directory, not a scene file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw fail("cannot open the file (permission denied?)") }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            throw fail("cannot read the file (\(error.localizedDescription))")
        }
        return try parse(data, path: path)
    }

    /// Validates scene text read from `path`.
    public static func parse(_ data: Data, path: String) throws -> Scene {
        guard data.count <= maxBytes else {
            throw SceneFileError(file: path, location: nil, field: nil,
                                 message: "is larger than \(maxBytes / 1024) KiB; a scene file is a page of YAML")
        }
        if let bad = firstInvalidUTF8(data) {
            throw SceneFileError(file: path, location: bad, field: nil, message: "not UTF-8 text (a scene file is YAML)")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Validates scene text (e.g. from a test) as if read from `path`.
    public static func parse(_ text: String, path: String) throws -> Scene {
        let reader = SceneYAMLReader(file: path)
        guard text.utf8.count <= maxBytes else {
            throw SceneFileError(file: path, location: nil, field: nil,
                                 message: "is larger than \(maxBytes / 1024) KiB; a scene file is a page of YAML")
        }
        // Yams hashes mapping keys to find duplicates; a key built from nested aliases (a
        // "billion laughs") makes that exponential. Scene files need few aliases, if any, so a
        // cap on them bounds the expansion (at most 3^(n/3) ≈ 19 times the file for n = 8).
        if let loc = tooManyAliases(text) {
            throw SceneFileError(file: path, location: loc, field: nil,
                                 message: "uses more than \(maxAliases) aliases (*name); a scene file needs a few at most")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let e as YamlError {
            throw yamlError(e, path: path, text: text)
        } catch {
            throw SceneFileError(file: path, location: SceneFileLocation(line: 1, column: 1), field: nil,
                                 message: "malformed YAML (\(error))")
        }
        guard let root else {
            throw SceneFileError(file: path, location: SceneFileLocation(line: 1, column: 1), field: nil,
                                 message: "the file is empty; a scene needs at least title, landscape and runners")
        }
        var scene = try SceneBuilder(reader: reader).scene(root)
        scene.path = path
        return scene
    }

    // MARK: Low-level errors

    /// The most YAML aliases (`*name`) a scene file may use.
    public static let maxAliases = 8

    /// Where the alias beyond ``maxAliases`` is, if there are more. Counts every `*` that
    /// starts a token (after a line start, blank, `[`, `{` or `,`) and is followed by a name
    /// character — a superset of the aliases, which errs on the side of refusing.
    static func tooManyAliases(_ text: String) -> SceneFileLocation? {
        var count = 0, line = 1, column = 0
        var previous: Unicode.Scalar = "\n"
        var pendingStar = false
        for u in text.unicodeScalars {
            column += 1
            if pendingStar {
                pendingStar = false
                if !(u == " " || u == "\t" || u == "\n" || u == "\r" || u == "," || u == "]" || u == "}" || u == "[" || u == "{") {
                    count += 1
                    if count > maxAliases { return SceneFileLocation(line: line, column: column - 1) }
                }
            }
            if u == "*" && (previous == "\n" || previous == " " || previous == "\t" || previous == "[" || previous == "{" || previous == ",") {
                pendingStar = true
            }
            if u == "\n" { line += 1; column = 0 }
            previous = u
        }
        return nil
    }

    /// The line and column of the first byte that is not valid UTF-8, if any.
    static func firstInvalidUTF8(_ data: Data) -> SceneFileLocation? {
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                if Unicode.UTF8.decode(encoded) == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return nil
            case .error:
                return SceneFileLocation(line: line, column: column)
            }
        }
    }

    /// A Yams error as `path:line:col: malformed YAML: problem`.
    static func yamlError(_ e: YamlError, path: String, text: String) -> SceneFileError {
        func located(_ mark: Mark?, _ message: String) -> SceneFileError {
            let loc = mark.map { SceneFileLocation(line: max($0.line, 1), column: max($0.column, 1)) } ?? SceneFileLocation(line: 1, column: 1)
            return SceneFileError(file: path, location: loc, field: nil, message: message)
        }
        switch e {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if problem.hasPrefix("Maximum nesting level reached") {
                return located(mark, "malformed YAML: nested too deeply (more than 1000 levels)")
            }
            var msg = "malformed YAML: \(problem)"
            if let c = context { msg += " (\(c.text) at line \(c.mark.line), column \(c.mark.column))" }
            return located(mark, msg)
        case let .reader(problem, offset, value, _):
            var loc = SceneFileLocation(line: 1, column: 1)
            if let offset {
                // Yams gives the offset in Characters.
                var line = 1, column = 1
                for ch in text.prefix(offset) {
                    if ch == "\n" || ch == "\r\n" { line += 1; column = 1 } else { column += ch.unicodeScalars.count }
                }
                loc = SceneFileLocation(line: line, column: column)
            }
            let what = value >= 0 ? " (U+\(String(format: "%04X", Int(value))))" : ""
            return SceneFileError(file: path, location: loc, field: nil, message: "unreadable YAML: \(problem)\(what)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return located(context.mark, "key \(keys) appears twice in one mapping; give it once")
        default:
            return located(nil, "malformed YAML: \(e)".split(separator: "\n").first.map(String.init) ?? "malformed YAML")
        }
    }
}
