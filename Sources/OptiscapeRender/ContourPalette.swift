/// The colours and shading characters a ``ContourField`` draws its bands and iso-lines with.
///
/// Every ramp runs from low to high; a band's entry is taken at its
/// ``Levels/position(ofBand:)`` along the ramp (nearest entry). A band whose background is
/// ``Color/default`` in the current mode (always so in ``ColorMode/none``) is shown by its
/// shading character instead, drawn with `shadeAttributes`.
///
/// Choices, made by looking at rendered frames (the trajectories are the subject, the
/// landscape the backdrop):
/// - ``standard`` (the default), 256 colours: a sequential palette of lightness only — bands
///   on the xterm grey ramp from near black (233) to mid grey (244), iso-lines five steps of
///   the ramp lighter than their band (238 → 249), so each line's lightness tells its height.
///   Hue is left entirely to the runners (``RunnerPalette``): every saturated runner colour
///   stands out on every band and line. Palette entries 0–15, which terminal themes
///   redefine, are not used.
/// - ``standard``, 8 colours: no band backgrounds (8-colour backgrounds are loud and leave
///   no colour for trajectories); bands are dim shading characters, iso-lines dim white,
///   every hue left to the runners.
/// - No colour (`NO_COLOR`, monochrome): bands are blank (``monochromeShades``) and iso-lines
///   dim `·` (``monochromeLineGlyph``) rather than braille, so that trajectories, which are
///   braille, differ from the contours by their glyphs, and nothing else competes with them.
/// - Undefined cells (NaN or ±∞ at the centre, e.g. outside a formula's domain) are a dim
///   `╱` hatch, on dark grey in 256 colours; never a band.
///
/// ``viridis`` (coloured bands, lines a step brighter) and ``grey`` are alternatives.
public struct ContourPalette: Hashable, Sendable {
    /// Band backgrounds in 256-colour mode, low → high.
    public var bands256: [Color]
    /// Iso-line colours in 256-colour mode, low → high.
    public var lines256: [Color]
    /// Band backgrounds in 8-colour mode, low → high (``Color/default``: use shades).
    public var bands8: [Color]
    /// Iso-line colours in 8-colour mode, low → high.
    public var lines8: [Color]
    /// Band shading characters, low → high, for bands without a background colour.
    public var shades: [Character]
    /// Attributes of shading characters.
    public var shadeAttributes: Attributes
    /// Attributes of iso-line dots in ``ColorMode/none``.
    public var monochromeLineAttributes: Attributes
    /// The glyph of an iso-line cell in ``ColorMode/none`` (nil: its braille dots).
    public var monochromeLineGlyph: Character?
    /// Band shading characters in ``ColorMode/none``, low → high.
    public var monochromeShades: [Character]
    /// The glyph of undefined cells.
    public var undefinedGlyph: Character
    /// Foreground and background of undefined cells in 256-colour mode.
    public var undefinedForeground256: Color
    public var undefinedBackground256: Color

    /// A palette; every ramp must have at least one entry.
    public init(bands256: [Color], lines256: [Color], bands8: [Color], lines8: [Color],
                shades: [Character] = [" ", ".", ":"], shadeAttributes: Attributes = .dim,
                monochromeLineAttributes: Attributes = .dim, monochromeLineGlyph: Character? = "·", monochromeShades: [Character] = [" "], undefinedGlyph: Character = "╱",
                undefinedForeground256: Color = .indexed(242), undefinedBackground256: Color = .indexed(235)) {
        precondition(!bands256.isEmpty && !lines256.isEmpty && !bands8.isEmpty && !lines8.isEmpty
                     && !shades.isEmpty, "palette ramps must not be empty")
        self.bands256 = bands256; self.lines256 = lines256
        self.bands8 = bands8; self.lines8 = lines8
        self.shades = shades
        self.shadeAttributes = shadeAttributes
        self.monochromeLineAttributes = monochromeLineAttributes
        self.monochromeLineGlyph = monochromeLineGlyph
        self.monochromeShades = monochromeShades.isEmpty ? [" "] : monochromeShades
        self.undefinedGlyph = undefinedGlyph
        self.undefinedForeground256 = undefinedForeground256
        self.undefinedBackground256 = undefinedBackground256
    }

    private static func indexed(_ i: [UInt8]) -> [Color] { i.map { .indexed($0) } }

    /// Grey bands, lighter grey iso-lines (the default; see the type's documentation).
    public static let standard = ContourPalette(
        bands256: indexed(Array(233...244)),
        lines256: indexed(Array(238...249)),
        bands8: [.default],
        lines8: [.white])

    /// Viridis bands from the xterm cube (CIELAB lightness rising from about 21 to 87),
    /// iso-lines two steps brighter; 8 colours: black → blue → cyan → green → yellow → white
    /// backgrounds.
    public static let viridis = ContourPalette(
        bands256: indexed([53, 54, 24, 31, 30, 37, 36, 35, 71, 77, 113, 148, 184, 220]),
        lines256: indexed([24, 31, 30, 37, 36, 73, 72, 78, 78, 114, 150, 186, 228, 229]),
        bands8: indexed([0, 4, 6, 2, 3, 7]),
        lines8: indexed([4, 6, 2, 3, 7, 3]))

    /// Grey bands and light grey iso-lines of one lightness; 8 colours: shades and white lines.
    public static let grey = ContourPalette(
        bands256: indexed(Array(233...244)),
        lines256: indexed([240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251]),
        bands8: [.default],
        lines8: [.white])

    @inlinable
    static func pick<T>(_ ramp: [T], _ position: Double) -> T {
        let p = position.isNaN ? 0 : Swift.min(Swift.max(position, 0), 1)
        return ramp[Int((p * Double(ramp.count - 1)).rounded())]
    }

    /// The band background at `position` (0 low … 1 high) for `mode`
    /// (``Color/default`` in ``ColorMode/none``).
    public func bandColor(at position: Double, mode: ColorMode) -> Color {
        switch mode {
        case .full256: return Self.pick(bands256, position)
        case .basic8: return Self.pick(bands8, position).basic8
        case .none: return .default
        }
    }

    /// The iso-line colour on a band at `position` for `mode` (``Color/default`` in `.none`).
    public func lineColor(at position: Double, mode: ColorMode) -> Color {
        switch mode {
        case .full256: return Self.pick(lines256, position)
        case .basic8: return Self.pick(lines8, position).basic8
        case .none: return .default
        }
    }

    /// The shading character of a band at `position` (in `mode`: ``monochromeShades`` without colour).
    public func shade(at position: Double, mode: ColorMode = .basic8) -> Character {
        Self.pick(mode == .none ? monochromeShades : shades, position)
    }
}
