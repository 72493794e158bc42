extension Trajectory {
    /// How much of a trajectory is kept (see ``Trajectory``).
    public struct Limits: Sendable, Hashable {
        /// The first points kept exactly (with their losses).
        public var exact: Int
        /// Intervals of the decimated history between the exact points and the recent ones
        /// (even, ≥ 2; unused when ``exact`` is unbounded).
        public var decimated: Int
        /// The last points kept exactly, from which the renderer draws each new segment: at
        /// least the most steps one frame can take (``AppState/maximumStepsPerFrame``), or a
        /// fast frame draws part of its path decimated.
        public var recent: Int

        public init(exact: Int, decimated: Int, recent: Int) {
            precondition(exact >= 1 && decimated >= 2 && decimated % 2 == 0 && recent >= 1,
                         "trajectory limits need exact ≥ 1, an even decimated ≥ 2 and recent ≥ 1")
            self.exact = exact; self.decimated = decimated; self.recent = recent
        }

        /// Every point and loss: what claims (`check`) and exports (`trace`) need.
        public static let unbounded = Limits(exact: .max, decimated: 2, recent: 1)

        /// What the interactive UI keeps: at most about 350 KB a runner however long it runs. The first
        /// 1 024 points exact (the descent, usually the interesting part), 2 048 decimated
        /// intervals (so the loss chart is exact up to step 3 072 and keeps every spike after),
        /// and the last 16 384 points exact (more than the fastest speed takes in a frame).
        public static let display = Limits(exact: 1024, decimated: 2048, recent: 16_384)

        /// Whether every point is kept.
        public var isUnbounded: Bool { exact == .max }
    }
}
