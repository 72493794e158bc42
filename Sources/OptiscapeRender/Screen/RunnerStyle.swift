import Foundation
import OptiscapeCore

/// How one runner looks: its colour (for the current ``ColorMode``) and its head glyph.
///
/// Colours come from ``RunnerPalette/standard``: saturated hues chosen together with the grey
/// height palette of ``ContourPalette/standard``, so a runner never shares a colour with the
/// contours. A scene's `color:` wins when it is a 256-colour index (`"196"`) or a known name
/// (`red`, `orange`, …).
///
/// Glyphs: every runner also has its own head glyph (`● ■ ▲ ▼ ◀ ▶ ◆ ◉ ◈`, by index), so that
/// runners are told apart without colour (`NO_COLOR`).
public struct RunnerStyle: Hashable, Sendable {
    /// The colour, already resolved for the mode (``Color/default`` in ``ColorMode/none``).
    public var color: Color
    /// The head glyph, also the legend's swatch.
    public var head: Character

    /// The 256-colour palette, by runner index (cycled).
    public static let palette256: [UInt8] = RunnerPalette.standard.cycle.map(\.index256)
    /// The 8-colour equivalents.
    public static let palette8: [UInt8] = RunnerPalette.standard.cycle.map(\.index8)
    /// Head glyphs by runner index (cycled).
    public static let heads: [Character] = ["●", "■", "▲", "▼", "◀", "▶", "◆", "◉", "◈"]

    /// Colour names a scene may use, with their 256-colour index.
    public static let names: [String: UInt8] = Dictionary(
        RunnerPalette.standard.named.map { ($0.name, $0.index256) }, uniquingKeysWith: { a, _ in a })

    public init(color: Color, head: Character) { self.color = color; self.head = head }

    /// The style of runner `index` with the scene's colour request `requested`, in `mode`.
    public init(index: Int, requested: String?, mode: ColorMode) {
        let i = ((index % RunnerStyle.heads.count) + RunnerStyle.heads.count) % RunnerStyle.heads.count
        head = RunnerStyle.heads[i]
        let k = ((index % RunnerStyle.palette256.count) + RunnerStyle.palette256.count) % RunnerStyle.palette256.count
        var c256 = Color.indexed(RunnerStyle.palette256[k])
        var c8 = Color.indexed(RunnerStyle.palette8[k])
        if let r = requested.flatMap(RunnerStyle.parse) { c256 = r; c8 = r.basic8 }
        switch mode {
        case .full256: color = c256
        case .basic8: color = c8
        case .none: color = .default
        }
    }

    /// A 256-colour index (`"196"`) or a name from ``names`` (case-insensitive); nil otherwise.
    public static func parse(_ s: String) -> Color? {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        if let n = Int(t), (0...255).contains(n) { return .indexed(UInt8(n)) }
        return names[t].map { .indexed($0) }
    }
}

/// The fixed colours of the screen's chrome for a mode: bars, text, markers, vectors.
struct Theme {
    let mode: ColorMode

    func c(_ i: UInt8) -> Color { mode.resolve(.indexed(i)) }

    /// Title and status bars.
    var barForeground: Color { mode == .full256 ? .indexed(252) : .default }
    var barBackground: Color { mode == .full256 ? .indexed(236) : .default }
    var barAttributes: Attributes { mode == .full256 ? [] : .reverse }
    /// Panel headings and borders.
    var heading: Color { c(250) }
    var border: Color { c(240) }
    var dimText: Color { mode == .full256 ? .indexed(245) : .default }
    var dimAttributes: Attributes { mode == .full256 ? [] : .dim }
    var text: Color { .default }
    var warning: Color { c(214) }
    var good: Color { c(114) }
    var bad: Color { c(203) }
    var accent: Color { c(117) }
    /// Critical-point markers.
    var marker: Color { c(231) }
    /// Vector overlay: −lr·g, velocity, last step (light tints, none of them a runner's hue).
    var gradientVector: Color { c(229) }
    var velocityVector: Color { c(123) }
    var stepVector: Color { c(231) }
    var cursor: Color { c(226) }
}
