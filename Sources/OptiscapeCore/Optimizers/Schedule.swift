import Foundation

/// A learning-rate schedule: the learning rate of update k (k = updates already taken, so 0
/// for the first update), from the optimizer's base learning rate lr.
///
/// With τ = `decaySteps` (default 100):
/// - `constant`: lr.
/// - `linear` (Deep Learning eq. 8.14): α = min(k/τ, 1), lr_k = (1 − α)·lr + α·lr_end;
///   `lrEnd` defaults to lr/100.
/// - `step` (like `torch.optim.lr_scheduler.StepLR` with step_size τ): lr·γ^⌊k/τ⌋;
///   `gamma` γ defaults to 0.1.
/// - `cosine` (the closed form of `CosineAnnealingLR` with T_max τ, held at the end):
///   lr_end + (lr − lr_end)·(1 + cos(π·min(k, τ)/τ))/2; `lrEnd` defaults to 0.
///
/// `warmup` W (any kind, default 0): for k < W the rate above is multiplied by (k + 1)/W,
/// a linear ramp from lr/W to lr (the schedule itself still counts from k = 0).
public struct Schedule: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case constant, linear, step, cosine
    }

    public var kind: Kind
    /// Final learning rate (`linear`, `cosine`).
    public var lrEnd: Double?
    /// τ: steps to reach lrEnd (`linear`, `cosine`) or between decays (`step`).
    public var decaySteps: Int?
    /// Decay factor per τ steps (`step`).
    public var gamma: Double?
    /// Linear warm-up over the first W updates.
    public var warmup: Int?

    public init(_ kind: Kind = .constant, lrEnd: Double? = nil, decaySteps: Int? = nil, gamma: Double? = nil,
                warmup: Int? = nil) {
        self.kind = kind; self.lrEnd = lrEnd; self.decaySteps = decaySteps; self.gamma = gamma; self.warmup = warmup
    }

    /// The constant schedule.
    public static let constant = Schedule()

    public static let defaultDecaySteps = 100
    public static let defaultGamma = 0.1

    private enum CodingKeys: String, CodingKey { case kind, lrEnd, decaySteps, gamma, warmup }

    /// Decodes with `kind` optional (default `constant`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .constant
        lrEnd = try c.decodeIfPresent(Double.self, forKey: .lrEnd)
        decaySteps = try c.decodeIfPresent(Int.self, forKey: .decaySteps)
        gamma = try c.decodeIfPresent(Double.self, forKey: .gamma)
        warmup = try c.decodeIfPresent(Int.self, forKey: .warmup)
    }

    /// Parses a kind name, listing the known ones in the error.
    public static func parseKind(_ name: String) throws(OptimizerError) -> Kind {
        if let k = Kind(rawValue: name) { return k }
        var msg = "unknown schedule \"\(name)\""
        if let s = Suggest.closest(to: name, in: Kind.allCases.map(\.rawValue)) { msg += " (did you mean \"\(s)\"?)" }
        throw OptimizerError(msg + "; known: " + Kind.allCases.map(\.rawValue).joined(separator: ", "))
    }

    /// The settings a kind takes (warm-up applies to all).
    public static func fields(of kind: Kind) -> [String] {
        switch kind {
        case .constant: return ["warmup"]
        case .linear, .cosine: return ["lrEnd", "decaySteps", "warmup"]
        case .step: return ["gamma", "decaySteps", "warmup"]
        }
    }

    /// Checks the settings: only the kind's own fields set (see ``fields(of:)``), lrEnd finite
    /// and ≥ 0, decaySteps ≥ 1, gamma in (0, 1], warmup ≥ 0.
    public func validate() throws(OptimizerError) {
        let accepted = Self.fields(of: kind)
        let given = [("lrEnd", lrEnd != nil), ("decaySteps", decaySteps != nil), ("gamma", gamma != nil)]
        for (name, isSet) in given where isSet && !accepted.contains(name) {
            throw OptimizerError("the \(kind.rawValue) schedule does not take \(name) (it takes "
                                 + accepted.joined(separator: ", ") + ")")
        }
        if let e = lrEnd, !(e.isFinite && e >= 0) {
            throw OptimizerError("invalid final learning rate lrEnd \(e): must be a finite number ≥ 0")
        }
        if let t = decaySteps, t < 1 {
            throw OptimizerError("invalid decaySteps \(t): must be a whole number ≥ 1")
        }
        if let g = gamma, !(g.isFinite && g > 0 && g <= 1) {
            throw OptimizerError("invalid gamma \(g): must be in (0, 1]")
        }
        if let w = warmup, w < 0 {
            throw OptimizerError("invalid warmup \(w): must be a whole number ≥ 0")
        }
    }

    /// The learning rate for the update after `k` updates (k < 0 counts as 0).
    public func learningRate(base lr: Double, step k: Int) -> Double {
        let k = Swift.max(k, 0)
        let tau = Swift.max(decaySteps ?? Self.defaultDecaySteps, 1)
        var rate: Double
        switch kind {
        case .constant:
            rate = lr
        case .linear:
            let end = lrEnd ?? lr / 100
            let alpha = Swift.min(Double(k) / Double(tau), 1)
            rate = (1 - alpha) * lr + alpha * end
        case .step:
            rate = lr * Foundation.pow(gamma ?? Self.defaultGamma, Double(k / tau))
        case .cosine:
            let end = lrEnd ?? 0
            rate = end + (lr - end) * (1 + Foundation.cos(Double.pi * Double(Swift.min(k, tau)) / Double(tau))) / 2
        }
        if let w = warmup, k < w {
            rate *= Double(k + 1) / Double(w)
        }
        return rate
    }

    /// Legend text: empty for constant without warm-up, else e.g. `cosine→0 τ=100 warmup=10`.
    public var summary: String {
        var parts: [String] = []
        let tau = decaySteps ?? Self.defaultDecaySteps
        switch kind {
        case .constant: break
        case .linear: parts.append("linear→" + (lrEnd.map(\.compact) ?? "lr/100") + " τ=\(tau)")
        case .step: parts.append("step γ=\((gamma ?? Self.defaultGamma).compact) τ=\(tau)")
        case .cosine: parts.append("cosine→" + (lrEnd ?? 0).compact + " τ=\(tau)")
        }
        if let w = warmup, w > 0 { parts.append("warmup=\(w)") }
        return parts.joined(separator: " ")
    }
}
