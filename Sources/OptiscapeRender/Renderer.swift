import OptiscapeCore

/// Temporary minimal screen (contours, trajectories, a status line) so the terminal layer can be
/// exercised; the full composition replaces this file.
public struct Renderer {
    public let colorMode: ColorMode
    private var field: ContourField?
    private var layer: TrajectoryLayer?
    private var viewport: Viewport?

    public init(colorMode: ColorMode) { self.colorMode = colorMode }

    public mutating func render(_ state: AppState, width: Int, height: Int) -> Frame {
        var frame = Frame(width: max(0, width), height: max(0, height))
        guard width >= 20, height >= 5 else { return frame }
        let vp = Viewport(box: state.view, rect: Rect(col: 0, row: 0, width: width, height: height - 1))
        if field == nil || field!.viewport != vp { field = ContourField(landscape: state.landscape, viewport: vp) }
        field!.compose(onto: &frame, mode: colorMode)
        if layer == nil { layer = TrajectoryLayer(viewport: vp) }
        layer!.setViewport(vp)
        layer!.sync(state.simulation.trajectories.map(\.points), colors: state.simulation.runners.indices.map { Color.indexed(UInt8(9 + $0 % 6)) })
        layer!.compose(onto: &frame, attributes: .bold)
        viewport = vp
        frame.put("\(state.scene.title)  step \(state.simulation.step)  \(state.isRunning ? "running" : "paused")", col: 0, row: height - 1)
        return frame
    }

    public func worldPoint(col: Int, row: Int) -> Vec2? {
        guard let vp = viewport, vp.rect.contains(col: col, row: row) else { return nil }
        return vp.world(ofCell: col, row: row)
    }
}
