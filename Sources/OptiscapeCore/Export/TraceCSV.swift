/// Streams a simulation's trajectories as CSV (`runner,step,x,y,loss,grad_norm`): one row per
/// runner per recorded step, step 0 being the start, numbers in shortest round-trip form so that
/// reading one back gives the same Double. `every` K keeps every K-th step and each runner's
/// last one; the simulation itself still takes every step.
public struct TraceCSV {
    public static let header = "runner,step,x,y,loss,grad_norm"

    /// Runs `simulation` for `steps` global steps, handing text chunks to `write` as it goes
    /// (memory does not grow with `steps`). Returns the simulation at the end.
    @discardableResult
    public static func stream(_ simulation: Simulation, steps: Int, every: Int = 1,
                              write: (String) -> Void) -> Simulation {
        var chunk = header + "\n"
        chunk.reserveCapacity(1 << 17)
        let sim = TraceWalk.run(simulation, steps: steps, every: every, afterStep: {
            if chunk.utf8.count >= 1 << 16 { write(chunk); chunk = "" }
        }) { _, r in
            chunk += csvField(r.config.label)
            chunk += ","
            chunk += String(r.step)
            chunk += ","
            chunk += r.position.x.description
            chunk += ","
            chunk += r.position.y.description
            chunk += ","
            chunk += r.loss.description
            chunk += ","
            chunk += r.gradient.norm.description
            chunk += "\n"
        }
        write(chunk)
        return sim
    }

    /// Quotes a label if it holds a comma, quote or newline (RFC 4180).
    public static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = "\""
        for c in s { out.append(c); if c == "\"" { out.append("\"") } }
        return out + "\""
    }
}

extension TraceCSV {
    /// The trajectories a simulation holds now (as drawn on screen: each runner since its last
    /// restart), in `trace`'s CSV: rows by step, then runner; `grad_norm` is the landscape's
    /// true gradient norm at the point. `trace --recording` prints this for a replayed session.
    public static func trajectories(_ simulation: Simulation) -> String {
        var out = header + "\n"
        let n = simulation.trajectories.map(\.count).max() ?? 0
        for s in 0..<n {
            for (i, t) in simulation.trajectories.enumerated() where s < t.count {
                let p = t.points[s]
                let g = simulation.landscape.valueAndGradient(at: p).1
                out += csvField(simulation.runners[i].config.label) + "," + String(s) + "," + p.x.description + ","
                    + p.y.description + "," + t.losses[s].description + "," + g.norm.description + "\n"
            }
        }
        return out
    }
}
