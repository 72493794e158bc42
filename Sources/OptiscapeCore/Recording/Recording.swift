import Foundation

/// A recorded interactive session: self-contained (the whole scene, the seed, the stopping
/// rules, the terminal size) plus every command with the frame it happened at. Replayed
/// through ``SessionDriver`` it reproduces the session bit for bit.
///
/// The file is JSON Lines (documented in README.md, "Recordings"):
///
/// ```
/// {"optiscape":"recording","version":1,"program":"0.1.0","seed":0,"size":[120,40],"rules":{"tol":1e-08,"bound":1000000.0},"scene":{…}}
/// {"t":0,"ms":812,"c":"step","n":1}
/// {"t":57,"ms":3021,"c":"toggleRun"}
/// {"t":57,"ms":3400,"end":true}
/// ```
///
/// `t` is the frame (see ``SessionDriver``), `ms` the time since the session began (used
/// only to pace playback), the rest the ``Command`` (see `Command+JSON.swift`). The last line
/// `"end":true` marks where the recording stopped (`R` again, quit, or another scene); a file
/// without it was cut off (a crash) and plays up to its last whole line.
public struct Recording: Sendable {
    /// The format version this program writes and reads.
    public static let formatVersion = 1
    /// The largest frame number read: twelve hours at 30 frames a second. Playback builds one
    /// moment per frame, so an absurd `t` (a flipped byte) would otherwise hang it.
    public static let maxFrame = 12 * 3600 * 30

    public var header: Header
    public var events: [RecordedEvent]
    /// The frame of the end marker, if the file has one.
    public var endFrame: Int?
    /// Millis of the end marker, if any.
    public var endMillis: Int?
    /// The line of the end marker in the file it was read from, if any (for errors about it).
    public var endLine: Int?
    /// Problems that did not stop reading (a cut-off last line), as `file:line: message`.
    public var warnings: [String] = []
    /// The file it was read from.
    public var path: String?

    public init(header: Header, events: [RecordedEvent], endFrame: Int? = nil, endMillis: Int? = nil) {
        self.header = header; self.events = events; self.endFrame = endFrame; self.endMillis = endMillis
    }

    public struct Header: Sendable {
        public var version: Int
        public var program: String
        public var scene: Scene
        public var rules: StoppingRules
        public var columns: Int
        public var rows: Int

        public init(scene: Scene, rules: StoppingRules = StoppingRules(), columns: Int, rows: Int,
                    version: Int = Recording.formatVersion, program: String = OptiscapeVersion.string) {
            self.version = version; self.program = program; self.scene = scene; self.rules = rules
            self.columns = columns; self.rows = rows
        }

        /// The header line (without the newline).
        public var json: String {
            JSONValue.object([
                ("optiscape", .string("recording")),
                ("version", .number(String(version))),
                ("program", .string(program)),
                ("seed", .number(String(scene.seed))),
                ("size", .array([.number(String(columns)), .number(String(rows))])),
                ("rules", .object([("tol", .number(JSONText.number(rules.gradientTolerance))),
                                   ("bound", .number(JSONText.number(rules.divergenceBound)))])),
                ("scene", SceneJSON.value(scene)),
            ]).text
        }
    }

    /// The end-marker line.
    public static func endLine(frame: Int, millis: Int?) -> String {
        var f: [(String, JSONValue)] = [("t", .number(String(frame)))]
        if let millis { f.append(("ms", .number(String(millis)))) }
        return JSONValue.object(f + [("end", .bool(true))]).text
    }

    /// The whole file's text.
    public var text: String {
        var s = header.json + "\n"
        for e in events { s += e.json + "\n" }
        if let endFrame { s += Recording.endLine(frame: endFrame, millis: endMillis) + "\n" }
        return s
    }

    /// The state at the start of the recording.
    public func initialState(trajectoryLimits: Trajectory.Limits = .display) throws -> AppState {
        try AppState(scene: header.scene, rules: header.rules, trajectoryLimits: trajectoryLimits)
    }

    // MARK: Reading

