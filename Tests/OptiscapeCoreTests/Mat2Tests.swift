import Foundation
import Testing
@testable import OptiscapeCore

@Suite struct SymmetricEigenTests {
    /// Checks M v = λ v for both pairs (backward-stable residual, relative to ‖M‖), ascending
    /// order, and orthonormal vectors.
    func expectValidDecomposition(_ m: Mat2, sourceLocation: SourceLocation = #_sourceLocation) {
        let e = m.symmetricEigen
        let sym = Mat2(symmetric: m.a, (m.b + m.c) / 2, m.d)
        let norm = Swift.max(sym.maxAbs, Double.leastNormalMagnitude)
        #expect(e.small <= e.large, "not ascending: \(e.small), \(e.large)", sourceLocation: sourceLocation)
        for (lambda, v) in [(e.small, e.smallVector), (e.large, e.largeVector)] {
            let r = sym * v - lambda * v
            #expect(r.norm <= 1e-15 * norm, "M v − λ v = \(r) for λ = \(lambda), v = \(v) in \(m)", sourceLocation: sourceLocation)
            #expect(Swift.abs(v.norm - 1) <= 1e-15, "|v| = \(v.norm)", sourceLocation: sourceLocation)
        }
        #expect(Swift.abs(e.smallVector.dot(e.largeVector)) <= 1e-15, sourceLocation: sourceLocation)
        #expect(e.values.0 == e.small && e.values.1 == e.large, sourceLocation: sourceLocation)
    }

    @Test func diagonal() {
        let m = Mat2(3, 0, 0, -1)
        let e = m.symmetricEigen
        #expect(e.small == -1 && e.large == 3)
        #expect(Swift.abs(e.smallVector.x) == 0 && Swift.abs(e.smallVector.y) == 1)
        #expect(Swift.abs(e.largeVector.x) == 1 && Swift.abs(e.largeVector.y) == 0)
        expectValidDecomposition(m)
        expectValidDecomposition(Mat2(-1, 0, 0, 3)) // the larger eigenvalue second on the diagonal
    }

    @Test(arguments: [0.0, 0.3, 0.7, Double.pi / 4, 2.0, -1.1])
    func rotated(_ theta: Double) {
        // R diag(−3, 0.5) Rᵀ: eigenvalues −3 and 0.5, eigenvectors R's columns.
        let c = Foundation.cos(theta), s = Foundation.sin(theta)
        let l1 = -3.0, l2 = 0.5
        let m = Mat2(symmetric: l1 * c * c + l2 * s * s, (l1 - l2) * c * s, l1 * s * s + l2 * c * c)
        let e = m.symmetricEigen
        #expect(close(e.small, l1, 1e-14) && close(e.large, l2, 1e-14), "\(e.small), \(e.large)")
        #expect(Swift.abs(Swift.abs(e.smallVector.dot(Vec2(c, s))) - 1) <= 1e-14)
        #expect(Swift.abs(Swift.abs(e.largeVector.dot(Vec2(-s, c))) - 1) <= 1e-14)
        expectValidDecomposition(m)
        // Reconstruction Σ λ v vᵀ gives M back.
        let r = e.reconstruct { $0 }
        #expect((r + (-1) * m).maxAbs <= 1e-14)
    }

    /// Eigenvalues 1e8 and 1e-8: mean ∓ radius would lose every digit of the small one
    /// (5e7 + 1e-8 − 5e7… has an ulp of 7.5e-9); the decomposition must keep it to full relative
    /// precision. Reference: mpmath `eigsy` at 50 digits gives 1.0e-8 and 100000000.00000001.
    @Test func smallEigenvalueNextToALargeOne() {
        for sign in [1.0, -1.0] {
            let m = Mat2(symmetric: sign * 1e8, 1, sign * 2e-8)
            let e = m.symmetricEigen
            let small = sign > 0 ? e.small : e.large
            let big = sign > 0 ? e.large : e.small
            #expect(close(small, sign * 1e-8, 1e-8 * 1e-14), "tiny eigenvalue \(small)")
            #expect(close(big, sign * 100000000.00000001, 1e-7), "\(big)")
            expectValidDecomposition(m)
        }
    }

