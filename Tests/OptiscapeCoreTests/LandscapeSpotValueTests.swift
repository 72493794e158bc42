import Foundation
import Testing
@testable import OptiscapeCore

/// Value, gradient and Hessian at fixed points against reference numbers computed outside the
/// repository (a throwaway Python venv, not needed by the tests):
///
/// - closed-form landscapes: sympy, differentiating the formula symbolically and evaluating
///   at the exact rational value of each double input with 40 significant digits
///   (`sp.N(expr.subs({x: sp.Rational(float(px)), …}), 40)`), then rounded to the nearest double;
/// - rnn-cliff: mpmath at 50 digits running the recursion h₀ = 0.5, hₜ = w·σ(hₜ₋₁) + b exactly,
///   derivatives by `mpmath.diff` on that recursion, cross-checked against a hand-written
///   second-order forward-mode recursion in mpmath (agreeing to all printed digits).
@Suite struct LandscapeSpotValueTests {
    /// (landscape with parameters, x, y, [f, ∂x, ∂y, ∂xx, ∂xy, ∂yy])
    static let table: [(String, Double, Double, [Double])] = [
        ("beale", 1.0, 1.0, [14.203125, 0.0, 27.75, 0.0, 27.75, 68.5]),
        ("beale", -1.5, 1.25, [4.67193603515625, 4.423095703125, -30.73095703125, 2.57470703125, 2.115234375, 96.169921875]),
        ("himmelblau", 0.0, 0.0, [170.0, -14.0, -22.0, -42.0, 0.0, -26.0]),
        ("himmelblau", 0.5, -1.5, [168.125, -33.0, 1.0, -45.0, -4.0, 3.0]),
        ("booth", 0.0, 0.0, [74.0, -34.0, -38.0, 10.0, 8.0, 10.0]),
        ("booth", 2.5, -0.5, [30.5, -13.0, -23.0, 10.0, 8.0, 10.0]),
        ("rastrigin", 0.25, -0.7, [23.64266994374948, 63.33185307179586, 58.356643294831116, 2.0, 0.0, -119.99501950777557]),
        ("rastrigin", 3.1, 2.0, [15.51983005625053, 43.13163660980916, 4.0, 321.3871075295625, 0.0, 396.78417604357435]),
        ("goldstein-price", 1.0, 1.0, [1876.0, -5376.0, 8064.0, 21228.0, -25812.0, 44748.0]),
        ("goldstein-price", -0.5, 0.75, [28166.830947875977, -31120.631103515625, 101022.099609375, -31278.0556640625, -115092.0498046875, 265566.685546875]),
        ("six-hump-camel", 1.0, 1.0, [3.2333333333333334, 2.6, 9.0, -7.2, 1.0, 40.0]),
        ("six-hump-camel", -1.5, 0.25, [1.55625, 1.4125, -3.25, 1.925, 1.0, -5.0]),
        ("saddle(a=5)", 0.3, -0.7, [-0.03999999999999997, 3.0, 1.4, 10.0, 0.0, -2.0]),
        ("monkey-saddle", 1.2, -0.5, [0.8279999999999998, 3.57, 3.5999999999999996, 7.199999999999999, 3.0, -7.199999999999999]),
        ("deep-linear", 2.0, 3.0, [25.0, 30.0, 20.0, 18.0, 22.0, 8.0]),
        ("deep-linear", -0.5, 0.25, [1.265625, -0.5625, 1.125, 0.125, -2.5, 0.5]),
        ("plateau", 0.5, -0.25, [0.14465779769257747, 0.42768266365371127, -0.21384133182685564, 0.6415289954805669, 0.10691816591342782, 0.8019062443507087]),
        ("plateau", 6.0, -3.0, [1.0004499998308103, 0.00012000101513875356, -6.000050756937678e-05, 1.9994078357270845e-05, 3.0454162607072348e-09, 1.999864648166191e-05]),
        ("plateau(s=2,eps=0.001)", 3.0, 1.0, [0.7234952031398099, 0.2208785976451426, 0.07362619921504752, -0.0875327490188094, -0.053719649411285646, 0.05571964941128564]),
        ("wells", 0.0, 0.0, [-0.2884277619153056, -0.44538258357460025, -0.3307095943657432, -0.5853747460184497, -0.5870264895824457, -0.11229692777637175]),
        ("wells", 1.0, -1.0, [-0.04227535369934248, 0.019196892463514175, -0.43603172038231086, -0.006898679335400269, -0.16765933933163477, -0.6498489158119609]),
        ("wells", -3.0, 2.5, [0.5796199220383355, -0.884038792956643, 0.8240319097389739, -0.1748210801149087, 0.8188136022191114, -0.17477009396018725]),
        ("mountain", -3.0, 0.5, [0.2507107727851661, 0.13259425960090376, -0.0074071216388256625, 0.11185155478564783, -0.008833337606549859, -0.01444618754404508]),
        ("mountain", 2.0, -1.0, [-0.30936850654931103, -0.5403677350633704, 0.05442176870748299, 0.5257027018983947, -0.0829284094590217, -0.04405571752510528]),
        ("rnn-cliff(T=50)", 1.0, -0.5, [0.04, -0.06666666666666667, -0.13333333333333333, 0.011111111111111112, 0.06666666666666667, 0.2222222222222222]),
        ("rnn-cliff(T=50)", 3.0, -1.0, [0.010848045951327021, 0.05000952438899417, 0.06218899278518071, 0.057225188465613114, 0.052595855215242036, 0.042317430802548725]),
        ("rnn-cliff(T=50)", -2.0, 1.0, [0.03999999999999996, -0.03333333333333221, -0.06666666666666657, 0.00277777777774912, 0.01666666666666456, 0.05555555555555595]),
        ("rnn-cliff(T=50)", 5.0, -2.6, [0.012095211367765856, 0.11945868038796856, 0.14760180815678436, -0.4605946841329738, -0.688540307066704, -1.0041168771836555]),
        ("rnn-cliff(T=50)", 4.5, -2.25, [0.005714095624475689, 0.0941777403234718, 0.12143440762530548, 0.06765230960926437, -0.010878630513615378, -0.14066236539229807]),
        ("rnn-cliff(T=5)", 1.0, -0.5, [0.039952242247520836, -0.06679933662031803, -0.1331215093473625, 0.011226373162619227, 0.06767102272536384, 0.22196807104183067]),
        ("rnn-cliff(T=5)", 5.0, -2.6, [0.0033121403937660075, -0.11465388080705459, -0.1825192881113804, 2.1772180706537005, 3.5501316658340296, 5.786835553672849]),
        ("rnn-cliff(T=5)", 6.0, -3.2, [1.696554829526584e-05, 0.010882247366914611, 0.017054505560450496, 3.446000174134233, 5.392920930487984, 8.43946487336738]),
        ("rnn-cliff(T=5)", -3.0, 2.0, [0.019566536449725388, -0.033241867648182766, -0.04920455962020395, 0.04758331603520612, 0.05458074964621027, 0.06826447726197472]),
    ]

