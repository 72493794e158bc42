/// The checks of ``NetworkClaim``s, on the θs a run recorded (``NetworkRecords``).
extension ClaimCheck {
    static func check(_ c: NetworkClaim, runner i: Int, who: String, in sim: Simulation, records: NetworkRecords?,
                      result: (Bool, String, String) -> Result) -> Result {
        let s = statement(c, who: who)
        guard let records, let engine = sim.runners[i].network else {
            return result(false, s, "\(who) does not train a network")
        }
        let loss = engine.runner.training
        let spec = loss.spec
        func other(_ label: String) -> Int? { sim.runners.firstIndex { $0.config.label == label } }
        func stepNote(_ n: Int) -> String {
            let last = records.gradientNorms[i].count - 1
            return last < n ? " (it stopped at step \(last): \(sim.runners[i].status.text))" : ""
        }
        switch c {
        case let .gradientNormGrows(f, a, b):
            let norms = records.gradientNorms[i]
            let ga = norms[min(a, norms.count - 1)], gb = norms[min(b, norms.count - 1)]
            return result(gb >= f * ga, s, "‖∇L‖ \(num(ga)) at step \(a), \(num(gb)) at step \(b): ×\(num(gb / ga))" + stepNote(b))
        case let .curvatureGrows(f, a, b):
            func gHg(_ n: Int) -> Double {
                let t = records.theta(i, at: n)
                let g = loss.gradient(t)
                return Dense.dot(g, loss.hessianVectorProduct(t, g))
            }
            let ca = gHg(a), cb = gHg(b)
            guard ca > 0 else { return result(false, s, "gᵀHg is \(num(ca)) at step \(a), not positive") }
            return result(cb >= f * ca, s, "gᵀHg \(num(ca)) at step \(a), \(num(cb)) at step \(b): ×\(num(cb / ca))" + stepNote(b))
        case let .lambdaMinAbove(v, n), let .lambdaMaxAbove(v, n), let .lambdaMaxBelow(v, n):
            guard let values = try? loss.spectrum(records.theta(i, at: n)), let small = values.last else {
                return result(false, s, "the Hessian at step \(n) could not be decomposed")
            }
            let held: Bool
            switch c {
            case .lambdaMinAbove: held = small > v
            case .lambdaMaxAbove: held = values[0] > v
            default: held = values[0] < v
            }
            return result(held, s, "λmin = \(num(small)), λmax = \(num(values[0]))" + stepNote(n))
        case let .indexAbove(k, n), let .indexAtMost(k, n):
            guard let values = try? loss.spectrum(records.theta(i, at: n)) else {
                return result(false, s, "the Hessian at step \(n) could not be decomposed")
            }
            let count = NetworkStepAnalysis.Spectrum(step: n, eigenvalues: values).negativeCount
            let held: Bool
            if case .indexAbove = c { held = count > k } else { held = count <= k }
            return result(held, s, "\(count) of \(values.count) (λmin \(num(values.last ?? .nan)))" + stepNote(n))
        case let .straightLineDecreases(samples, n):
            let t0 = records.theta(i, at: 0), t1 = records.theta(i, at: n)
            var previous = Double.infinity, worst = (rise: 0.0, at: 0.0)
            for k in 0...samples {
                let alpha = Double(k) / Double(samples)
                let v = loss.value(zip(t0, t1).map { $0 + alpha * ($1 - $0) })
                if v - previous > worst.rise { worst = (v - previous, alpha) }
                previous = v
            }
            return result(worst.rise <= 0, s, worst.rise <= 0 ? "it does, from \(num(loss.value(t0))) to \(num(loss.value(t1)))"
                          : "it rises by \(num(worst.rise)) at α = \(num(worst.at))")
        case let .swapKeepsLoss(tol, n), let .swapBarrierAbove(tol, n):
            guard spec.layerCount >= 2, spec.sizes[1] >= 2 else { return result(false, s, "the network has no two hidden units to swap") }
            let t = records.theta(i, at: n)
            let swapped = spec.swappingHiddenUnits(t, layer: 0, 0, 1)
            let l = loss.value(t), ls = loss.value(swapped)
            if case .swapKeepsLoss = c {
                return result(Swift.abs(ls - l) <= tol, s, "\(l) and \(ls): they differ by \(num(Swift.abs(ls - l)))")
            }
            let mid = loss.value(zip(t, swapped).map { 0.5 * ($0 + $1) })
            return result(mid - Swift.max(l, ls) > tol, s, "the midpoint's loss is \(num(mid)), the ends' \(num(l))")
        case let .lossNearRunner(b, tol, n):
            guard let j = other(b) else { return result(false, s, "no runner is labelled \(b)") }
            let la = loss.value(records.theta(i, at: n)), lb = loss.value(records.theta(j, at: n))
            return result(Swift.abs(la - lb) <= tol, s, "\(num(la)) against \(num(lb))")
        case let .weightsApartFromRunner(b, by, n):
            guard let j = other(b) else { return result(false, s, "no runner is labelled \(b)") }
            let diff = zip(records.theta(i, at: n), records.theta(j, at: n)).map { $0 - $1 }
            let d = Dense.dot(diff, diff).squareRoot()
            return result(d > by, s, "‖θ − θ_\(b)‖ = \(num(d))")
        }
    }

    static func statement(_ c: NetworkClaim, who: String) -> String {
        switch c {
        case let .gradientNormGrows(f, a, b): return "\(who)'s gradient norm at step \(b) is at least \(given(f))× that at step \(a)"
        case let .curvatureGrows(f, a, b): return "\(who)'s gᵀHg at step \(b) is at least \(given(f))× that at step \(a)"
        case let .indexAbove(k, n): return "more than \(k) Hessian eigenvalues are negative at \(who)'s step \(n)"
        case let .indexAtMost(k, n): return "at most \(k) Hessian eigenvalues are negative at \(who)'s step \(n)"
        case let .lambdaMaxBelow(v, n): return "the Hessian's largest eigenvalue at \(who)'s step \(n) is below \(given(v))"
        case let .lambdaMaxAbove(v, n): return "the Hessian's largest eigenvalue at \(who)'s step \(n) is above \(given(v))"
        case let .lambdaMinAbove(v, n): return "the Hessian's smallest eigenvalue at \(who)'s step \(n) is above \(given(v))"
        case let .straightLineDecreases(k, n): return "the loss never rises along the straight line from \(who)'s θ₀ to its θ at step \(n) (\(k + 1) points)"
        case let .swapKeepsLoss(tol, n): return "swapping hidden units 0 and 1 of \(who)'s θ at step \(n) changes its loss by at most \(given(tol))"
        case let .swapBarrierAbove(d, n): return "halfway from \(who)'s θ at step \(n) to its swapped copy the loss is more than \(given(d)) higher"
        case let .lossNearRunner(b, tol, n): return "\(who)'s loss at step \(n) is within \(given(tol)) of \(b)'s"
        case let .weightsApartFromRunner(b, by, n): return "\(who)'s θ at step \(n) is more than \(given(by)) from \(b)'s"
        }
    }
}
