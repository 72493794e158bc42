/// The points a runner visited, with the loss at each: index i is step i.
public struct Trajectory: Sendable, Equatable {
    public private(set) var points: [Vec2] = []
    public private(set) var losses: [Double] = []

    public init() {}
    public init(start: Vec2, loss: Double) { append(start, loss: loss) }

    public var count: Int { points.count }
    public var last: Vec2? { points.last }

    public mutating func append(_ p: Vec2, loss: Double) {
        points.append(p)
        losses.append(loss)
    }
}
