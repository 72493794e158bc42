/// Iterate averaging (Deep Learning §8.7.3): a second point that follows a runner's iterates
/// x₀, x₁, … and is what one would report instead of the noisy last iterate. A runner option
/// (`average: polyak` or `average: ema:0.99` in a scene, `--average` on the command line).
///
/// - `polyak`: x̄ₖ = the mean of x₀ … xₖ, as `torch.optim.swa_utils.AveragedModel` with its
///   default averaging keeps it on the CPU when created at x₀ and updated after every step:
///   x̄ ← x̄ + (x − x̄)/(n + 1), n the points averaged so far (`get_swa_avg_fn`; on devices
///   with foreach kernels PyTorch computes the same mean as `lerp(x̄, x, 1/(n + 1))`, which can
///   differ in the last bit).
/// - `ema(β)`: x̄₀ = x₀, x̄ ← β·x̄ + (1 − β)·x (`swa_utils.get_ema_avg_fn(β)`), β in [0, 1].
public enum Averaging: Hashable, Sendable, Codable {
    case polyak
    case ema(Double)

    /// The decay `ema` takes when none is given (`ema` alone).
    public static let defaultDecay = 0.99

    /// Parses `polyak`, `ema` or `ema:β`.
    public static func parse(_ text: String) throws(OptimizerError) -> Averaging {
        let t = text.trimmingSpaces
        if t == "polyak" { return .polyak }
        if t == "ema" { return .ema(defaultDecay) }
        if t.hasPrefix("ema:") {
            let number = String(t.dropFirst(4)).trimmingSpaces
            guard let beta = Double(number), beta.isFinite, beta >= 0, beta <= 1 else {
                throw OptimizerError("invalid EMA decay \"\(number)\": must be a number in [0, 1] (as ema:0.99)")
            }
            return .ema(beta)
        }
        throw OptimizerError("unknown averaging \"\(text)\": use polyak or ema:β (β in [0, 1], e.g. ema:0.99)")
    }

    /// `polyak` or `ema:0.99`, as parsed.
    public var text: String {
        switch self {
        case .polyak: return "polyak"
        case .ema(let beta): return "ema:\(beta.compact)"
        }
    }

    /// The average after one more point `x`, from the average of `count` points so far (≥ 1).
    @inline(__always)
    public func updated(_ average: Vec2, with x: Vec2, count: Int) -> Vec2 {
        switch self {
        case .polyak:
            let n = Double(count + 1)
            return Vec2(average.x + (x.x - average.x) / n, average.y + (x.y - average.y) / n)
        case .ema(let beta):
            return Vec2(beta * average.x + (1 - beta) * x.x, beta * average.y + (1 - beta) * x.y)
        }
    }
}
