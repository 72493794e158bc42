import Foundation
import Testing
@testable import OptiscapeCore

/// The network engine's tanh (``NetworkTanh``, `Sources/CNetworkTanh`): within an ulp of the exact
/// value, exact where it must be, the same bits from its array loops at every vector width as from
/// the scalar function, and σ', σ'' that are its value's formulas.
@Suite struct NetworkTanhTests {
    /// Points over the whole range: dense on [−21, 21], log-spaced |x| from the smallest
    /// subnormal to 2^5 (an eighth of an octave apart), and a few ulps and relative steps either
    /// side of the points (j + ½)·ln 2 / 2 where the range reduction's k changes, and of 20 (the clamp).
    static let sweep: [Double] = {
        var xs = [Double]()
        for i in -42_000...42_000 { xs.append(Double(i) / 2_000) }
        for e in -1074 * 8...5 * 8 {  // 2^(e/8), rounded to the subnormals' spacing below 2^-1022
            let m = Foundation.exp2(Double(e) / 8)
            xs += [m, -m]
        }
        for j in 0..<30 {
            let c = (Double(j) + 0.5) * M_LN2 / 2
            for s in [c, c.nextUp, c.nextDown, c.nextUp.nextUp, c.nextDown.nextDown] { xs += [s, -s] }
            for r in [1e-15, 1e-12, 1e-9, 1e-6, 1e-3] { xs += [c * (1 + r), c * (1 - r), -c * (1 + r)] }
        }
        for x in [20.0, 20.0.nextUp, 20.0.nextDown, 19.06, 18.4, 18.5, 19.5] { xs += [x, -x] }
        return xs
    }()

    /// The error of `y` against tanh(x) in ulps of the exact value: against x87 long double where
    /// there is one (its own error is ~2^−11 of a double's ulp).
    static func ulpError(_ y: Double, _ x: Double) -> Double? {
        #if arch(x86_64) && !os(Windows)
        let exact = tanhl(Float80(x))
        if exact == 0 { return y == 0 ? 0 : .infinity }
        let u = Double(exact).magnitude.ulp
        return Double((Float80(y) - exact) / Float80(u))
        #else
        return nil
        #endif
    }

    @Test func withinAnUlpOfTheExactValue() throws {
        var worst = (err: 0.0, x: 0.0)
        var checked = 0
        for x in Self.sweep {
            let y = NetworkTanh.value(x)
            // Against glibc's own tanh (up to ~2.1 ulp off) everywhere: at most 3 ulps apart.
            let g = Foundation.tanh(x)
            #expect((y - g).magnitude <= 3 * g.magnitude.ulp, "x = \(x): ours \(y), glibc \(g)")
            guard let e = Self.ulpError(y, x) else { continue }
            checked += 1
            if e.magnitude > worst.err { worst = (e.magnitude, x) }
        }
        #if arch(x86_64) && !os(Windows)
        #expect(checked == Self.sweep.count)
        #endif
        // tanh_accuracy.py measures 0.64 at worst over 3·10⁷ points; the promise is one ulp.
        #expect(worst.err < 1, "worst \(worst.err) ulp at x = \(worst.x)")
    }

    /// glibc's tanh is what torch calls: it is off by more than an ulp in places, so the test
    /// above would catch a change back to it (the sweep holds such points).
    @Test func glibcIsMoreThanAnUlpOffSomewhereInTheSweep() throws {
        guard Self.ulpError(0.5, 0.5) != nil else { return }
        let worst = Self.sweep.map { Self.ulpError(Foundation.tanh($0), $0)!.magnitude }.max()!
        #expect(worst > 1, "glibc's worst in the sweep: \(worst) ulp")
    }

    /// tanh to 50 digits (mpmath, `mp.tanh(mp.mpf(x))`) as a double-double hi + lo.
    static let known: [(x: Double, hi: Double, lo: Double)] = [
        (0.5, 0x1.d9353d7568af3p-2, 0x1.944a3b887196cp-56),      // 0.4621171572600097585023185
        (1.0, 0x1.85efab514f394p-1, 0x1.5618caf8a4f11p-55),      // 0.7615941559557648881194583
        (-3.0, -0x1.fd77d111a0b00p-1, 0x1.df50f574f4805p-57),    // -0.9950547536867304513318802
        (0.1733, 0x1.5f6851a72a671p-3, 0x1.4e9f7293c88f7p-61),   // 0.1715856913700011537999778
        (1e-05, 0x1.4f8b588e06854p-17, -0x1.1498293480bd3p-71),  // 0.000009999999999666667484710539
        (0.625, 0x1.1bf47eabb8f95p-1, 0x1.2221cd286d060p-55),    // 0.5545997223493822939990391
        (7.25, 0x1.ffffde2760a41p-1, 0x1.bd199f302a22dp-55),     // 0.9999989913051835970967454
        (18.75, 0x1.fffffffffffffp-1, 0x1.151d4ce7f09c7p-57),    // 0.9999999999999998964888999
    ]

