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
