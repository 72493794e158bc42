import Foundation

/// One entry of the built-in landscape catalogue: how to build it, and what it accepts.
public struct LandscapeEntry: Sendable {
    public var name: String
    /// One line for `optiscape list` and the scene picker.
    public var summary: String
    public var parameters: [LandscapeParameter]
    public var make: @Sendable ([String: Double]) -> any Landscape

    public init(name: String, summary: String, parameters: [LandscapeParameter] = [],
                make: @escaping @Sendable ([String: Double]) -> any Landscape) {
        self.name = name; self.summary = summary; self.parameters = parameters; self.make = make
    }

    /// Builds the landscape with `overrides` on top of the defaults; unknown names,
    /// out-of-range and non-integer values are user errors that say what is allowed.
    public func instantiate(_ overrides: [String: Double] = [:]) throws -> any Landscape {
        var values = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.defaultValue) })
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let p = parameters.first(where: { $0.name == key }) else {
                let allowed = parameters.isEmpty ? "it takes no parameters" : "allowed: " + parameters.map(\.name).joined(separator: ", ")
                throw LandscapeError("landscape \"\(name)\" has no parameter \"\(key)\" (\(allowed))")
            }
            guard value.isFinite, p.range.contains(value) else {
                throw LandscapeError("parameter \(key)=\(value) is out of range for \"\(name)\" (allowed: \(p.range.lowerBound) to \(p.range.upperBound))")
            }
            if p.integer, value.rounded() != value {
                throw LandscapeError("parameter \(key)=\(value) of \"\(name)\" must be a whole number")
            }
            values[key] = value
        }
        return make(values)
    }
}

/// The built-in landscapes, in the order `optiscape list` shows them.
public enum LandscapeCatalog {
    public static let all: [LandscapeEntry] = builtIns

    public static func entry(named name: String) throws -> LandscapeEntry {
        if let e = all.first(where: { $0.name == name }) { return e }
        var msg = "unknown landscape \"\(name)\""
        if let s = Suggest.closest(to: name, in: all.map(\.name)) { msg += " (did you mean \"\(s)\"?)" }
        msg += "; known: " + all.map(\.name).joined(separator: ", ")
        throw LandscapeError(msg)
    }

    public static func make(_ name: String, parameters: [String: Double] = [:]) throws -> any Landscape {
        try entry(named: name).instantiate(parameters)
    }
}
