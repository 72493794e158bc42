/// What is wrong with a scene file, located: `path:line:col: field.path: message`, e.g.
/// `scenes/x.yaml:12:5: runners[1].optimizer: unknown optimizer "adamm" (did you mean "adam"?)`.
///
/// `field` is the dotted path of the offending field (`runners[1].schedule.kind`,
/// `landscape.params.kappa`); it is nil for errors about the file as a whole (unreadable,
/// not UTF-8, malformed YAML). `location` is nil only when the file could not be read at all.
public struct SceneFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var location: SceneFileLocation?
    public var field: String?
    public var message: String

    public init(file: String, location: SceneFileLocation?, field: String?, message: String) {
        self.file = file; self.location = location; self.field = field; self.message = message
    }

    public var description: String {
        var s = file
        if let location { s += ":\(location)" }
        s += ": "
        if let field, !field.isEmpty { s += field + ": " }
        return s + message
    }
}
