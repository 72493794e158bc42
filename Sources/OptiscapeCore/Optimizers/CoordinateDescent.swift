/// Coordinate descent (kind `coordinate-descent`; Deep Learning §8.7.2): step k minimises f
/// along coordinate i = k mod n alone (x, then y, then x, … on a plane), by a safeguarded
/// 1-D Newton iteration with the exact second derivative:
/// ```
/// repeat up to max-iter times, until |∂ᵢf| ≤ tolerance-grad:
///     s = −∂ᵢf / ∂ᵢ²f          if ∂ᵢ²f > 0,  else s = −∂ᵢf (a gradient step along the axis)
///     halve s until f decreases, or, where f is flat to rounding, |∂ᵢf| does (at most 60 times)
///     xᵢ ← xᵢ + s
/// x ← x + lr·(x* − x)           (lr = 1: the exact minimiser along the axis)
/// ```
/// On a quadratic one Newton iteration is exact, so an axis-aligned bowl is solved in one
/// sweep (n steps); when the coordinates are coupled the path is a staircase.
public struct CoordinateDescentRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    public private(set) var steps = 0
    /// The coordinate the last step moved (nil before the first).
    public private(set) var lastCoordinate: Int?
    /// The 1-D Newton iterates of the last step (where P is a plane point).
    public private(set) var trialPoints: [Vec2] = []

    public static var readsObjective: Bool { true }

    public init(_ hyperparameters: ResolvedHyperparameters) { self.hyperparameters = hyperparameters }

    @_specialize(where P == FlatVector, O == NetworkObjective)

    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        let i = steps % x.count
        let start = x
        terms?.append(UpdateTerm("gradient g = \(gradient.short)", vector: gradient.planar))
        terms?.append(UpdateTerm("coordinate \(P.self == Vec2.self ? (i == 0 ? "x" : "y") : "\(i)") of \(x.count): minimise along it alone"))
        var z = x
        var (f, g) = objective.valueAndGradient(at: z)
        var newtonSteps = 0
        trialPoints = []
        for _ in 0..<Int(h.maxIter) {
            let gi = g[i]
            guard gi.isFinite, Swift.abs(gi) > h.toleranceGrad else { break }
            let hii = objective.hessian(at: z).diagonalEntry(i)
            var s = hii > 0 && hii.isFinite ? -gi / hii : -gi
            var accepted = false
            for _ in 0...60 {
                var trial = z
                trial[i] += s
                let (ft, gt) = objective.valueAndGradient(at: trial)
                if let p = trial.planar { trialPoints.append(p) }
                // Lower, or — where f is flat to rounding near the minimiser — no higher than a
                // few ulps and closer to ∂ᵢf = 0.
                let flatEnough = ft - f <= 8 * f.ulp && Swift.abs(gt[i]) < Swift.abs(gi)
                if (ft <= f || flatEnough) && trial[i] != z[i] {
                    z = trial; f = ft; g = gt
                    accepted = true
                    break
                }
                s /= 2
            }
            guard accepted else { break }
            newtonSteps += 1
        }
        steps += 1
        lastCoordinate = i
        var moved = x
        moved[i] = x[i] + lr * (z[i] - x[i])
        guard moved.isFinite else { throw StepFailure("the coordinate step overflows") }
        x = moved
        terms?.append(UpdateTerm("\(newtonSteps) safeguarded 1-D Newton step\(newtonSteps == 1 ? "" : "s"): ∂f/∂\(i) = \(g[i].significant(3)) at the minimiser"))
        terms?.append(stepTerm(lr == 1 ? "step taken: to the minimiser along the axis" : "step taken: lr·(x* − x)", from: start, to: x))
    }
}

extension CoordinateDescentRule: Optimizer where P == Vec2 {
    public var inspection: OptimizerInspection { OptimizerInspection(steps: steps, trialPoints: trialPoints) }
}