    @Test func degenerateAndSpecialCases() {
        let zero = Mat2(0, 0, 0, 0).symmetricEigen
        #expect(zero.small == 0 && zero.large == 0)
        expectValidDecomposition(Mat2(0, 0, 0, 0))
        let id = (2.5 * Mat2.identity).symmetricEigen
        #expect(id.small == 2.5 && id.large == 2.5)
        expectValidDecomposition(2.5 * Mat2.identity)
        // Singular: eigenvalues 0 and 2 (the deep-linear Hessian at a minimum, halved).
        let s = Mat2(symmetric: 1, 1, 1).symmetricEigen
        #expect(Swift.abs(s.small) <= 1e-16 && close(s.large, 2, 1e-15))
        expectValidDecomposition(Mat2(symmetric: 1, 1, 1))
        // Indefinite with zero trace: ±√2.
        let t = Mat2(symmetric: 1, 1, -1).symmetricEigen
        #expect(close(t.small, -2.0.squareRoot(), 1e-15) && close(t.large, 2.0.squareRoot(), 1e-15))
        // A non-symmetric matrix is decomposed through its symmetric part.
        let ns = Mat2(1, 3, -1, 1).symmetricEigen // symmetric part [[1, 1], [1, 1]]
        #expect(Swift.abs(ns.small) <= 1e-15 && close(ns.large, 2, 1e-15))
        expectValidDecomposition(Mat2(1, 3, -1, 1))
    }

    @Test func conditionNumber() {
        #expect(Mat2(symmetric: 2, 0, 18).symmetricEigen.conditionNumber == 9)
        #expect(Mat2(symmetric: -4, 0, 2).symmetricEigen.conditionNumber == 2)
        #expect(Mat2(symmetric: 1, 1, 1).symmetricEigen.conditionNumber > 1e15)
        #expect(Mat2(0, 0, 0, 0).symmetricEigen.conditionNumber == .infinity)
    }

    @Test func randomSymmetricMatrices() {
        var rng = SeededRNG(seed: 2024)
        for _ in 0..<500 {
            let scale = Foundation.pow(10, 8 * rng.uniform() - 4)
            let m = Mat2(symmetric: scale * (2 * rng.uniform() - 1), scale * (2 * rng.uniform() - 1), scale * (2 * rng.uniform() - 1))
            expectValidDecomposition(m)
            let e = m.symmetricEigen
            #expect(close(e.small + e.large, m.trace, 1e-15 * 4 * scale))
            #expect(close(e.small * e.large, m.determinant, 1e-15 * 8 * scale * scale))
        }
    }
}

@Suite struct SuggestTests {
    @Test func levenshteinDistance() {
        #expect(Suggest.distance("kitten", "sitting") == 3)
        #expect(Suggest.distance("", "abc") == 3)
        #expect(Suggest.distance("abc", "") == 3)
        #expect(Suggest.distance("abc", "abc") == 0)
        #expect(Suggest.distance("flaw", "lawn") == 2)
        #expect(Suggest.distance("six-hump-camel", "sixhumpcamel") == 2)
    }

    @Test func closestFindsPlausibleTypos() {
        let names = LandscapeCatalog.all.map(\.name)
        #expect(Suggest.closest(to: "rosenbrok", in: names) == "rosenbrock")
        #expect(Suggest.closest(to: "Himmelblau", in: names) == "himmelblau") // case-insensitive
        #expect(Suggest.closest(to: "rastrgin", in: names) == "rastrigin")
        #expect(Suggest.closest(to: "sadle", in: names) == "saddle")
        #expect(Suggest.closest(to: "rnn_clif", in: names) == "rnn-cliff")
        #expect(Suggest.closest(to: "goldstein-prize", in: names) == "goldstein-price")
        #expect(Suggest.closest(to: "beale", in: names) == "beale")
    }

    @Test func closestRejectsUnrelatedWords() {
        let names = LandscapeCatalog.all.map(\.name)
        #expect(Suggest.closest(to: "xyzzy", in: names) == nil)
        #expect(Suggest.closest(to: "banana-valley", in: names) == nil)
        #expect(Suggest.closest(to: "anything", in: []) == nil)
    }

    @Test func thresholdGrowsWithLength() {
        // Up to max(2, count/3) edits are accepted.
        #expect(Suggest.closest(to: "ab", in: ["xy"]) == "xy")         // 2 edits, threshold 2
        #expect(Suggest.closest(to: "abc", in: ["xyz"]) == nil)        // 3 edits, threshold 2
        #expect(Suggest.closest(to: "abcdefghi", in: ["abcxyzghi"]) == "abcxyzghi") // 3 edits, threshold 3
        #expect(Suggest.closest(to: "abcdefghi", in: ["axxxxfghi"]) == nil)         // 4 edits
        // Ties go to the first candidate.
        #expect(Suggest.closest(to: "cat", in: ["bat", "cot"]) == "bat")
    }
}
