extension NetworkSpec {
    /// θ with hidden units `p` and `q` of hidden layer `hidden` (0 = the first hidden layer)
    /// swapped: rows p and q of that layer's weight matrix and bias, and columns p and q of the
    /// next layer's weight matrix. The network computes the same function (§8.2.2's weight-space
    /// symmetry), so the loss, and the Hessian's spectrum, are unchanged.
    public func swappingHiddenUnits(_ theta: [Double], layer hidden: Int = 0, _ p: Int, _ q: Int) -> [Double] {
        let all = layers
        precondition(hidden >= 0 && hidden + 1 < all.count, "hidden layer \(hidden) of \(sizesText)")
        let into = all[hidden], out = all[hidden + 1]
        precondition(p >= 0 && q >= 0 && p < into.fanOut && q < into.fanOut, "units \(p), \(q) of \(into.fanOut)")
        var t = theta
        guard p != q else { return t }
        for i in 0..<into.fanIn { t.swapAt(into.weightOffset + p * into.fanIn + i, into.weightOffset + q * into.fanIn + i) }
        t.swapAt(into.biasOffset + p, into.biasOffset + q)
        for o in 0..<out.fanOut { t.swapAt(out.weightOffset + o * out.fanIn + p, out.weightOffset + o * out.fanIn + q) }
        return t
    }
}
