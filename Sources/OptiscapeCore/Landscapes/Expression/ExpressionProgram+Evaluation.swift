/// Running a program: the interpreter loop and its register file.
///
/// What an evaluation costs besides its instructions is kept to one function's prologue and
/// epilogue: the instructions are reached through one pointer (``ExpressionProgram/Runnable``),
/// the register file is a local tuple passed by address, the loop stops at the instruction
/// marked ``Post/last`` instead of counting, and the result is always the accumulator. (Through closures —
/// `Array.withUnsafeBufferPointer`, `withUnsafeTemporaryAllocation` — the loop became an
/// outlined call with an argument shuffle, a stack-protector check and a second prologue:
/// about 90 instructions per evaluation before the first instruction ran, against ~30 now.)
extension ExpressionProgram {
    /// The value of the expression at (x, y), with whatever derivatives `S` carries.
    @inline(__always)
    func evaluate<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let code = runnable.instructions
        // Fixed-size register files for the common small programs: initialising a few unused
        // registers costs less than allocating a file of the exact size.
        if registerCount <= 4 {
            var file = (x, y, x, x)
            return Self.run(code, x, y, &file)
        }
        if registerCount <= 8 {
            var file = (x, y, x, x, x, x, x, x)
            return Self.run(code, x, y, &file)
        }
        return evaluateLarge(x, y)
    }

    /// ``evaluate(_:_:)`` for programs with more registers than the fixed-size files hold.
    @inline(never)
    private func evaluateLarge<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        withUnsafeTemporaryAllocation(of: S.self, capacity: registerCount) { registers in
            let r = registers.baseAddress!
            r.initialize(repeating: x, count: registerCount)
            (r + 1).pointee = y
            let result = Self.run(runnable.instructions, x, y, r)
            r.deinitialize(count: registerCount)
            return result
        }
    }

    /// Runs `code` with the register file at `file` (room for the program's registers, x and y
    /// go to registers 0 and 1).
    @inline(__always)
    private static func run<S: AutoDiffScalar, File>(_ code: UnsafePointer<Instruction>, _ x: S, _ y: S,
                                                     _ file: UnsafeMutablePointer<File>) -> S {
        // `File` is `S` or a tuple of `S`s: laid out as consecutive `S` values.
        let operands = Operands(r: UnsafeMutableRawPointer(file).assumingMemoryBound(to: S.self))
        // x and y again, in the shape the instructions read them (see ``Operands``); the
        // optimiser drops the stores of the initialisation they replace.
        operands[0] = x
        operands[1] = y
        var acc = S(0)
        var ip = code
        while true {
            let i = ip.pointee
            execute(i, &acc, operands)
            if i.post.rawValue != 0 {
                if i.post.contains(.square) { acc = acc * acc }
                if i.post.contains(.add) { acc = acc + operands[Int32(i.b)] }
                if i.post.contains(.store) { operands[Int32(i.b)] = acc }
                if i.post.contains(.last) { return acc }
            }
            ip += 1
        }
    }

    /// The register file as instructions see it: x, y and the temporaries, all in memory.
    /// (x and y once came from machine registers behind two tests per operand; read from the
    /// file like the rest, a Rosenbrock evaluation took ~10% fewer instructions.)
    ///
    /// A `Dual2` is always written and read as its value (8 bytes) and its derivative pair
    /// (16 bytes). Left to itself the optimiser picks the split per instruction — sometimes
    /// value and dx as one 16-byte load — and a load that spans two stores cannot be forwarded
    /// from them: a stall of ~15 cycles each time, which made a whole evaluation slower than
    /// one with twice the instructions.
    struct Operands<S: AutoDiffScalar> {
        var r: UnsafeMutablePointer<S>

        @inline(__always) subscript(_ k: Int32) -> S {
            get {
                guard S.self == Dual2.self else { return r[Int(k)] }
                let raw = UnsafeRawPointer(r + Int(k))
                let d = raw.loadUnaligned(fromByteOffset: 8, as: SIMD2<Double>.self)
                return unsafeBitCast(Dual2(value: raw.load(as: Double.self), dx: d.x, dy: d.y), to: S.self)
            }
            nonmutating set {
                guard S.self == Dual2.self else { r[Int(k)] = newValue; return }
                let v = unsafeBitCast(newValue, to: Dual2.self)
                let raw = UnsafeMutableRawPointer(r + Int(k))
                raw.storeBytes(of: v.value, as: Double.self)
                raw.storeBytes(of: SIMD2(v.dx, v.dy), toByteOffset: 8, as: SIMD2<Double>.self)
            }
        }
    }
}
