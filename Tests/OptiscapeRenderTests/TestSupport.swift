import Foundation
import Testing
import OptiscapeCore
@testable import OptiscapeRender

/// x² + y², minimum 0 at the origin.
struct Bowl: FormulaLandscape {
    var name: String { "bowl" }
    var formula: String { "x² + y²" }
    var view: ViewBox { ViewBox(x: -2...2, y: -2...2) }
    var criticalPoints: [CriticalPoint] { [CriticalPoint(.zero, .globalMinimum)] }
    func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { x * x + y * y }
}

/// x² − y²: a saddle at the origin.
struct SaddleSurface: FormulaLandscape {
    var name: String { "saddle" }
    var formula: String { "x² − y²" }
    var view: ViewBox { ViewBox(x: -2...2, y: -2...2) }
    var criticalPoints: [CriticalPoint] { [CriticalPoint(.zero, .saddle)] }
    func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { x * x - y * y }
}

/// The bowl, undefined (NaN) where x < 0 — like a formula outside its domain.
struct HalfDefined: FormulaLandscape {
    var name: String { "half" }
    var formula: String { "x² + y² for x ≥ 0" }
    var view: ViewBox { ViewBox(x: -2...2, y: -2...2) }
    func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { x.value < 0 ? S(Double.nan) : x * x + y * y }
}

/// The value is the world x coordinate: shows where samples are taken.
struct XProbe: FormulaLandscape {
    var name: String { "x" }
    var formula: String { "x" }
    var view: ViewBox { ViewBox(x: 0...1, y: 0...1) }
    func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { x }
}

/// A landscape whose value is never finite.
struct Nowhere: FormulaLandscape {
    var name: String { "nowhere" }
    var formula: String { "nan" }
    var view: ViewBox { ViewBox(x: -1...1, y: -1...1) }
    func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { S(Double.nan) }
}

/// Plain gradient descent, enough to make trajectories for pictures.
func descend(_ l: some Landscape, from p0: Vec2, rate: Double, steps: Int) -> [Vec2] {
    var p = p0
    var out = [p]
    for _ in 0..<steps {
        p = p - rate * l.gradient(at: p)
        out.append(p)
    }
    return out
}

/// A small deterministic generator for test data (SplitMix64).
struct TestRNG {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// Compares `text` with the golden file `Golden/<name>`; with `OPTISCAPE_UPDATE_GOLDEN=1`
/// in the environment, (re)writes the file instead.
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["OPTISCAPE_UPDATE_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(name); run with OPTISCAPE_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
        return
    }
    let expected = golden.hasSuffix("\n") ? String(golden.dropLast()) : golden
    #expect(text == expected, "frame differs from Golden/\(name):\n\(text)", sourceLocation: sourceLocation)
}

/// The value is the world y coordinate.
struct YProbe: FormulaLandscape {
    var name: String { "y" }
    var formula: String { "y" }
    var view: ViewBox { ViewBox(x: 0...1, y: 0...1) }
    func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { y }
}
