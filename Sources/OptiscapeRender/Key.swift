/// A key press or mouse event, independent of ncurses.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case enter, tab, backTab, escape
    case pageUp, pageDown
    /// A left click at a screen cell.
    case click(column: Int, row: Int)
    case scrollUp, scrollDown
}
