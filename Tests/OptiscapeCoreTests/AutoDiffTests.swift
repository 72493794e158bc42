import Testing
import Foundation
@testable import OptiscapeCore

@Suite struct AutoDiffTests {
    @Test func jetMatchesHandDerivatives() {
        // f = x²y + sin(xy) at (1.3, -0.7)
        let p = Vec2(1.3, -0.7)
        let (x, y) = Jet2.variables(p)
        let j = x * x * y + sin(x * y)
        let c = Foundation.cos(p.x * p.y), s = Foundation.sin(p.x * p.y)
        #expect(abs(j.value - (p.x * p.x * p.y + s)) < 1e-15)
        #expect(abs(j.gx - (2 * p.x * p.y + p.y * c)) < 1e-14)
        #expect(abs(j.gy - (p.x * p.x + p.x * c)) < 1e-14)
        #expect(abs(j.hxx - (2 * p.y - p.y * p.y * s)) < 1e-14)
        #expect(abs(j.hxy - (2 * p.x + c - p.x * p.y * s)) < 1e-14)
        #expect(abs(j.hyy - (-p.x * p.x * s)) < 1e-14)
    }
}
