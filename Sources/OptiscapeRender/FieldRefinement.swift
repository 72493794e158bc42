import Dispatch
import OptiscapeCore
import Synchronization

/// The full contour field of a costly landscape (a network's slice), computed on a background
/// thread from a coarse field's cell values while the coarse field is shown
/// (``Renderer/progressive``). The render loop never waits for it: it asks ``field`` each
/// frame and swaps the full field in once it is there.
final class FieldRefinement: Sendable {
    /// The field cache key the full field is for.
    let key: FieldCache.Key
    /// Shown meanwhile.
    let coarse: ContourField
    private let result = Mutex<ContourField?>(nil)
    private let cancelled = Atomic<Bool>(false)
    /// Signalled when the background work has returned (done or cancelled).
    private let finished = DispatchSemaphore(value: 0)

    /// Starts computing the full field of `landscape` for `coarse`'s viewport and levels.
    init(key: FieldCache.Key, landscape: any Landscape, coarse: ContourField) {
        self.key = key
        self.coarse = coarse
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let full = ContourField(landscape: landscape, viewport: coarse.viewport, levels: coarse.spec,
                                    cellValues: coarse.cellValues) { self.cancelled.load(ordering: .relaxed) }
            if let full { result.withLock { $0 = full } }
            finished.signal()
        }
    }

    /// The full field, once it is computed (nil before, and for good once cancelled early).
    var field: ContourField? { result.withLock { $0 } }

    /// Stops the work at its next batch of rows and waits for that (a few hundredths of a
    /// second): no work outlives its refinement, so none is left running when the program exits
    /// (a thread still in the network engine while the process tears down crashed it).
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        finished.wait()
        finished.signal()
    }

    /// Whether sampling `landscape` over `viewport` would take longer than a frame (1/30 s) on
    /// one core, by its ``Landscape/valueCost``: then the terminal shows a coarse field first.
    static func isCostly(_ landscape: any Landscape, _ viewport: Viewport) -> Bool {
        let cells = Double(Swift.max(0, viewport.rect.width) * Swift.max(0, viewport.rect.height))
        return landscape.valueCost * 9 * cells > 1.0 / 30
    }
}
