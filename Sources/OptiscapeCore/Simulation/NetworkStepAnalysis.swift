import Foundation

/// The inside panel's numbers for a network runner, on the whole θ (not the plane): ‖g‖, the
/// curvature gᵀHg along g, the next update as the runner will really take it — made on a copy,
/// so nothing changes and no randomness is used — with its second-order prediction
/// gᵀΔ + ½ΔᵀHΔ against the exact change of the training loss (eq. 8.10 on a real net), and the
/// Hessian's spectrum: λ_max against the stability limit 2/lr (Cohen et al. 2021) and the index.
public struct NetworkStepAnalysis: Sendable {
    public let step: Int
    public let loss: Double
    public let gradientNorm: Double
    /// gᵀHg (g the full training gradient).
    public let gHg: Double
    /// gᵀHg / gᵀg: the curvature along −g (nan at g = 0).
    public var curvatureAlongGradient: Double { gHg / (gradientNorm * gradientNorm) }
    /// The rate the next update uses.
    public let learningRate: Double
    public let update: Update
    /// The Hessian's spectrum at θ (nil when the network is too large for a full one).
    public let spectrum: Spectrum?

    public enum Update: Sendable {
        /// Δ = θ' − θ: ‖Δ‖, gᵀΔ, ½ΔᵀHΔ and the exact L(θ') − L(θ) (training loss over all rows).
        case moved(norm: Double, firstOrder: Double, secondOrder: Double, exact: Double)
        /// The update could not be taken (a singular Hessian, a divergence): why.
        case failed(String)
    }

    /// Every eigenvalue of H(θ), with the step it was computed at (which may lag: see
    /// ``spectrumEvery(parameters:)``).
    public struct Spectrum: Sendable {
        public let step: Int
        /// Descending.
        public let eigenvalues: [Double]
        public var maximum: Double { eigenvalues.first ?? .nan }
        public var minimum: Double { eigenvalues.last ?? .nan }
        /// Negative eigenvalues beyond rounding (1e-9 of the largest |λ|, as the runner classifies).
        public var negativeCount: Int { eigenvalues.filter(isNegative).count }
        /// Whether λ is below zero by more than rounding.
        public func isNegative(_ lambda: Double) -> Bool {
            let size = Swift.max(Swift.abs(maximum), Swift.abs(minimum))
            return lambda < -Swift.max(Runner.degenerateCurvature * size, Runner.absoluteFlatCurvature)
        }
    }

    /// The largest network whose full spectrum the panel computes.
    public static let spectrumLimit = 1500

    /// How many steps a spectrum may lag behind on a network of N parameters, so that a running
    /// scene keeps its frame rate: a full spectrum costs about N² products and an N³
    /// decomposition (0.2 s at N = 1218), so every step up to 100 parameters, then every (N/100)²
    /// steps (148 at N = 1218). The panel says at which step the spectrum it shows was taken.
    public static func spectrumEvery(parameters n: Int) -> Int { Swift.max(1, (n / 100) * (n / 100)) }

    /// The analysis of `runner`'s next update (`.failed` with its status for a stopped one, whose
    /// spectrum is still that of where it stopped), its spectrum taken here at θ; nil for a 2-D
    /// runner.
    public init?(of runner: Runner) {
        guard let engine = runner.network else { return nil }
        self.init(of: runner, spectrum: Self.spectrum(of: engine.runner))
    }

    /// The same with a spectrum taken elsewhere (it says its own step: it may lag, see
    /// ``spectrumEvery(parameters:)``).
    public init?(of runner: Runner, spectrum: Spectrum?) {
        guard let engine = runner.network else { return nil }
        let r = engine.runner
        let loss = r.training
        let theta = r.theta.storage, g = r.gradient.storage
        step = r.step
        self.loss = r.loss
        gradientNorm = r.gradientNorm
        learningRate = r.nextLearningRate
        var copy = r
        let moved = runner.status.isRunning && copy.advance()
        let n = theta.count
        if moved {
            let delta = (0..<n).map { copy.theta.storage[$0] - theta[$0] }
            let hv = loss.hessianTimes(theta, directions: g + delta, count: 2)
            gHg = Dense.dot(g, Array(hv[0..<n]))
            update = .moved(norm: Dense.dot(delta, delta).squareRoot(), firstOrder: Dense.dot(g, delta),
                            secondOrder: 0.5 * Dense.dot(delta, Array(hv[n..<(2 * n)])), exact: copy.loss - r.loss)
        } else {
            gHg = Dense.dot(g, loss.hessianVectorProduct(theta, g))
            update = .failed(runner.status.isRunning ? copy.status.text : runner.status.text)
        }
        self.spectrum = spectrum
    }

    /// The full spectrum at the runner's θ, nil above ``spectrumLimit`` weights.
    public static func spectrum(of r: NetworkRunner) -> Spectrum? {
        guard r.theta.count <= spectrumLimit, let values = try? r.training.spectrum(r.theta.storage) else { return nil }
        return Spectrum(step: r.step, eigenvalues: values)
    }
}