    /// Reads the recording at `path` (named as given in errors).
    public static func load(path: String) throws(RecordingError) -> Recording {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            throw RecordingError(file: path, line: nil,
                                 message: !exists ? "no such file" : isDir.boolValue ? "is a directory, not a recording" : "cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Reads recording text as if from `path`.
    public static func parse(_ text: String, path: String) throws(RecordingError) -> Recording {
        func fail(_ line: Int, _ m: String) -> RecordingError { RecordingError(file: path, line: line, message: m) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { lines.removeLast() }
        guard let first = lines.first, !first.isEmpty else { throw fail(1, "empty file; not an optiscape recording") }

        // Header.
        let head: JSONValue
        do { head = try JSONValue.parse(first) } catch {
            throw fail(1, lines.count == 1 && !endsWithNewline
                       ? "the header line is incomplete (the recording was cut off)"
                       : "not an optiscape recording (the header is not JSON: \(error))")
        }
        guard head["optiscape"]?.stringValue == "recording" else {
            throw fail(1, "not an optiscape recording (the header has no \"optiscape\": \"recording\")")
        }
        guard let version = head["version"]?.int else { throw fail(1, "the header has no format version") }
        guard version == formatVersion else {
            throw fail(1, "recording format version \(version) is not supported (this optiscape \(OptiscapeVersion.string) reads version \(formatVersion))")
        }
        guard let program = head["program"]?.stringValue else { throw fail(1, "the header has no program version") }
        guard case let .array(size)? = head["size"], size.count == 2, let cols = size[0].int, let rows = size[1].int,
              (1...4096).contains(cols), (1...4096).contains(rows) else {
            throw fail(1, "the header's size is not [columns, rows]")
        }
        guard let seed = head["seed"]?.uint64 else { throw fail(1, "the header has no seed") }
        var rules = StoppingRules()
        if let r = head["rules"] {
            guard let tol = r["tol"]?.double, let bound = r["bound"]?.double else {
                throw fail(1, "the header's rules need finite numbers tol and bound")
            }
            rules = StoppingRules(gradientTolerance: tol, divergenceBound: bound)
        }
        guard let sceneValue = head["scene"], case .object = sceneValue else { throw fail(1, "the header has no scene") }
        var scene: Scene
        do {
            scene = try SceneFile.parse(sceneValue.text, path: path)
        } catch let e as SceneFileError {
            let field = e.field.map { "scene.\($0): " } ?? "scene: "
            throw fail(1, "the recorded scene no longer validates: \(field)\(e.message)")
        } catch {
            throw fail(1, "the recorded scene no longer validates: \(error)")
        }
        scene.seed = seed
        do { _ = try AppState(scene: scene, rules: rules) } catch {
            throw fail(1, "the recorded scene no longer validates: \(error)")
        }
        var recording = Recording(header: Header(scene: scene, rules: rules, columns: cols, rows: rows,
                                                 version: version, program: program), events: [])
        recording.path = path

        // Events.
        var lastFrame = 0
        for (k, line) in lines.enumerated().dropFirst() {
            let number = k + 1
            let isLast = k == lines.count - 1
            if recording.endFrame != nil {
                if line.trimmingCharacters(in: .whitespaces).isEmpty && isLast { break }
                throw fail(number, "text after the end of the recording")
            }
            let v: JSONValue
            do { v = try JSONValue.parse(line) } catch {
                if isLast && !endsWithNewline {
                    recording.warnings.append("\(path):\(number): the last line is incomplete (the recording was cut off); playing the \(recording.events.count) events before it")
                    break
                }
                throw fail(number, "not a JSON event line (\(error))")
            }
            guard case .object = v else { throw fail(number, "not an event: expected {\"t\": frame, \"c\": command, …}") }
            guard let t = v["t"]?.int, t >= 0 else { throw fail(number, "the event has no frame (\"t\": a whole number ≥ 0)") }
            guard t <= maxFrame else { throw fail(number, "frame \(t) is beyond any session (at most \(maxFrame), twelve hours)") }
            guard t >= lastFrame else { throw fail(number, "frame \(t) comes before the previous event's frame \(lastFrame)") }
            lastFrame = t
            let ms = v["ms"]?.int
            if v["end"]?.boolValue == true {
                recording.endFrame = t
                recording.endMillis = ms
                recording.endLine = number
                continue
            }
            do {
                recording.events.append(RecordedEvent(frame: t, millis: ms, command: try Command(json: v), line: number))
            } catch {
                throw fail(number, "\(error)")
            }
        }
        return recording
    }
}

/// A problem with a recording file: `file:line: message`.
public struct RecordingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public init(file: String, line: Int?, message: String) { self.file = file; self.line = line; self.message = message }
    public var description: String { file + (line.map { ":\($0)" } ?? "") + ": " + message }
}
