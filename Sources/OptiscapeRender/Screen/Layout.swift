/// Where the parts of the screen go, from the terminal size and the open panels.
///
/// ```
/// ┌──────────────────────────── title bar (1 row) ──────────────────────────────┐
/// │ plot (axes, contours, trajectories)                 │ side panel:          │
/// │   — or small multiples —                            │   runners (legend)   │
/// │                                                     │   explain (x)        │
/// │─────────────────────────────────────────────────────│   inside (i)         │
/// │ loss panel (l): about a third of the height          │                      │
/// └──────────────────────────── status bar (1 row) ─────────────────────────────┘
/// ```
/// - The side panel is always there (the legend is what tells runners apart): about a third
///   of the width, at least 28 and at most 44 columns, so the plot keeps most of the screen.
/// - The loss panel takes the bottom third of the plot column (5 to 14 rows), so the loss
///   curves line up under the plot and the side panel keeps its height for text.
/// - Below ``minimumWidth`` × ``minimumHeight`` nothing but a "too small" message is drawn.
public struct ScreenLayout: Hashable, Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 20

    public var titleBar: Rect
    public var statusBar: Rect
    /// The plot (with its axes) or the small multiples.
    public var main: Rect
    /// The loss panel, when open.
    public var loss: Rect?
    /// The side panel, including its one-column border on the left.
    public var side: Rect

    /// Whether a `width × height` screen is big enough for the layout.
    public static func fits(width: Int, height: Int) -> Bool {
        width >= minimumWidth && height >= minimumHeight
    }

    /// The side panel's width for a screen `width` columns wide.
    public static func sideWidth(for width: Int) -> Int {
        Swift.min(44, Swift.max(28, (width * 34 + 50) / 100))
    }

    /// The layout of a screen at least ``minimumWidth`` × ``minimumHeight``.
    public init(width: Int, height: Int, showLoss: Bool) {
        titleBar = Rect(col: 0, row: 0, width: width, height: 1)
        statusBar = Rect(col: 0, row: height - 1, width: width, height: 1)
        let bodyHeight = height - 2
        let sw = ScreenLayout.sideWidth(for: width)
        side = Rect(col: width - sw, row: 1, width: sw, height: bodyHeight)
        let mainWidth = width - sw
        if showLoss {
            let lh = Swift.min(14, Swift.max(5, bodyHeight / 3))
            main = Rect(col: 0, row: 1, width: mainWidth, height: bodyHeight - lh)
            loss = Rect(col: 0, row: 1 + bodyHeight - lh, width: mainWidth, height: lh)
        } else {
            main = Rect(col: 0, row: 1, width: mainWidth, height: bodyHeight)
            loss = nil
        }
    }
}
