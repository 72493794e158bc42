/// A landscape that is an empirical risk over a dataset, so a runner can descend the gradient
/// of a random minibatch instead of the full one (Deep Learning §8.1.3).
public protocol StochasticLandscape: Landscape {
    /// Number of training examples.
    var exampleCount: Int { get }
    /// The mean-loss gradient over `batch` examples drawn uniformly with replacement using `rng`.
    func minibatchGradient(at p: Vec2, batch: Int, rng: inout SeededRNG) -> Vec2
}
