import OptiscapeCore

/// A one-column glyph marking a point of the plot: a critical point, or a trajectory's start
/// or head. All glyphs are single-width in tmux and common terminal fonts.
public enum Marker: Hashable, Sendable {
    /// `★` the global minimum.
    case globalMinimum
    /// `◆` a local minimum.
    case localMinimum
    /// `✕` a saddle point.
    case saddle
    /// `▲` a maximum.
    case maximum
    /// `○` where a trajectory starts.
    case start
    /// `●` a trajectory's current point.
    case head
    /// Any other one-column glyph.
    case custom(Character)

    /// The marker of a kind of critical point.
    public init(_ kind: CriticalPoint.Kind) {
        switch kind {
        case .globalMinimum: self = .globalMinimum
        case .localMinimum: self = .localMinimum
        case .saddle: self = .saddle
        case .maximum: self = .maximum
        }
    }

    public var glyph: Character {
        switch self {
        case .globalMinimum: return "★"
        case .localMinimum: return "◆"
        case .saddle: return "✕"
        case .maximum: return "▲"
        case .start: return "○"
        case .head: return "●"
        case .custom(let c): return c
        }
    }

    /// Puts the glyph in the cell showing world point `p`, keeping that cell's background.
    /// - Returns: the cell used, or `nil` when `p` is outside the viewport (or not finite);
    ///   see ``OffViewArrow`` for those.
    @discardableResult
    public func place(at p: Vec2, in viewport: Viewport, onto frame: inout Frame,
                      color: Color = .default, attributes: Attributes = .bold) -> (col: Int, row: Int)? {
        guard let cell = viewport.cell(of: p) else { return nil }
        frame.put(glyph, col: cell.col, row: cell.row, foreground: color, attributes: attributes)
        return cell
    }
}
