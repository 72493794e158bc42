import Foundation

/// What `optiscape hessian` prints: the spectrum of the training-loss Hessian at θ, complete
/// (`dsyevd`) or its top K (Lanczos on HVPs, with λ_min from Lanczos on −H), as CSV or JSON.
public struct HessianReport: Sendable {
    public let problem: NetworkProblem
    public let summary: SpectrumSummary
    public let method: String
    /// λ_min: the last eigenvalue of a complete spectrum, else Lanczos' bottom one.
    public let minimum: Double
    public let loss: Double
    public let gradientNorm: Double

    public init(problem: NetworkProblem, top: Int?) throws(DataError) {
        self.problem = problem
        let loss = problem.training, theta = problem.theta
        let n = loss.parameterCount
        let (value, g) = loss.valueAndGradient(theta)
        self.loss = value
        gradientNorm = Dense.dot(g, g).squareRoot()
        do {
            if let k = top, k < n {
                guard k >= 1 else { throw DataError(description: "--top must be ≥ 1 (got \(k))") }
                let r = try Lanczos.top(k, dimension: n, seed: problem.seed) { loss.hessianVectorProduct(theta, $0) }
                let low = try Lanczos.top(1, dimension: n, seed: problem.seed &+ 1) { loss.hessianVectorProduct(theta, $0).map { -$0 } }
                summary = SpectrumSummary(eigenvalues: r.eigenvalues, dimension: n)
                minimum = -low.eigenvalues[0]
                method = "lanczos"
            } else {
                let s = try loss.spectrum(theta)
                summary = SpectrumSummary(eigenvalues: s, dimension: n)
                minimum = s.last ?? .nan
                method = "dsyevd"
            }
        } catch let e as DataError { throw e } catch { throw DataError(description: "hessian: \(error)") }
    }

    /// `rank,eigenvalue`, rank 1 the largest.
    public var csv: String {
        "rank,eigenvalue\n" + summary.eigenvalues.enumerated().map { "\($0.offset + 1),\($0.element)\n" }.joined()
    }

    /// The spectrum and its summary; index, negative count and trace are null for a `--top` part.
    public var json: String {
        let complete = summary.isComplete
        let fields: [(String, String)] = [
            ("network", JSONText.string(problem.spec.sizesText)),
            ("activation", JSONText.string(problem.spec.activation.rawValue)),
            ("loss_function", JSONText.string(problem.spec.loss.rawValue)),
            ("parameters", String(summary.dimension)),
            ("rows", String(problem.training.data.count)),
            ("weights", JSONText.string(problem.thetaSource)),
            ("loss", JSONText.number(loss)),
            ("grad_norm", JSONText.number(gradientNorm)),
            ("method", JSONText.string(method)),
            ("complete", complete ? "true" : "false"),
            ("lambda_max", JSONText.number(summary.maximum ?? .nan)),
            ("lambda_min", JSONText.number(minimum)),
            ("negative", complete ? String(summary.negativeCount) : "null"),
            ("index", complete ? JSONText.number(summary.index) : "null"),
            ("trace", complete ? JSONText.number(summary.trace) : "null"),
            ("eigenvalues", JSONText.array(summary.eigenvalues.map(JSONText.number))),
        ]
        return JSONText.object(fields) + "\n"
    }
}
