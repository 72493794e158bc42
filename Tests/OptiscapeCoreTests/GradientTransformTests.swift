import Testing
@testable import OptiscapeCore

@Suite struct GradientTransformTests {
    /// `torch.nn.utils.clip_grad_norm_` numbers from Reference/torch_reference.py (strict mode:
    /// portable kernels), bit for bit.
    @Test func clipNormMatchesTorchExactly() {
        for c in TorchReference.strictClips {
            #expect(c.gradient.norm == c.norm, "‖\(c.gradient)‖")
            #expect(GradientTransforms.clipByNorm(c.gradient, maxNorm: c.maxNorm) == c.clipped,
                    "clip \(c.gradient) to \(c.maxNorm)")
        }
    }

    /// Stock PyTorch on AVX2 computes the norm's sum of squares with an FMA, which can move
    /// the last bit; 1e-15 relative.
    @Test func clipNormMatchesStockTorchToRoundoff() {
        for c in TorchReference.stockClips {
            let mine = GradientTransforms.clipByNorm(c.gradient, maxNorm: c.maxNorm)
            #expect(relativeError(mine, c.clipped) <= 1e-15, "clip \(c.gradient) to \(c.maxNorm)")
        }
    }

    @Test func clipNormLeavesSmallGradientsAlone() {
        #expect(GradientTransforms.clipByNorm(Vec2(3, 4), maxNorm: 10) == Vec2(3, 4))
        #expect(GradientTransforms.clipByNorm(.zero, maxNorm: 1) == .zero)
        let big = GradientTransforms.clipByNorm(Vec2(300, -400), maxNorm: 2)
        #expect(abs(big.norm - 2) < 1e-8)
    }

    @Test func clipValueClampsEachComponent() {
        #expect(GradientTransforms.clipByValue(Vec2(3, -4), limit: 2.5) == Vec2(2.5, -2.5))
        #expect(GradientTransforms.clipByValue(Vec2(0.1, -0.2), limit: 2.5) == Vec2(0.1, -0.2))
        #expect(GradientTransforms.clipByValue(Vec2(.infinity, -.infinity), limit: 1) == Vec2(1, -1))
        #expect(GradientTransforms.clipByValue(Vec2(.nan, 5), limit: 1).x.isNaN)
    }

    @Test func noiseIsDeterministicPerSeed() {
        let t = GradientTransforms(noise: 0.5)
        func run(seed: UInt64) -> [Vec2] {
            var rng = SeededRNG(seed: seed)
            return (0..<20).map { _ in t.apply(to: Vec2(1, -1), rng: &rng) }
        }
        #expect(run(seed: 7) == run(seed: 7))
        #expect(run(seed: 7) != run(seed: 8))
        // g + σ·z with z drawn x first, then y.
        var rng = SeededRNG(seed: 42)
        let zx = rng.gaussian(), zy = rng.gaussian()
        var rng2 = SeededRNG(seed: 42)
        #expect(t.apply(to: Vec2(1, -1), rng: &rng2) == Vec2(1 + 0.5 * zx, -1 + 0.5 * zy))
        #expect(rng2 == rng)
    }

    @Test func zeroOrNoNoiseDrawsNothing() {
        for t in [GradientTransforms(), GradientTransforms(noise: 0), GradientTransforms(clipNorm: 1, clipValue: 1)] {
            var rng = SeededRNG(seed: 1)
            let before = rng
            _ = t.apply(to: Vec2(1, 2), rng: &rng)
            #expect(rng == before)
        }
        #expect(GradientTransforms().isIdentity && GradientTransforms(noise: 0).isIdentity)
        #expect(!GradientTransforms(clipValue: 1).isIdentity)
    }

    @Test func orderIsNoiseThenClipNormThenClipValue() {
        let t = GradientTransforms(noise: 100, clipNorm: 1, clipValue: 0.5)
        var rng = SeededRNG(seed: 3)
        var check = SeededRNG(seed: 3)
        for _ in 0..<50 {
            let g = t.apply(to: Vec2(0, 0), rng: &rng)
            let noisy = Vec2(100 * check.gaussian(), 100 * check.gaussian())
            let expected = GradientTransforms.clipByValue(GradientTransforms.clipByNorm(noisy, maxNorm: 1), limit: 0.5)
            #expect(g == expected)
            #expect(g.norm <= 1 && abs(g.x) <= 0.5 && abs(g.y) <= 0.5)
        }
    }

    @Test func validation() throws {
        try GradientTransforms(noise: 0, clipNorm: 5, clipValue: 1).validate()
        #expect(throws: OptimizerError("invalid gradient noise -1.0: must be a finite standard deviation ≥ 0")) {
            try GradientTransforms(noise: -1).validate()
        }
        #expect(throws: OptimizerError("invalid clip norm -2.0: must be a finite number > 0")) {
            try GradientTransforms(clipNorm: -2).validate()
        }
        #expect(throws: OptimizerError("invalid clip norm 0.0: must be a finite number > 0")) {
            try GradientTransforms(clipNorm: 0).validate()
        }
        #expect(throws: OptimizerError("invalid clip value -0.5: must be a finite number > 0")) {
            try GradientTransforms(clipValue: -0.5).validate()
        }
        #expect(throws: OptimizerError.self) { try GradientTransforms(noise: .nan).validate() }
        #expect(throws: OptimizerError.self) { try GradientTransforms(clipValue: .infinity).validate() }
    }

    @Test func summary() {
        #expect(GradientTransforms().summary == "")
        #expect(GradientTransforms(noise: 0.5, clipNorm: 1, clipValue: 0.1).summary == "σ=0.5 ‖g‖≤1 |g|≤0.1")
    }
}
