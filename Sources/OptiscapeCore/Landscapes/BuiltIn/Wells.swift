import Foundation

/// A gentle bowl with four Gaussian wells of different depths and widths: local minima that
/// trap descent according to where it starts (Deep Learning §8.2.2).
///
///     f(p) = 0.06‖p‖² − Σᵢ dᵢ · exp(−‖p − cᵢ‖² / (2wᵢ²))
///
/// | well | centre cᵢ   | depth dᵢ | width wᵢ | minimum (value)                  |
/// |------|-------------|----------|----------|----------------------------------|
/// | A    | (1.5, 1)    | 2        | 0.9      | (1.4299, 0.9535)  −1.8142 global |
/// | B    | (−2, 1.5)   | 1.6      | 0.8      | (−1.9052, 1.4303) −1.2436        |
/// | C    | (−1, −2)    | 1.2      | 0.7      | (−0.9525, −1.9050) −0.9144       |
/// | D    | (2.5, −2)   | 0.9      | 0.6      | (2.3785, −1.8953) −0.3205        |
///
/// Each minimum is pulled slightly off its well's centre by the bowl and the other wells.
/// Between them are three saddles (A–B, A–C, A–D); the bowl makes f coercive, and with four
/// minima, three saddles and no maximum the Morse count 4 − 3 + 0 = 1 checks out. D's basin is
/// shallow: its rim (the A–D saddle, −0.0072) is only 0.31 above its floor.
///
/// The critical points were found by Newton's method from a 400 × 400 grid of starts over the
/// view, polished with mpmath at 40 digits (exact rational constants) and rounded to the
/// nearest double — no others exist in the view;
/// the tests check gradient ≈ 0, the Hessian's signs and that a Newton step moves none of them
/// by more than rounding. No parameters: the list stays exact.
public struct Wells: FormulaLandscape {
    public init() {}

    public static let entry = LandscapeEntry(
        name: "wells",
        summary: "a gentle bowl with four wells of different depths: local minima",
        make: { _ in Wells() })

    public var name: String { "wells" }
    public var formula: String {
        "0.06‖p‖² − 2·e^(−‖p − (1.5, 1)‖²/(2·0.9²)) − 1.6·e^(−‖p − (−2, 1.5)‖²/(2·0.8²))"
            + " − 1.2·e^(−‖p − (−1, −2)‖²/(2·0.7²)) − 0.9·e^(−‖p − (2.5, −2)‖²/(2·0.6²)), p = (x, y)"
    }
    public var view: ViewBox { ViewBox(x: -4.5...4.5, y: -4.5...4.5) }
    public var criticalPoints: [CriticalPoint] {
        [
            CriticalPoint(Vec2(1.429920542911256, 0.9534977790655688), .globalMinimum),   // −1.8141869571039322
            CriticalPoint(Vec2(-1.905191605347562, 1.4302917548887395), .localMinimum),   // −1.243646837311612
            CriticalPoint(Vec2(-0.9525064309687784, -1.9050051211551762), .localMinimum), // −0.9144345095380099
            CriticalPoint(Vec2(2.3784897490454386, -1.8953023547769), .localMinimum),     // −0.3204855553606362
            CriticalPoint(Vec2(-0.45081172910075695, 1.0656819524331718), .saddle),       // −0.32186264362870437 (A–B)
            CriticalPoint(Vec2(-0.12458102192235118, -0.6509488660142468), .saddle),      // −0.13503365379539883 (A–C)
            CriticalPoint(Vec2(1.9065918584615644, -1.0928104148403617), .saddle),        // −0.007230570980881103 (A–D)
        ]
    }

    @inlinable static func well<S: AutoDiffScalar>(_ x: S, _ y: S, _ cx: Double, _ cy: Double,
                                                    depth: Double, width: Double) -> S {
        let dx = x - cx, dy = y - cy
        return exp((dx * dx + dy * dy) * (-0.5 / (width * width))) * depth
    }

    @inlinable public func f<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        (x * x + y * y) * 0.06
            - Wells.well(x, y, 1.5, 1, depth: 2, width: 0.9)
            - Wells.well(x, y, -2, 1.5, depth: 1.6, width: 0.8)
            - Wells.well(x, y, -1, -2, depth: 1.2, width: 0.7)
            - Wells.well(x, y, 2.5, -2, depth: 0.9, width: 0.6)
    }
}
