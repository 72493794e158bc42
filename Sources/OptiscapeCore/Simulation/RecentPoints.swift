/// The last `capacity` points of a run, exactly: a ring buffer, oldest first.
struct RecentPoints: Sendable, Equatable {
    let capacity: Int
    private var storage: [Vec2] = []
    /// Where the oldest point is once the ring is full (and where the next one goes).
    private var oldest = 0

    init(capacity: Int) {
        precondition(capacity >= 0)
        self.capacity = capacity
    }

    /// Points held (at most `capacity`).
    var count: Int { storage.count }

    @inline(__always)
    mutating func append(_ p: Vec2) {
        guard capacity > 0 else { return }
        if storage.count < capacity {
            storage.append(p)
        } else {
            storage[oldest] = p
            oldest += 1
            if oldest == capacity { oldest = 0 }
        }
    }

    /// The k-th oldest point held (`0 ..< count`).
    @inline(__always)
    subscript(k: Int) -> Vec2 {
        let i = oldest + k
        return storage[i < storage.count ? i : i - storage.count]
    }
}
