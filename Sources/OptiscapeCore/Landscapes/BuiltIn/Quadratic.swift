import Foundation

/// An ill-conditioned quadratic bowl ½(u² + κ v²) in coordinates rotated by θ:
/// the Hessian's eigenvalues are 1 and κ, its condition number κ (Deep Learning §8.2.1).
public struct Quadratic: FormulaLandscape {
    public var kappa: Double
    /// Rotation of the valley, in degrees.
    public var angle: Double
    public init(kappa: Double = 20, angle: Double = 0) { self.kappa = kappa; self.angle = angle }

    public static let entry = LandscapeEntry(
        name: "quadratic",
        summary: "ill-conditioned bowl; Hessian eigenvalues 1 and κ",
        parameters: [
            LandscapeParameter("kappa", default: 20, "curvature ratio κ (condition number)", range: 1e-12...1e12),
            LandscapeParameter("angle", default: 0, "rotation θ of the valley, degrees", range: -360...360),
        ],
        make: { Quadratic(kappa: $0["kappa"]!, angle: $0["angle"]!) })

    public var name: String { "quadratic" }
    public var formula: String {
        "½(u² + \(kappa.compact)·v²), u = x cos θ + y sin θ, v = −x sin θ + y cos θ, θ = \(angle.compact)°"
    }
    public var view: ViewBox { ViewBox(x: -3...3, y: -3...3) }
    public var parameters: [String: Double] { ["kappa": kappa, "angle": angle] }
    public var criticalPoints: [CriticalPoint] { [CriticalPoint(.zero, .globalMinimum)] }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let t = angle * Double.pi / 180
        let c = Foundation.cos(t), s = Foundation.sin(t)
        let u = x * c + y * s
        let v = y * c - x * s
        return (u * u + v * v * kappa) * 0.5
    }
}
