/// Streams a simulation's trajectories as CSV (`runner,step,x,y,loss,grad_norm,status`): one
/// row per runner per recorded step, step 0 being the start, numbers in shortest round-trip form
/// so that reading one back gives the same Double. `every` K keeps every K-th step and each
/// runner's last one; the simulation itself still takes every step.
///
/// `status` is `running` on every row but a stopped runner's last, which carries its final
/// status word (``RunnerStatus/word``: `converged`, `stalled`, `diverged`, `undefined`,
/// `overflow`, `stopped`). A loss or gradient norm that is not a finite number — a start where
/// the loss is undefined or overflows — is an empty field (and the gradient norm is empty
/// wherever the loss is), never a stand-in number.
///
/// When any runner averages its iterates (``RunnerConfig/average``) three columns follow,
/// ``averageColumns``: the averaged point x̄ and f(x̄) (empty for runners without averaging).
public struct TraceCSV {
    public static let header = "runner,step,x,y,loss,grad_norm,status"
    public static let averageColumns = "avg_x,avg_y,avg_loss"

    /// The header for `simulation`: ``header``, then ``averageColumns`` if any runner averages.
    public static func header(for simulation: Simulation) -> String {
        simulation.runners.contains { $0.config.average != nil } ? header + "," + averageColumns : header
    }

    /// Runs `simulation` for `steps` global steps, handing text chunks to `write` as it goes
    /// (memory does not grow with `steps`). Returns the simulation at the end.
    @discardableResult
    public static func stream(_ simulation: Simulation, steps: Int, every: Int = 1,
                              write: (String) -> Void) -> Simulation {
        streamBytes(simulation, steps: steps, every: every) { write(String(decoding: $0, as: UTF8.self)) }
    }

    /// ``stream(_:steps:every:write:)`` handing out UTF-8 bytes (chunks of about 64 KiB; the
    /// buffer is only valid during the call), for writing straight to a file descriptor.
    ///
    /// Rows are built as bytes in one buffer, not as Strings: labels are encoded once, integers
    /// by hand, and each Double's `description` (the shortest round-trip text) copied in.
    /// String concatenation was most of a row's cost; `description` itself is now the largest
    /// part (see `optiscape bench`, figure `trace.rows_per_s`).
    @discardableResult
    public static func streamBytes(_ simulation: Simulation, steps: Int, every: Int = 1,
                                   write: (UnsafeBufferPointer<UInt8>) -> Void) -> Simulation {
        let labels = simulation.runners.map { Array(csvField($0.config.label).utf8) }
        // The longest row: label, step, four numbers of at most 24 bytes, status, separators.
        let averaged = simulation.runners.contains { $0.config.average != nil }
        let longestRow = (labels.map(\.count).max() ?? 0) + 20 + 7 * 32 + 16 + 8
        let flushAt = 1 << 16
        var out = ByteBuffer(capacity: flushAt + longestRow + header.utf8.count + 1)
        defer { out.deallocate() }
        out.append(header(for: simulation) + "\n")
        let sim = TraceWalk.run(simulation, steps: steps, every: every) { i, r in
            // The fields first: reading them after the `write` call made a copy of the runner.
            let step = r.step, p = r.position, loss = r.reportedLoss, gradientNorm = r.reportedGradientNorm
            let average = r.average, averageLoss = r.averageLoss
            let status = r.status.isRunning ? "running" : r.status.word
            if out.count >= flushAt {
                write(out.contents)
                out.count = 0
            }
            labels[i].withUnsafeBufferPointer { out.append($0) }
            out.append(UInt8(ascii: ","))
            out.appendDecimal(step)
            out.append(UInt8(ascii: ","))
            out.append(p.x)
            out.append(UInt8(ascii: ","))
            out.append(p.y)
            out.append(UInt8(ascii: ","))
            if loss.isFinite { out.append(loss) }
            out.append(UInt8(ascii: ","))
            if gradientNorm.isFinite { out.append(gradientNorm) }
            out.append(UInt8(ascii: ","))
            out.append(status)
            if averaged {
                out.append(UInt8(ascii: ","))
                if let a = average { out.append(a.x) }
                out.append(UInt8(ascii: ","))
                if let a = average { out.append(a.y) }
                out.append(UInt8(ascii: ","))
                if let f = averageLoss, f.isFinite { out.append(f) }
            }
            out.append(UInt8(ascii: "\n"))
        }
        write(out.contents)
        return sim
    }

    /// A fixed-capacity byte buffer the caller keeps from overflowing (one allocation, no
    /// copy-on-write per byte).
    struct ByteBuffer: TextOutputStream {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }
        func deallocate() { base.deallocate() }

        var contents: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

        @inline(__always) mutating func append(_ byte: UInt8) {
            precondition(count < capacity)
            base[count] = byte
            count += 1
        }

        @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            precondition(count + bytes.count <= capacity)
            if let p = bytes.baseAddress { (base + count).update(from: p, count: bytes.count) }
            count += bytes.count
        }

        mutating func append(_ text: String) {
            var s = text
            s.withUTF8 { append($0) }
        }

        mutating func write(_ string: String) { append(string) }
        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { append(buffer) }

        /// Exactly `v.description`: the shortest text that reads back as `v`.
        ///
        /// Through `TextOutputStreamable.write(to:)`, which runs the same formatter as
        /// `description` (which only special-cases NaN, as here) and hands its bytes to
        /// ``_writeASCII(_:)`` without creating a String: a heap String per number was a
        /// quarter of a row's cost. Tests check the text against `description`.
        @inline(__always) mutating func append(_ v: Double) {
            precondition(count + 32 <= capacity)
            if v.isNaN { append("nan") } else { v.write(to: &self) }
        }

        /// The decimal digits of `n`, exactly as `String(n)`.
        mutating func appendDecimal(_ n: Int) {
            precondition(count + 20 <= capacity)
            if n < 0 { append(UInt8(ascii: "-")) }
            var m = n.magnitude
            var digits = 1
            var probe = m
            while probe >= 10 { probe /= 10; digits += 1 }
            var k = count + digits
            count = k
            repeat {
                k -= 1
                base[k] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            } while m > 0
        }
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
    /// Every step is printed, so the trajectories must keep every point
    /// (``Trajectory/Limits/unbounded``, as ``Playback/finalState(of:trajectoryLimits:)`` does).
    public static func trajectories(_ simulation: Simulation) -> String {
        precondition(simulation.trajectories.allSatisfy(\.isComplete), "exporting a trajectory that dropped points")
        var out = header + "\n"
        let points = simulation.trajectories.map(\.points), losses = simulation.trajectories.map(\.losses)
        let n = points.map(\.count).max() ?? 0
        for s in 0..<n {
            for i in points.indices where s < points[i].count {
                let p = points[i][s]
                let g = simulation.landscape.valueAndGradient(at: p).1
                let r = simulation.runners[i]
                let last = s == points[i].count - 1
                // A runner that started where the loss is not finite holds a stand-in.
                let loss = last && s == 0 ? r.reportedLoss : losses[i][s]
                let norm = last && s == 0 ? r.reportedGradientNorm : g.norm
                let status = last && !r.status.isRunning ? r.status.word : "running"
                out += csvField(r.config.label) + "," + String(s) + "," + p.x.description + "," + p.y.description + ","
                    + (loss.isFinite ? loss.description : "") + "," + (norm.isFinite ? norm.description : "") + ","
                    + status + "\n"
            }
        }
        return out
    }
}
