/// The strong-Wolfe line search of `torch.optim.LBFGS` (`_strong_wolfe` and `_cubic_interpolate`
/// in torch/optim/lbfgs.py, ported from minFunc / torch7's lswolfe.lua), shared by `lbfgs`,
/// `cg` and `bfgs`.
///
/// Along a descent direction d from x (f, g at x, gᵀd < 0) it looks for a step t with
/// ```
/// f(x + t·d) ≤ f(x) + c₁·t·gᵀd                    (sufficient decrease, Armijo)
/// |∇f(x + t·d)ᵀd| ≤ −c₂·gᵀd                       (strong curvature condition)
/// ```
/// first bracketing (extrapolating by cubic interpolation between t + 0.01·(t − t₋) and 10·t),
/// then zooming into the bracket by cubic interpolation, kept 10 % of the bracket away from its
/// ends when progress stalls. Every comparison, interpolation and rounding is PyTorch's, in
/// its order, so L-BFGS with `line-search=strong-wolfe` follows `torch.optim.LBFGS` bit for bit.
///
/// It may end without satisfying the conditions (evaluations exhausted, bracket narrower than
/// `toleranceChange` along d): the result is then the lowest point found, as in PyTorch.
public struct StrongWolfe: Sendable {
    /// Sufficient-decrease constant c₁ (PyTorch: 1e-4).
    public var c1: Double
    /// Curvature constant c₂ (PyTorch: 0.9; 0.1 suits conjugate gradients).
    public var c2: Double
    /// The zoom stops once |bracket|·max|dᵢ| is below this (PyTorch: 1e-9, whatever the
    /// optimizer's own tolerance_change: `_strong_wolfe` is called with its default).
    public var toleranceChange: Double
    /// At most this many evaluations (PyTorch: 25, or L-BFGS's max_eval − evaluations so far).
    public var maxEvaluations: Int

    public init(c1: Double = 1e-4, c2: Double = 0.9, toleranceChange: Double = 1e-9, maxEvaluations: Int = 25) {
        self.c1 = c1; self.c2 = c2; self.toleranceChange = toleranceChange; self.maxEvaluations = maxEvaluations
    }

    /// One evaluated trial: the step, f and ∇f there.
    public struct Trial<P: ParameterVector> {
        public var t: Double
        public var value: Double
        public var gradient: P
    }

    /// The accepted step and what the search saw.
    public struct Result<P: ParameterVector> {
        /// The step t taken, f and ∇f at x + t·d.
        public var t: Double
        public var value: Double
        public var gradient: P
        /// Objective evaluations made.
        public var evaluations: Int
        /// Every trial evaluated, in order (the accepted one among them).
        public var trials: [Trial<P>]
    }

    /// x + t·d as PyTorch's `p.add_(d, alpha=t)` forms it.
    @inline(__always)
    static func point<P: ParameterVector>(_ x: P, _ t: Double, _ d: P) -> P { TorchOps.add(x, d, alpha: t) }

