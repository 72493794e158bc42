import OptiscapeCore
import OptiscapeRender

/// Sizes and colours of a figure, worked out once from its size: every length is a multiple of
/// the text size `unit`, so a figure keeps its look from a thumbnail to a full-screen slide.
///
/// Colours are the terminal's, through its public API — ``ContourPalette/standard`` for bands
/// and iso-lines, ``RunnerStyle`` for runners, the terminal's theme (256 colours) for text, borders and
/// markers — taken at their xterm sRGB values, so a figure looks like the screen it is made
/// from. The page is the dark grey of the terminal's bars' neighbourhood (xterm 234).
struct FigureStyle {
    let width: Double
    let height: Double
    /// The base text size.
    let unit: Double
    let theme = PlotContent.Chrome(mode: .full256)
    let palette: ContourPalette

    init(width: Double, height: Double, palette: ContourPalette = .standard) {
        self.width = width
        self.height = height
        self.palette = palette
        unit = Swift.min(Swift.max(Swift.min(height / 36, width / 58), 5), 48)
    }

    var margin: Double { unit * 0.9 }

    static let lightText = RGB(.indexed(252), fallback: RGB(0.82, 0.82, 0.82))
    var page: RGB { RGB(.indexed(234), fallback: RGB(0.11, 0.11, 0.11)) }
    var text: RGB { RGB(theme.text, fallback: FigureStyle.lightText) }
    var dimText: RGB { RGB(theme.dimText, fallback: FigureStyle.lightText) }
    var heading: RGB { RGB(theme.heading, fallback: FigureStyle.lightText) }
    var border: RGB { RGB(theme.border, fallback: FigureStyle.lightText) }
    var marker: RGB { RGB(theme.marker, fallback: FigureStyle.lightText) }
    var good: RGB { RGB(theme.good, fallback: FigureStyle.lightText) }
    var bad: RGB { RGB(theme.bad, fallback: FigureStyle.lightText) }
    var warning: RGB { RGB(theme.warning, fallback: FigureStyle.lightText) }
    /// The dark edge around markers and under paths.
    var outline: RGB { RGB(0.05, 0.05, 0.05) }

    func color(_ c: Color) -> RGB { RGB(c, fallback: text) }

    func bandColor(_ band: Int, _ levels: Levels) -> RGB {
        color(palette.bandColor(at: levels.position(ofBand: band), mode: .full256))
    }

    /// The colour of the iso-line of level `k` (between bands k and k + 1): as in the
    /// terminal, the line colour of the band below it.
    func lineColor(level k: Int, _ levels: Levels) -> RGB {
        color(palette.lineColor(at: levels.position(ofBand: k), mode: .full256))
    }

    func runner(_ i: Int, _ state: AppState) -> RunnerStyle {
        RunnerStyle(index: i, requested: state.simulation.runners[i].config.color, mode: .full256)
    }
}
