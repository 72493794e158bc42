/// What is wrong with a scene file, located: `path:line:col: field.path: message`, e.g.
/// `scenes/x.yaml:12:5: runners[1].optimizer: unknown optimizer "adamm" (did you mean "adam"?)`.
///
/// `field` is the dotted path of the offending field (`runners[1].schedule.kind`,
/// `landscape.params.kappa`); it is nil for errors about the file as a whole (unreadable,
/// not UTF-8, malformed YAML). `location` is nil only when the file could not be read at all.
///
/// Validation goes on after an error, so one error carries the file's other errors in
/// ``further`` (in the order validation met them); ``all`` lists them, `optiscape check` prints each on its line.
public struct SceneFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var location: SceneFileLocation?
    public var field: String?
    public var message: String
    /// The file's other errors, after this one.
    public var further: [SceneFileError]

    public init(file: String, location: SceneFileLocation?, field: String?, message: String,
                further: [SceneFileError] = []) {
        self.file = file; self.location = location; self.field = field; self.message = message
        self.further = further
    }

    /// This error and the further ones, each on its own (one line each).
    public var all: [SceneFileError] {
        var first = self
        first.further = []
        return [first] + further
    }

    /// This error on one line (``further`` not included; see ``withCount``).
    public var description: String {
        var s = file
        if let location { s += ":\(location)" }
        s += ": "
        if let field, !field.isEmpty { s += field + ": " }
        return s + message
    }

    /// One line: this error, and how many more there are, for commands that show only the first.
    public var withCount: String {
        guard !further.isEmpty else { return description }
        return description + " (and \(further.count) more error\(further.count == 1 ? "" : "s"): optiscape check \(file) lists them)"
    }
}
