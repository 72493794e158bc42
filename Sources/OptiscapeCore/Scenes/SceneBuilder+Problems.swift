import Yams

/// The errors a ``SceneBuilder`` has met so far: validation goes on past an error, part by
/// part, so that `optiscape check` reports every mistake of a file at once.
final class SceneProblems {
    private(set) var errors: [SceneFileError] = []

    func add(_ e: SceneFileError) { errors.append(e) }
    func add(_ es: [SceneFileError]) { errors += es }

    /// The first error carrying the others, or nil when there were none. They are in the order
    /// validation met them, which is the documented order of the keys (so the first is the
    /// error a one-error validator reported), each once.
    var combined: SceneFileError? {
        var unique: [SceneFileError] = []
        for e in errors where !unique.contains(e) { unique.append(e) }
        guard var first = unique.first else { return nil }
        first.further = Array(unique.dropFirst())
        return first
    }
}

extension SceneBuilder {
    /// Runs one independent part of the validation: its value, or nil with its error noted.
    func attempt<T>(_ body: () throws -> T) rethrows -> T? {
        do { return try body() } catch let e as SceneFileError {
            problems.add(e.all)
            return nil
        }
    }

    /// Notes each key of `f` not in `allowed`.
    func noteUnknown(_ f: Fields, _ allowed: [String], what: String) {
        problems.add(f.unknownKeys(allowed, r, what: what))
    }

    /// A runner's label as far as it can be read (for claims when the runner itself is invalid).
    func lenientLabel(_ node: Node) -> String? {
        guard let f = try? r.fields(node, "", expected: "") else { return nil }
        return (f["label"] ?? f["optimizer"]).flatMap { try? r.text($0, "") }
    }
}
