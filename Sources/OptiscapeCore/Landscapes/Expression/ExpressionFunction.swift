/// The functions an expression can call. Each maps to the library's forward-mode AD function of
/// the same name (``sin(_:)``, `S.abs`, `S.min`, …), so derivatives and subgradients match the
/// built-in landscapes: `abs'(0) = 0`; `min`/`max` follow the first argument on a tie.
public enum ExpressionFunction: String, CaseIterable, Hashable, Sendable {
    case sin, cos, tan, exp, log, sqrt, tanh, sigmoid, softplus, abs, min, max, pow

    /// Number of arguments: 2 for `min`, `max` and `pow`, 1 for the rest.
    public var arity: Int {
        switch self {
        case .min, .max, .pow: return 2
        default: return 1
        }
    }

    /// The names, in the order help texts list them.
    public static let names: [String] = allCases.map(\.rawValue)
}
