/// A landscape that is a classifier's surrogate loss (the NLL) on a dataset: it also knows the
/// 0-1 loss it stands in for (Deep Learning §8.1.2) and a held-out loss for early stopping.
public protocol ClassificationLandscape: StochasticLandscape {
    /// Fraction of training examples misclassified at `p`.
    func zeroOneLoss(at p: Vec2) -> Double
    /// The surrogate loss on held-out examples at `p`.
    func validationLoss(at p: Vec2) -> Double
}

/// The 0-1 loss of a classification landscape as a surface of its own, for contours
/// (`levels: zero-one`). It is piecewise constant: its gradient is zero wherever it exists,
/// which is why nobody descends it and a surrogate is needed.
public struct ZeroOneSurface: Landscape {
    public let base: any ClassificationLandscape
    public init(_ base: any ClassificationLandscape) { self.base = base }

    public var name: String { base.name + " (0-1 loss)" }
    public var formula: String { "fraction of training examples misclassified" }
    public var view: ViewBox { base.view }
    public var parameters: [String: Double] { base.parameters }
    public var identity: String { base.identity }
    public func value(at p: Vec2) -> Double { base.zeroOneLoss(at: p) }
    public func valueAndGradient(at p: Vec2) -> (value: Double, gradient: Vec2) { (value(at: p), .zero) }
    public func jet(at p: Vec2) -> Jet2 { Jet2(value(at: p)) }
}
