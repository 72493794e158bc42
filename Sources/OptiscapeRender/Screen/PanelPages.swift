/// Fits a panel's lines into fewer rows by pages, keeping the lines that matter on every page.
///
/// When the lines fit, all are shown. When they do not, every line marked essential is shown
/// on every page, in its place, and the other lines are shown a page at a time in the rows
/// left (one row goes to the page indicator). Pages wrap around, so any page number is valid.
/// If the essential lines alone leave no room, every line is paged (nothing is unreachable).
struct PanelPages: Equatable {
    /// Indices of the lines shown, in order.
    var shown: [Int]
    /// The page shown (0-based) and how many there are (1: everything fits).
    var page: Int
    var count: Int

    init(essential: [Bool], rows: Int, page requested: Int) {
        let n = essential.count
        guard rows > 0 else { shown = []; page = 0; count = 1; return }
        guard n > rows else { shown = Array(0..<n); page = 0; count = 1; return }
        let pinned = essential.indices.filter { essential[$0] }
        let paged = essential.indices.filter { !essential[$0] }
        let room = rows - 1 - pinned.count
        let (kept, pool, perPage) = room >= 1 ? (pinned, paged, room) : ([], Array(0..<n), rows - 1)
        guard perPage >= 1 else { shown = Array(0..<Swift.min(n, rows)); page = 0; count = 1; return }
        count = Swift.max(1, (pool.count + perPage - 1) / perPage)
        page = ((requested % count) + count) % count
        let slice = pool[Swift.min(pool.count, page * perPage)..<Swift.min(pool.count, (page + 1) * perPage)]
        shown = (kept + slice).sorted()
    }

    /// `page 1/3 · PgDn` for the indicator row, or nil when everything fits.
    var indicator: String? {
        count > 1 ? "page \(page + 1)/\(count) · PgDn/PgUp" : nil
    }
}
