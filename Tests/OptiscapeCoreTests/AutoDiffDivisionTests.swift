import Foundation
import Testing
@testable import OptiscapeCore

/// Division must give the same primal value in every scalar type — `l / r` rounded once, as
/// `Double` computes it, not `l · (1/r)` rounded twice — or `value(at:)`, `valueAndGradient`
/// and `jet` of one formula would disagree in the last bit.
@Suite struct AutoDiffDivisionTests {
    func quotient<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { (x + 1) / (y * y + 3) }
    func constantOver<S: AutoDiffScalar>(_ x: S, _ y: S) -> S { 3 / (x * x + y + 7) }

    @Test func primalValuesAreBitIdentical() {
        var rng = SeededRNG(seed: 99)
        for _ in 0..<2000 {
            let p = Vec2(20 * rng.uniform() - 10, 20 * rng.uniform() - 10)
            let (dx, dy) = Dual2.variables(p)
            let (jx, jy) = Jet2.variables(p)
            let q = quotient(p.x, p.y)
            #expect(q == (p.x + 1) / (p.y * p.y + 3))
            #expect(quotient(dx, dy).value == q && quotient(jx, jy).value == q)
            let c = constantOver(p.x, p.y)
            #expect(c == 3 / (p.x * p.x + p.y + 7))
            #expect(constantOver(dx, dy).value == c && constantOver(jx, jy).value == c)
        }
    }

    @Test func quotientDerivativesAreExact() {
        // f = 3/(x² + y + 7) at (1.5, −2): u = 7.25; f_x = −6x/u², f_y = −3/u²,
        // f_xx = (−6u + 24x²)/u³, f_xy = 6x·2/u³… written out below.
        let p = Vec2(1.5, -2)
        let (x, y) = Jet2.variables(p)
        let j = constantOver(x, y)
        let u = 1.5 * 1.5 - 2 + 7
        #expect(close(j.gx, -6 * 1.5 / (u * u), 1e-16))
        #expect(close(j.gy, -3 / (u * u), 1e-16))
        #expect(close(j.hxx, (-6 * u + 24 * 1.5 * 1.5) / (u * u * u), 1e-16))
        #expect(close(j.hxy, 12 * 1.5 / (u * u * u), 1e-16))
        #expect(close(j.hyy, 6 / (u * u * u), 1e-16))
        let (dx, dy) = Dual2.variables(p)
        let d = quotient(dx, dy), jq = quotient(x, y)
        #expect(close(d.dx, jq.gx, 1e-16) && close(d.dy, jq.gy, 1e-16))
    }
}