    @Test func knownValuesToMpmath() {
        for (x, hi, lo) in Self.known {
            let y = NetworkTanh.value(x)
            let err = ((y - hi) - lo) / hi.magnitude.ulp
            #expect(err.magnitude < 1, "tanh(\(x)) = \(y), exact \(hi) + \(lo): \(err) ulp")
            #expect(y == hi, "tanh(\(x)) = \(y) is not the correctly rounded \(hi)")
        }
    }

    @Test func exactWhereItMustBe() {
        // Tiny |x|: tanh x = x − x³/3 rounds to x; the sign of zero is kept.
        for x in [Double.leastNonzeroMagnitude, 0x1p-1030, 0x1.8p-1040, Double.leastNormalMagnitude, 1e-300, 1e-200, 1e-20, 1e-9] {
            #expect(NetworkTanh.value(x) == x, "tanh(\(x))")
            #expect(NetworkTanh.value(-x) == -x, "tanh(\(-x))")
        }
        #expect(NetworkTanh.value(0).bitPattern == (0.0).bitPattern)
        #expect(NetworkTanh.value(-0.0).bitPattern == (-0.0).bitPattern)
        // Large |x| and ±∞: ±1 exactly (tanh 19.5 = 1 − 2.3·10⁻¹⁷ rounds to 1).
        for x in [19.5, 20, 20.5, 21, 40, 1e10, 1e300, .greatestFiniteMagnitude, .infinity] {
            #expect(NetworkTanh.value(x) == 1, "tanh(\(x))")
            #expect(NetworkTanh.value(-x) == -1, "tanh(\(-x))")
        }
        #expect(NetworkTanh.value(.nan).isNaN)
        #expect(NetworkTanh.value(-.nan).isNaN)
        #expect(NetworkTanh.value(.signalingNaN).isNaN)
        // Odd: tanh(−x) = −tanh(x), bit for bit, across the sweep.
        for x in Self.sweep { #expect(NetworkTanh.value(-x).bitPattern == (-NetworkTanh.value(x)).bitPattern) }
    }

    /// The array loops (whatever width the CPU runs them at, and every narrower one) and the
    /// engine's scalar paths all give the scalar function's bits, so a slice's value, a training
    /// loss and a Hessian's σ'' at the same θ agree whatever the machine.
    @Test func everyPathGivesTheSameBits() {
        var rng = SeededRNG(seed: 7)
        var z = (0..<1_037).map { _ in 6 * rng.gaussian() }  // an odd count: the loops' tails too
        z += [0, -0.0, .infinity, -.infinity, .nan, 1e-300, -Double.leastNonzeroMagnitude, 0x1p-1030, 20, -20, 0.1733]
        let n = z.count
        let scalar = z.map { NetworkTanh.value($0) }
        func same(_ a: [Double], _ b: [Double]) -> Bool { zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern } }

        var a = [Double](repeating: 0, count: n), d1 = a, d2 = a
        NetworkTanh.values(z, into: &a, count: n)
        #expect(same(a, scalar), "values at width \(NetworkTanh.width)")
        for width in [2, 4, 8] {
            var w = [Double](repeating: 0, count: n)
            let used = NetworkTanh.values(atWidth: width, z, into: &w, count: n)
            #expect(used <= width && [2, 4, 8].contains(used))
            #expect(same(w, scalar), "values at width \(used)")
        }
        NetworkTanh.values(z, into: &a, first: &d1, count: n)
        #expect(same(a, scalar))
        #expect(same(d1, scalar.map { 1 - $0 * $0 }))
        a = .init(repeating: 0, count: n); d1 = a
        NetworkTanh.values(z, into: &a, first: &d1, second: &d2, count: n)
        #expect(same(a, scalar))
        #expect(same(d1, scalar.map { 1 - $0 * $0 }))
        #expect(same(d2, scalar.map { -2 * $0 * (1 - $0 * $0) }))

        // Activation's scalar functions and its layer loop.
        #expect(same(z.map { Activation.tanh.evaluate($0).value }, scalar))
        #expect(same(z.map { Activation.tanh.evaluate($0).first }, d1))
        #expect(same(z.map { Activation.tanh.evaluate($0).second }, d2))
        #expect(same(z.map { Activation.tanh.evaluateFirst($0).first }, d1))
        var layer = [Double](repeating: 0, count: n)
        Activation.tanh.values(z, into: &layer, count: n)
        #expect(same(layer, scalar))
    }

    /// σ' = 1 − t² and σ'' = −2t(1 − t²) are tanh's derivatives: central differences of the value
    /// and of σ' agree with them.
    @Test func derivativesAreTheValuesDerivatives() {
        let h = 1e-5
        for i in -60...60 {
            let x = Double(i) / 10 + 0.0123
            let (_, first, second) = Activation.tanh.evaluate(x)
            let fd1 = (NetworkTanh.value(x + h) - NetworkTanh.value(x - h)) / (2 * h)
            let fd2 = (Activation.tanh.evaluate(x + h).first - Activation.tanh.evaluate(x - h).first) / (2 * h)
            #expect((first - fd1).magnitude <= 1e-9, "σ'(\(x)) = \(first), difference \(fd1)")
            #expect((second - fd2).magnitude <= 1e-9, "σ''(\(x)) = \(second), difference \(fd2)")
        }
    }
}