    /// "name(k=v,k=v)" → catalogue name and parameters.
    static func parse(_ spec: String) -> (String, [String: Double]) {
        guard let open = spec.firstIndex(of: "(") else { return (spec, [:]) }
        let name = String(spec[..<open])
        let inner = spec[spec.index(after: open)..<spec.index(before: spec.endIndex)]
        var params: [String: Double] = [:]
        for pair in inner.split(separator: ",") {
            let kv = pair.split(separator: "=")
            params[String(kv[0])] = Double(String(kv[1]))!
        }
        return (name, params)
    }

    @Test func valuesGradientsAndHessiansMatchReferences() throws {
        for (spec, x, y, ref) in Self.table {
            let (name, params) = Self.parse(spec)
            let l = try LandscapeCatalog.make(name, parameters: params)
            let p = Vec2(x, y)
            let j = l.jet(at: p)
            let got = [j.value, j.gx, j.gy, j.hxx, j.hxy, j.hyy]
            // Relative to the largest reference entry of the same order: the error of a sum of
            // rounded terms scales with the terms, not with a (possibly cancelled) result.
            let scales = [Swift.abs(ref[0]), Swift.max(Swift.abs(ref[1]), Swift.abs(ref[2])),
                          Swift.max(Swift.abs(ref[3]), Swift.abs(ref[4]), Swift.abs(ref[5]))]
            for k in 0..<6 {
                let scale = Swift.max(scales[k == 0 ? 0 : (k < 3 ? 1 : 2)], 1e-300)
                #expect(close(got[k], ref[k], 1e-12 * scale),
                        "\(spec) at \(p), component \(k): \(got[k]) vs reference \(ref[k])")
            }
            #expect(l.value(at: p) == j.value)
        }
    }

    /// At w = 0 the state is b after one step, whatever T: the loss is (σ(b) − 0.7)² in closed form.
    @Test(arguments: [1, 5, 50, 1000])
    func rnnCliffAtZeroWeightIsClosedForm(_ steps: Int) throws {
        let l = try LandscapeCatalog.make("rnn-cliff", parameters: ["T": Double(steps)])
        for b in [-3.0, -0.5, 0, 0.8, 2.5] {
            let s = 1 / (1 + Foundation.exp(-b))
            let (v, g) = l.valueAndGradient(at: Vec2(0, b))
            #expect(close(v, (s - 0.7) * (s - 0.7), 1e-15))
            // ∂/∂b = 2(σ(b) − 0.7)·σ′(b); ∂/∂w = 2(σ(b) − 0.7)·σ′(b)·∂h_T/∂w with ∂h_T/∂w = σ(h_{T−1})
            // = σ(b) for T ≥ 2 and σ(h₀) = σ(0.5) for T = 1.
            let dhdw = steps == 1 ? 1 / (1 + Foundation.exp(-0.5)) : s
            #expect(close(g.y, 2 * (s - 0.7) * s * (1 - s), 1e-15))
            #expect(close(g.x, 2 * (s - 0.7) * s * (1 - s) * dhdw, 1e-15))
        }
    }

    /// The cliff of rnn-cliff (T = 50) lies on b = 0.5 − w·σ(0.5): at w = 6, 1e-3 above it the
    /// loss is 0.037, 1e-3 below it 0.42, and the gradient between is enormous but finite;
    /// 0.5 away on either side the gradient norm is 0.044 and 0.043.
    @Test func rnnCliffHasACliff() throws {
        let l = try LandscapeCatalog.make("rnn-cliff")
        let w = 6.0
        let b0 = 0.5 - w / (1 + Foundation.exp(-0.5))
        let above = l.value(at: Vec2(w, b0 + 1e-3)), below = l.value(at: Vec2(w, b0 - 1e-3))
        #expect(above < 0.05 && below > 0.4, "above \(above), below \(below)")
        let steepest = stride(from: -1e-6, through: 1e-6, by: 1e-8).map { l.gradient(at: Vec2(w, b0 + $0)).norm }.max()!
        #expect(steepest > 1e6 && steepest.isFinite, "steepest ‖∇f‖ \(steepest)")
        // Away from it, on the same vertical line, the landscape is gentle.
        #expect(l.gradient(at: Vec2(w, b0 + 0.5)).norm < 0.1)
        #expect(l.gradient(at: Vec2(w, b0 - 0.5)).norm < 0.1)
    }

    @Test func plateauIsFlatOverMostOfTheView() throws {
        let l = try LandscapeCatalog.make("plateau")
        let pts = randomPoints(in: l.view, count: 4000, seed: 7)
        let norms = pts.map { l.gradient(at: $0).norm }
        let flat = norms.filter { $0 < 1e-3 }.count
        #expect(Double(flat) / Double(pts.count) > 0.8, "only \(flat) of \(pts.count) points are flat")
        // On the plateau (r > 4.2) the gradient stays within [1e-4, 1e-3]: small enough that SGD
        // crawls, never so small that Adam's ε = 1e-8 would swamp it.
        for (p, n) in zip(pts, norms) where p.norm > 4.2 {
            #expect(n > 1e-4 && n < 1e-3, "‖∇f‖ = \(n) at \(p)")
        }
    }

    @Test func mountainHasNoMinimumInTheView() throws {
        let l = try LandscapeCatalog.make("mountain")
        // Descent heads to the asymptotes: f → −1 east, f → 0 west, both only approached.
        #expect(l.value(at: Vec2(40, 0)) > -1 && l.value(at: Vec2(40, 0)) < -0.99)
        #expect(l.value(at: Vec2(-40, 0)) > 0 && l.value(at: Vec2(-40, 0)) < 0.01)
        // West of the summit the slope points further west: downhill leads away from the best.
        #expect(l.gradient(at: Vec2(-2, 0)).x > 0)
        #expect(l.gradient(at: Vec2(-6, 0.5)).x > 0)
    }
}
