import Foundation
import Testing
@testable import OptiscapeCore

/// A landscape with some parameter values, as a test argument.
struct LandscapeConfig: Sendable, CustomTestStringConvertible {
    var name: String
    var parameters: [String: Double] = [:]

    var testDescription: String {
        parameters.isEmpty ? name
            : name + "(" + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.compact)" }.joined(separator: ",") + ")"
    }
    func make() throws -> any Landscape { try LandscapeCatalog.make(name, parameters: parameters) }

    /// Every catalogue entry with its defaults, so new landscapes are covered automatically,
    /// plus non-default parameter values that change the formula's shape.
    static let all: [LandscapeConfig] = LandscapeCatalog.all.map { LandscapeConfig(name: $0.name) } + [
        LandscapeConfig(name: "quadratic", parameters: ["kappa": 100, "angle": 30]),
        LandscapeConfig(name: "rosenbrock", parameters: ["a": -1, "b": 10]),
        LandscapeConfig(name: "saddle", parameters: ["a": 5]),
        LandscapeConfig(name: "rnn-cliff", parameters: ["T": 1]),
        LandscapeConfig(name: "rnn-cliff", parameters: ["T": 5]),
        LandscapeConfig(name: "rnn-cliff", parameters: ["T": 200]),
        LandscapeConfig(name: "plateau", parameters: ["s": 2, "eps": 1e-3]),
    ]
}

/// A stable per-name seed, so each landscape gets its own points and they never change.
func seed(for name: String) -> UInt64 {
    name.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 } // FNV-1a
}

/// `count` points uniformly inside `box`, from a seeded generator.
func randomPoints(in box: ViewBox, count: Int, seed: UInt64) -> [Vec2] {
    var rng = SeededRNG(seed: seed)
    return (0..<count).map { _ in
        Vec2(box.xMin + box.width * rng.uniform(), box.yMin + box.height * rng.uniform())
    }
}

/// Central-difference step for a coordinate: relative to its size, never below 1e-5.
func fdStep(_ t: Double) -> Double { 1e-5 * Swift.max(1, Swift.abs(t)) }

/// The gradient by central differences of the value: error O(h²·f‴) + O(ε·|f|/h).
func finiteDifferenceGradient(_ l: any Landscape, at p: Vec2) -> Vec2 {
    let hx = fdStep(p.x), hy = fdStep(p.y)
    return Vec2((l.value(at: Vec2(p.x + hx, p.y)) - l.value(at: Vec2(p.x - hx, p.y))) / (2 * hx),
                (l.value(at: Vec2(p.x, p.y + hy)) - l.value(at: Vec2(p.x, p.y - hy))) / (2 * hy))
}

/// The Hessian by central differences of the (exact, AD) gradient, symmetrised.
func finiteDifferenceHessian(_ l: any Landscape, at p: Vec2) -> Mat2 {
    let hx = fdStep(p.x), hy = fdStep(p.y)
    let dx = (l.gradient(at: Vec2(p.x + hx, p.y)) - l.gradient(at: Vec2(p.x - hx, p.y))) / (2 * hx)
    let dy = (l.gradient(at: Vec2(p.x, p.y + hy)) - l.gradient(at: Vec2(p.x, p.y - hy))) / (2 * hy)
    return Mat2(symmetric: dx.x, (dx.y + dy.x) / 2, dy.y)
}

/// `|a − b| ≤ tol`, with both numbers in the failure message.
func close(_ a: Double, _ b: Double, _ tol: Double) -> Bool { Swift.abs(a - b) <= tol }

extension Mat2 {
    /// Largest absolute entry.
    var maxAbs: Double { Swift.max(Swift.abs(a), Swift.abs(b), Swift.abs(c), Swift.abs(d)) }
}
