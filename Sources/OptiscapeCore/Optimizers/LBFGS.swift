/// L-BFGS: `torch.optim.LBFGS` (kind `lbfgs`), with or without its strong-Wolfe line search.
///
/// One ``update(_:gradient:lr:objective:terms:)`` is one `step(closure)`: up to `max-iter`
/// inner iterations, each
/// ```
/// d = −g                                    on the very first iteration (Hₖ = I)
/// d = −Hₖ·g                                  otherwise, by the two-loop recursion over the last
///                                           history-size pairs s = t·d, y = g − g₋ (kept when yᵀs > 1e-10),
///                                           with H₀ = (yᵀs / yᵀy)·I
/// t = min(1, 1/‖g‖₁)·lr on the very first iteration, lr after
/// strong Wolfe: t, f, g ← the line search from t     (line-search=strong-wolfe)
/// x ← x + t·d
/// ```
/// stopping as PyTorch does: at max-iter, at max-eval evaluations, when max|gᵢ| ≤ tolerance-grad,
/// when gᵀd > −tolerance-change, when max|t·dᵢ| or |Δf| ≤ tolerance-change. The history (d, t,
/// the pairs, g₋) carries over between steps, as in PyTorch.
///
/// The gradient handed in is the closure's first gradient; the loss there and every later
/// evaluation (inner iterates, line-search trials) come from the objective, so transforms such
/// as gradient noise apply to the first gradient of each step only.
///
/// Every operation and its rounding is PyTorch's (`_single_tensor` code: `dot`, `add_` with
/// alpha, `mul`); checked bit for bit against PyTorch float64 (Tests/…/Reference/torch_lbfgs.py).
public struct LBFGSRule<P: ParameterVector>: UpdateRule {
    public typealias Vector = P
    public let hyperparameters: ResolvedHyperparameters
    /// `step()` calls made.
    public private(set) var steps = 0
    /// Inner iterations over all steps (PyTorch's `state["n_iter"]`).
    public private(set) var iterations = 0
    /// Objective evaluations over all steps (PyTorch's `state["func_evals"]`).
    public private(set) var evaluations = 0
    private var direction: P?
    private var stepLength = 0.0
    private var oldDirs: [P] = []
    private var oldSteps: [P] = []
    private var ro: [Double] = []
    private var hDiag = 1.0
    private var prevGradient: P?
    /// The iterates of the last step's inner iterations (where P is a plane point), after the start.
    public private(set) var innerIterates: [Vec2] = []
    /// The points the last step's line searches evaluated (where P is a plane point).
    public private(set) var trialPoints: [Vec2] = []
    /// Which of PyTorch's tests ended the last step.
    public private(set) var stopReason: String?

    public static var readsObjective: Bool { true }

    public init(_ hyperparameters: ResolvedHyperparameters) { self.hyperparameters = hyperparameters }

    @_specialize(where P == FlatVector, O == NetworkObjective)

