/// Running a program: the interpreter loop and its register file.
///
/// What an evaluation costs besides its instructions is kept to one function's prologue and
/// epilogue: the instructions are reached through one pointer (``ExpressionProgram/Runnable``),
/// the register file is uninitialised stack memory without a stack-protector check, the loop
/// stops at the instruction marked ``Post/last`` instead of counting, and the result is always
/// the accumulator. (Through `Array.withUnsafeBufferPointer` or a protected
/// `withUnsafeTemporaryAllocation` the loop had become an outlined call with an argument
/// shuffle, a stack-protector check and a second prologue: about 90 instructions per evaluation
/// before the first instruction ran; a tuple file passed by address still cost a stack-protector
/// check, its initialisation and a copy of the program's fields, ~20 instructions more than now.)
///
/// The loop reads an instruction's fields where a case uses them rather than copying the
/// instruction up front: the copy kept every field — the constants above all — live across the
/// switch, and the register shuffles that cost were ~35 instructions per Goldstein–Price evaluation.
extension ExpressionProgram {
    /// The value of the expression at (x, y), with whatever derivatives `S` carries.
    @inline(__always)
    func evaluate<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        let code = runnable.instructions
        // Fixed-size register files for the common small programs: reserving a few unused
        // registers costs less than sizing the file exactly. Stack memory, left uninitialised
        // (a program writes a register before it reads it; x and y are written by `run`),
        // without a stack-protector check (its addresses never leave this evaluation), aligned
        // by hand (see ``aligned(_:)``).
        let unit = Operands<S>.registerBytes
        if registerCount <= 4 {
            return _withUnprotectedUnsafeTemporaryAllocation(byteCount: 4 * unit + 16, alignment: 16) {
                Self.run(code, x, y, Self.aligned($0.baseAddress!))
            }
        }
        if registerCount <= 8 {
            return _withUnprotectedUnsafeTemporaryAllocation(byteCount: 8 * unit + 16, alignment: 16) {
                Self.run(code, x, y, Self.aligned($0.baseAddress!))
            }
        }
        return Self.evaluateLarge(code, registerCount, x, y)
    }

    /// ``evaluate(_:_:)`` for programs with more registers than the fixed-size files hold.
    @inline(never)
    private static func evaluateLarge<S: AutoDiffScalar>(_ code: UnsafePointer<Instruction>, _ registerCount: Int,
                                                         _ x: S, _ y: S) -> S {
        withUnsafeTemporaryAllocation(byteCount: registerCount * Operands<S>.registerBytes + 16, alignment: 16) {
            Self.run(code, x, y, Self.aligned($0.baseAddress!))
        }
    }

    /// `p` (16-byte aligned, with 16 bytes to spare) rounded up to a multiple of 32 bytes, so that
    /// no 32-byte register straddles a cache line. (An `alignment: 32` allocation is no longer
    /// on the stack: a heap allocation per evaluation.)
    @inline(__always)
    private static func aligned(_ p: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(bitPattern: (Int(bitPattern: p) &+ 16) & ~31).unsafelyUnwrapped
    }

    /// Runs `code` with the register file at `file` (room for the program's registers; x and y
    /// go to registers 0 and 1).
    @inline(__always)
    private static func run<S: AutoDiffScalar>(_ code: UnsafePointer<Instruction>, _ x: S, _ y: S,
                                               _ file: UnsafeMutableRawPointer) -> S {
        let operands = Operands<S>(file: file)
        operands[0] = x  // register 0, at word offset 0
        operands[4] = y  // register 1, at word offset 4
        var acc = S(0)
        var ip = code
        while true {
            execute(ip, &acc, operands)
            let post = ip.pointee.post
            if post.rawValue != 0 {
                // Fields read one by one, not `ip.pointee` copied whole (see above).
                if !post.isDisjoint(with: .beforeSquare) {
                    if post.contains(.add) { acc = acc + operands[ip.pointee.b] }
                    if post.contains(.reverseSubtract) { acc = operands[ip.pointee.b] - acc }
                    if post.contains(.addConstant) { acc = acc + ip.pointee.postConstant }
                }
                if post.contains(.square) { acc = acc * acc }
                if !post.isDisjoint(with: .afterSquare) {
                    if post.contains(.scale) { acc = acc * ip.pointee.postConstant }
                    if post.contains(.addSecond) { acc = acc + operands[ip.pointee.d] }
                    if post.contains(.store) { operands[ip.pointee.d] = acc }
                }
                if post.contains(.last) { return acc }
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
    ///
    /// An operand is addressed by its offset in *words*: register k is at word 4k (instructions
    /// carry 4k, see ``ExpressionProgram/Runnable``), a word being 8 bytes for `Double` and
    /// `Dual2` and 16 for `Jet2`. For `Dual2`, the commonest case, the address is then
    /// file + 8·offset, which x86 forms inside the load itself: no multiply by the register size
    /// per operand. Registers are 32 bytes apart (64 for `Jet2`) from a 32-byte-aligned file, so
    /// none straddles a cache line: packed at 24 bytes from a 16-byte-aligned stack slot, some
    /// did or not depending on where the process's stack began, and Goldstein–Price ran 3.1–3.8×
    /// the built-in in some processes, 1.8–2.6× with aligned registers.
    struct Operands<S: AutoDiffScalar> {
        var file: UnsafeMutableRawPointer

        /// Bytes per word: 4 words hold one `S`, rounded up to 8-byte multiples.
        @inline(__always) static var wordBytes: Int { (MemoryLayout<S>.stride + 31) / 32 * 8 }
        /// Bytes per register: 4 words.
        @inline(__always) static var registerBytes: Int { 4 * wordBytes }

        /// The register at word offset `k` (4 × its number).
        @inline(__always) subscript(_ k: Int16) -> S {
            get {
                let raw = UnsafeRawPointer(file + Int(k) &* Self.wordBytes)
                guard S.self == Dual2.self else { return raw.load(as: S.self) }
                let d = raw.loadUnaligned(fromByteOffset: 8, as: SIMD2<Double>.self)
                return unsafeBitCast(Dual2(value: raw.load(as: Double.self), dx: d.x, dy: d.y), to: S.self)
            }
            nonmutating set {
                let raw = file + Int(k) &* Self.wordBytes
                guard S.self == Dual2.self else { raw.storeBytes(of: newValue, as: S.self); return }
                let v = unsafeBitCast(newValue, to: Dual2.self)
                raw.storeBytes(of: v.value, as: Double.self)
                raw.storeBytes(of: SIMD2(v.dx, v.dy), toByteOffset: 8, as: SIMD2<Double>.self)
            }
        }
    }
}
