/// The optimizers optiscape knows, by their command-line names.
public enum OptimizerKind: String, CaseIterable, Codable, Sendable {
    case sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, adamw, newton
    case saddleFreeNewton = "saddle-free-newton"

    /// Parses a name, with a "did you mean" in the error.
    public static func parse(_ name: String) throws -> OptimizerKind {
        if let k = OptimizerKind(rawValue: name) { return k }
        var msg = "unknown optimizer \"\(name)\""
        if let s = Suggest.closest(to: name, in: allCases.map(\.rawValue)) { msg += " (did you mean \"\(s)\"?)" }
        msg += "; known: " + allCases.map(\.rawValue).joined(separator: ", ")
        throw OptimizerError(msg)
    }

    /// The update rule, for `optiscape list` and the README.
    public var rule: String {
        switch self {
        case .sgd: return "x ← x − lr·g"
        case .momentum: return "b ← μ·b + g;  x ← x − lr·b"
        case .nesterov: return "b ← μ·b + g;  x ← x − lr·(g + μ·b)"
        case .adagrad: return "s ← s + g²;  x ← x − lr·g/(√s + ε)"
        case .rmsprop: return "v ← α·v + (1−α)·g²;  x ← x − lr·g/(√v + ε)"
        case .adadelta: return "v ← ρv + (1−ρ)g²;  Δ = √(u+ε)/√(v+ε)·g;  u ← ρu + (1−ρ)Δ²;  x ← x − lr·Δ"
        case .adam: return "m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  x ← x − lr·m̂/(√v̂ + ε)"
        case .adamw: return "x ← x·(1 − lr·λ);  then Adam's update"
        case .newton: return "x ← x − lr·H⁻¹g"
        case .saddleFreeNewton: return "x ← x − lr·|H|⁻¹g,  |H| = V·max(|Λ|, δ)·Vᵀ"
        }
    }
}

/// A user error in optimizer settings.
public struct OptimizerError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Hyper-parameters as a user gives them: every field optional; unset ones take the
/// optimizer's PyTorch default when resolved.
public struct Hyperparameters: Codable, Hashable, Sendable {
    public var lr: Double?
    public var momentum: Double?
    public var dampening: Double?
    public var nesterov: Bool?
    public var beta1: Double?
    public var beta2: Double?
    public var eps: Double?
    public var alpha: Double?
    public var rho: Double?
    public var weightDecay: Double?
    public var centered: Bool?
    public var amsgrad: Bool?
    public var initialAccumulator: Double?
    /// Saddle-free Newton's eigenvalue floor δ.
    public var damping: Double?
    /// AdaGrad's learning-rate decay (`lr_decay`): step t uses lr / (1 + (t − 1)·lrDecay).
    public var lrDecay: Double?

    public init(lr: Double? = nil, momentum: Double? = nil, dampening: Double? = nil, nesterov: Bool? = nil,
                beta1: Double? = nil, beta2: Double? = nil, eps: Double? = nil, alpha: Double? = nil,
                rho: Double? = nil, weightDecay: Double? = nil, centered: Bool? = nil, amsgrad: Bool? = nil,
                initialAccumulator: Double? = nil, damping: Double? = nil, lrDecay: Double? = nil) {
        self.lr = lr; self.momentum = momentum; self.dampening = dampening; self.nesterov = nesterov
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.alpha = alpha; self.rho = rho
        self.weightDecay = weightDecay; self.centered = centered; self.amsgrad = amsgrad
        self.initialAccumulator = initialAccumulator; self.damping = damping; self.lrDecay = lrDecay
    }
}

/// Every hyper-parameter with its value for one optimizer (defaults filled in, validated).
/// Made by ``OptimizerSpec/resolved()``. Fields the kind does not use (see
/// ``OptimizerKind/options``) are 0 or false.
public struct ResolvedHyperparameters: Hashable, Sendable, Codable {
    public var lr: Double
    public var momentum: Double
    public var dampening: Double
    public var nesterov: Bool
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var alpha: Double
    public var rho: Double
    public var weightDecay: Double
    public var centered: Bool
    public var amsgrad: Bool
    public var initialAccumulator: Double
    public var damping: Double
    public var lrDecay: Double
}

/// An optimizer choice: its kind plus the user's hyper-parameters.
public struct OptimizerSpec: Hashable, Sendable, Codable {
    public var kind: OptimizerKind
    public var hyper: Hyperparameters
    public init(_ kind: OptimizerKind, _ hyper: Hyperparameters = Hyperparameters()) {
        self.kind = kind; self.hyper = hyper
    }
}