    public mutating func update<O: Objective>(_ x: inout P, gradient: P, lr: Double, objective: O,
                                              terms: inout [UpdateTerm]?) throws(StepFailure) where O.Vector == P {
        let h = hyperparameters
        let maxIter = Int(h.maxIter), maxEval = Int(h.maxEval), historySize = Int(h.historySize)
        let start = x
        steps += 1
        innerIterates = []
        trialPoints = []
        terms?.append(UpdateTerm("gradient g = \(gradient.short)", vector: gradient.planar))
        var loss = objective.valueAndGradient(at: x).value
        var flatGrad = gradient
        var currentEvals = 1
        evaluations += 1
        if let reason = Self.gradientToleranceStop(flatGrad, h) {
            stopReason = reason
            terms?.append(UpdateTerm(reason + ": no iteration"))
            terms?.append(stepTerm("step taken", from: start, to: x))
            return
        }
        var d = direction ?? flatGrad
        var t = stepLength
        var nIter = 0
        var stopReason = "max-iter \(maxIter) inner iterations"
        var lineSearchEvals = 0
        while nIter < maxIter {
            nIter += 1
            iterations += 1
            if iterations == 1 {
                d = flatGrad.scaled(by: -1)
                oldDirs = []; oldSteps = []; ro = []
                hDiag = 1
            } else if let prev = prevGradient {
                let y = flatGrad.minus(prev)
                let s = d.scaled(by: t)
                let ys = y.dot(s)
                if ys > 1e-10 {
                    if oldDirs.count == historySize {
                        oldDirs.removeFirst(); oldSteps.removeFirst(); ro.removeFirst()
                    }
                    oldDirs.append(y); oldSteps.append(s); ro.append(1.0 / ys)
                    hDiag = ys / y.dot(y)
                }
                let numOld = oldDirs.count
                var al = [Double](repeating: 0, count: numOld)
                var q = flatGrad.scaled(by: -1)
                for i in stride(from: numOld - 1, through: 0, by: -1) {
                    al[i] = oldSteps[i].dot(q) * ro[i]
                    q.add(oldDirs[i], alpha: -al[i])
                }
                var r = q.scaled(by: hDiag)
                for i in 0..<numOld {
                    let be = oldDirs[i].dot(r) * ro[i]
                    r.add(oldSteps[i], alpha: al[i] - be)
                }
                d = r
            }
            prevGradient = flatGrad
            let prevLoss = loss
            t = iterations == 1 ? StrongWolfe.pyMin(1.0, 1.0 / Self.absSum(flatGrad)) * lr : lr
            let gtd = flatGrad.dot(d)
            if gtd > -h.toleranceChange {
                stopReason = gtd >= 0 ? "gᵀd = \(gtd.significant(3)) ≥ 0: not a descent direction"
                    : "directional derivative |gᵀd| = \(Swift.abs(gtd).significant(3)) below tolerance-change"
                break
            }
            var lsEvals = 0
            var optimal = false
            if h.lineSearch {
                let search = StrongWolfe(maxEvaluations: maxEval - currentEvals)
                    .search(objective, from: x, t: t, direction: d, value: loss, gradient: flatGrad, slope: gtd)
                for trial in search.trials { if let p = StrongWolfe.point(x, trial.t, d).planar { trialPoints.append(p) } }
                loss = search.value; flatGrad = search.gradient; t = search.t; lsEvals = search.evaluations
                x.add(d, alpha: t)
                optimal = Self.maxAbs(flatGrad) <= h.toleranceGrad
            } else {
                x.add(d, alpha: t)
                if nIter != maxIter {
                    (loss, flatGrad) = objective.valueAndGradient(at: x)
                    optimal = Self.maxAbs(flatGrad) <= h.toleranceGrad
                    lsEvals = 1
                }
            }
            if let p = x.planar { innerIterates.append(p) }
            currentEvals += lsEvals
            evaluations += lsEvals
            lineSearchEvals += lsEvals
            if nIter == maxIter { break }
            if currentEvals >= maxEval { stopReason = "max-eval \(maxEval) evaluations"; break }
            if optimal { stopReason = "max |gᵢ| ≤ tolerance-grad"; break }
            if Self.maxAbs(d.scaled(by: t)) <= h.toleranceChange { stopReason = "max |t·dᵢ| ≤ tolerance-change"; break }
            if Swift.abs(loss - prevLoss) < h.toleranceChange { stopReason = "|Δf| < tolerance-change"; break }
        }
        direction = d
        stepLength = t
        self.stopReason = stopReason
        if terms != nil {
            terms?.append(UpdateTerm("\(nIter) inner iteration\(nIter == 1 ? "" : "s") x ← x + t·d"
                                     + (h.lineSearch ? ", \(lineSearchEvals) evaluations" : ", fixed t, no line search")))
            terms?.append(UpdateTerm("d = −Hₖg from \(oldDirs.count) (s, y) pair\(oldDirs.count == 1 ? "" : "s") kept"))
            terms?.append(UpdateTerm("stopped: " + stopReason))
            terms?.append(stepTerm("step taken: Σ t·d", from: start, to: x))
        }
    }

    /// `v.abs().max()`.
    /// torch's first test in `LBFGS.step` (`flat_grad.abs().max() <= tolerance_grad`), which CG
    /// and BFGS share: why the step is not taken, or nil (also for a NaN gradient, as in torch:
    /// the runner's own checks then stop it).
    static func gradientToleranceStop(_ g: P, _ h: ResolvedHyperparameters) -> String? {
        maxAbs(g) <= h.toleranceGrad ? "max |gᵢ| ≤ tolerance-grad \(h.toleranceGrad.compact)" : nil
    }

    static func maxAbs(_ v: P) -> Double {
        var m = 0.0
        for i in 0..<v.count { let a = Swift.abs(v[i]); if a > m || a.isNaN { m = a } }
        return m
    }

    /// `v.abs().sum()`, summed as ``TorchOps/sum(count:_:)``.
    static func absSum(_ v: P) -> Double { TorchOps.sum(count: v.count) { Swift.abs(v[$0]) } }
}

/// `torch.optim.LBFGS` on a 2-D point.
public typealias LBFGS = LBFGSRule<Vec2>

extension LBFGSRule: Optimizer where P == Vec2 {
    public var inspection: OptimizerInspection {
        OptimizerInspection(steps: steps, innerIterates: innerIterates, trialPoints: trialPoints, stopReason: stopReason)
    }
}
