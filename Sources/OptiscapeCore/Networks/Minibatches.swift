/// The order minibatches are drawn in (`--batch-order`), epoch after epoch, like iterating a
/// `torch.utils.data.DataLoader(dataset, batch_size=B, drop_last=False)` again and again:
/// each epoch is split into ⌈n/B⌉ batches of B consecutive rows of the epoch's order, the last
/// one holding the n mod B rows left over (kept, not dropped); then the next epoch begins.
public enum BatchOrder: String, CaseIterable, Sendable, Hashable {
    /// A fresh seeded permutation of the rows each epoch (`shuffle=True`). The permutation is
    /// a Fisher–Yates shuffle driven by optiscape's ``SeededRNG`` (the runner's own stream), so
    /// it is reproducible from `--seed` but is not the permutation torch's generator would give.
    case shuffle
    /// The file's order every epoch (`shuffle=False`).
    case sequential
}

/// Hands out the row indices of successive minibatches in a ``BatchOrder``.
public struct MinibatchSampler: Sendable {
    public let rows: Int
    public let batch: Int
    public let order: BatchOrder
    private var rng: SeededRNG
    private var permutation: [Int]
    /// Where the next batch starts in this epoch's order.
    private var position: Int
    /// Epochs started so far.
    public private(set) var epoch = 0

    /// Precondition: 1 ≤ batch ≤ rows (the commands check it first, with a message).
    public init(rows: Int, batch: Int, order: BatchOrder, rng: SeededRNG) {
        precondition(rows >= 1 && batch >= 1 && batch <= rows, "batch \(batch) of \(rows) rows")
        self.rows = rows; self.batch = batch; self.order = order; self.rng = rng
        permutation = Array(0..<rows)
        position = rows // the first call starts epoch 1
    }

    /// The rows of the next minibatch, in the order they are drawn.
    public mutating func next() -> ArraySlice<Int> {
        if position >= rows {
            epoch += 1
            position = 0
            if order == .shuffle {
                permutation = Array(0..<rows)
                // Fisher–Yates from the end: swap i with a uniform j ≤ i.
                for i in stride(from: rows - 1, to: 0, by: -1) {
                    permutation.swapAt(i, rng.index(below: i + 1))
                }
            }
        }
        let end = Swift.min(position + batch, rows)
        defer { position = end }
        return permutation[position..<end]
    }
}