    /// Searches along `d` from `x` starting with step `t`; `f`, `g` at x, `gtd` = gᵀd.
    public func search<O: Objective>(_ objective: O, from x: O.Vector, t start: Double, direction d: O.Vector,
                                     value f: Double, gradient g: O.Vector, slope gtd: Double) -> Result<O.Vector> {
        typealias P = O.Vector
        var trials: [Trial<P>] = []
        func evaluate(_ t: Double) -> (Double, P) {
            let (v, grad) = objective.valueAndGradient(at: Self.point(x, t, d))
            trials.append(Trial(t: t, value: v, gradient: grad))
            return (v, grad)
        }
        var dNorm = 0.0
        for i in 0..<d.count { dNorm = Self.pyMax(dNorm, Swift.abs(d[i])) }
        let maxLS = maxEvaluations
        var t = start
        var (fNew, gNew) = evaluate(t)
        var evals = 1
        var gtdNew = gNew.dot(d)

        var tPrev = 0.0, fPrev = f, gPrev = g, gtdPrev = gtd
        var done = false
        var lsIter = 0
        var bracket: [Double] = [], bracketF: [Double] = [], bracketG: [P] = [], bracketGtd: [Double] = []
        while lsIter < maxLS {
            if fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev) {
                bracket = [tPrev, t]; bracketF = [fPrev, fNew]; bracketG = [gPrev, gNew]; bracketGtd = [gtdPrev, gtdNew]
                break
            }
            if Swift.abs(gtdNew) <= -c2 * gtd {
                bracket = [t]; bracketF = [fNew]; bracketG = [gNew]
                done = true
                break
            }
            if gtdNew >= 0 {
                bracket = [tPrev, t]; bracketF = [fPrev, fNew]; bracketG = [gPrev, gNew]; bracketGtd = [gtdPrev, gtdNew]
                break
            }
            let minStep = t + 0.01 * (t - tPrev)
            let maxStep = t * 10
            let tmp = t
            t = Self.cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, bounds: (minStep, maxStep))
            tPrev = tmp; fPrev = fNew; gPrev = gNew; gtdPrev = gtdNew
            (fNew, gNew) = evaluate(t)
            evals += 1
            gtdNew = gNew.dot(d)
            lsIter += 1
        }
        if lsIter == maxLS {
            bracket = [0, t]; bracketF = [f, fNew]; bracketG = [g, gNew]
        }

        var insufficientProgress = false
        var (low, high) = bracketF[0] <= bracketF[bracketF.count - 1] ? (0, 1) : (1, 0)
        while !done && lsIter < maxLS {
            if Swift.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange { break }
            t = Self.cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1])
            let top = Self.pyMax(bracket[0], bracket[1]), bottom = Self.pyMin(bracket[0], bracket[1])
            let eps = 0.1 * (top - bottom)
            if Self.pyMin(top - t, t - bottom) < eps {
                if insufficientProgress || t >= top || t <= bottom {
                    t = Swift.abs(t - top) < Swift.abs(t - bottom) ? top - eps : bottom + eps
                    insufficientProgress = false
                } else {
                    insufficientProgress = true
                }
            } else {
                insufficientProgress = false
            }
            (fNew, gNew) = evaluate(t)
            evals += 1
            gtdNew = gNew.dot(d)
            lsIter += 1
            if fNew > f + c1 * t * gtd || fNew >= bracketF[low] {
                bracket[high] = t; bracketF[high] = fNew; bracketG[high] = gNew; bracketGtd[high] = gtdNew
                (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0)
            } else {
                if Swift.abs(gtdNew) <= -c2 * gtd {
                    done = true
                } else if gtdNew * (bracket[high] - bracket[low]) >= 0 {
                    bracket[high] = bracket[low]; bracketF[high] = bracketF[low]
                    bracketG[high] = bracketG[low]; bracketGtd[high] = bracketGtd[low]
                }
                bracket[low] = t; bracketF[low] = fNew; bracketG[low] = gNew; bracketGtd[low] = gtdNew
            }
        }
        return Result(t: bracket[low], value: bracketF[low], gradient: bracketG[low], evaluations: evals, trials: trials)
    }

    /// `_cubic_interpolate`: the minimiser of the cubic through (x₁, f₁, g₁) and (x₂, f₂, g₂),
    /// clamped to `bounds` (default: between x₁ and x₂); the bounds' midpoint when the cubic has
    /// no minimiser.
    static func cubicInterpolate(_ x1: Double, _ f1: Double, _ g1: Double, _ x2: Double, _ f2: Double, _ g2: Double,
                                 bounds: (Double, Double)? = nil) -> Double {
        let (lo, hi) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1))
        let d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
        let d2Square = d1 * d1 - g1 * g2
        if d2Square >= 0 {
            let d2 = TorchOps.sqrt(d2Square)
            let minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                                  : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
            return pyMin(pyMax(minPos, lo), hi)
        }
        return (lo + hi) / 2
    }

    /// Python's `max(a, b)`: a unless b > a (so a NaN first argument is kept).
    @inline(__always) static func pyMax(_ a: Double, _ b: Double) -> Double { b > a ? b : a }
    /// Python's `min(a, b)`: a unless b < a.
    @inline(__always) static func pyMin(_ a: Double, _ b: Double) -> Double { b < a ? b : a }
}
