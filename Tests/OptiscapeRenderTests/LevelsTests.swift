import Foundation
import Testing
@testable import OptiscapeRender

@Suite struct LevelsTests {
    @Test func logLevelsAreGeometricAboveTheMinimum() {
        let l = Levels(spec: LevelSpec(count: 3, spacing: .log, decades: 3), minimum: 10, maximum: 1010)
        // Offsets 1000 · 10^(−3·(4−k)/3): 1, 10, 100.
        #expect(l.values.count == 3)
        for (v, e) in zip(l.values, [11.0, 20, 110]) { #expect(abs(v - e) < 1e-9) }
    }

    @Test func defaultIsTenLevelsEachAboutHalfTheNext() {
        let l = Levels(spec: .default, minimum: 0, maximum: 1)
        #expect(l.values.count == 10)
        #expect(abs(l.values.last! - pow(10, -0.3)) < 1e-12)
        #expect(abs(l.values.first! - 0.001) < 1e-12)
        for k in 1..<10 { #expect(abs(l.values[k] / l.values[k - 1] - pow(10, 0.3)) < 1e-9) }
    }

    @Test func logLevelsWorkForNegativeValues() {
        let l = Levels(spec: LevelSpec(count: 4), minimum: -100, maximum: -50)
        #expect(l.values.count == 4)
        #expect(l.values.allSatisfy { $0 > -100 && $0 < -50 })
        #expect(zip(l.values, l.values.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func linearLevelsAreEvenlySpaced() {
        let l = Levels(spec: LevelSpec(count: 4, spacing: .linear), minimum: 0, maximum: 10)
        #expect(l.values == [2, 4, 6, 8])
    }

    @Test func bandsCountLevelsAtOrBelow() {
        let l = Levels(values: [1, 2, 3])
        #expect(l.bandCount == 4)
        #expect(l.band(of: 0.5) == 0)
        #expect(l.band(of: 1) == 1)
        #expect(l.band(of: 2.5) == 2)
        #expect(l.band(of: 99) == 3)
        #expect(l.band(of: -.infinity) == 0)
        #expect(l.band(of: .infinity) == 3)
        #expect(l.band(of: .nan) == nil)
        #expect(l.position(ofBand: 0) == 0)
        #expect(l.position(ofBand: 3) == 1)
    }

    @Test func explicitValuesAreCleaned() {
        #expect(Levels(values: [3, .nan, 1, 3, .infinity, 2]).values == [1, 2, 3])
    }

    @Test func flatOrBrokenRangesGiveNoLevels() {
        for (lo, hi) in [(1.0, 1.0), (2, 1), (.nan, 1), (0, .infinity), (-.infinity, .infinity)] {
            let l = Levels(spec: .default, minimum: lo, maximum: hi)
            #expect(l.values.isEmpty)
            #expect(l.band(of: 5) == 0)
            #expect(l.position(ofBand: 0) == 0)
        }
    }

    @Test func extremeFiniteRangesDoNotOverflow() {
        let l = Levels(spec: LevelSpec(count: 5, spacing: .linear), minimum: -.greatestFiniteMagnitude,
                       maximum: .greatestFiniteMagnitude)
        #expect(l.values.count == 5)
        #expect(l.values.allSatisfy { $0.isFinite })
        #expect(abs(l.values[2]) < 1e300)
    }

    @Test func specRangeOverridesTheField() {
        let l = Levels(spec: LevelSpec(count: 1, spacing: .linear, range: 0...4), minimum: 100, maximum: 200)
        #expect(l.values == [2])
    }

    @Test func specCountIsClamped() {
        #expect(LevelSpec(count: 0).count == 1)
        #expect(LevelSpec(count: 1000).count == 64)
        var s = LevelSpec()
        s.count = -3
        #expect(s.count == 1)
        #expect(LevelSpec(decades: .nan).decades == 3)
    }
}
