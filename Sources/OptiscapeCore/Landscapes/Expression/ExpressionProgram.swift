import Foundation

/// A compiled expression: a flat list of instructions for an accumulator machine, evaluated over
/// any ``AutoDiffScalar`` — `Double` for the value, `Dual2` for the gradient, `Jet2` for the Hessian.
///
/// Every instruction updates one accumulator, a local variable the optimiser keeps in machine
/// registers, from the accumulator, a register or an immediate constant. Registers 0 and 1 stand
/// for x and y; the others hold values set aside (``Opcode/store``) while another operand is
/// computed, and are reused, so a program needs about as many registers as its nesting is deep.
/// The register file comes from `withUnsafeTemporaryAllocation` (the stack). An evaluation walks
/// the instructions once: no string work, no existentials, no heap allocation.
///
/// Keeping the running value out of memory matters: writing a `Dual2` field by field and reading
/// it back whole on the next instruction stalls the CPU's store forwarding, which made a first,
/// register-to-register design about twice as slow on Rosenbrock.
///
/// Every instruction computes the primal value the same way for all three scalar types, so
/// `value(at:)`, `valueAndGradient(at:)` and `jet(at:)` agree bit for bit. (Division of two
/// varying operands is `a·(1/b)` for that reason: `Dual2` and `Jet2` divide that way.)
struct ExpressionProgram: Sendable {
    /// `acc` is the accumulator, `r[a]` a register, `c` the instruction's constant. Operand order
    /// is kept (`reverse…` forms put the accumulator second), so results do not depend on how the
    /// compiler scheduled the operands.
    enum Opcode: UInt8, Sendable {
        /// acc = r[a]
        case load
        /// r[a] = acc
        case store
        /// acc = acc ∘ r[a]; `reverse`: acc = r[a] ∘ acc
        case add, subtract, reverseSubtract, multiply, reverseMultiply, divide, reverseDivide
        case pow, reversePow, min, reverseMin, max, reverseMax
        /// acc = acc ∘ c; `reverse`: acc = c ∘ acc
        case addConstant, subtractConstant, reverseSubtractConstant, multiplyConstant
        case divideConstant, reverseDivideConstant, powConstant, reversePowConstant
        case minConstant, reverseMinConstant, maxConstant, reverseMaxConstant
        /// acc = f(acc)
        case negate, square, sin, cos, tan, exp, log, sqrt, tanh, sigmoid, softplus, abs
        /// A `load` fused with the instruction after it (see ``ExpressionCompiler``): acc = r[a]·r[a],
        /// r[a] ∘ c, r[a] ∘ r[b]. One dispatch instead of two for the commonest shapes: `x^2`,
        /// `x - 1`, `3*y`, `x*y`.
        case loadSquare, loadAddConstant, loadSubtractConstant, loadReverseSubtractConstant, loadMultiplyConstant
        case loadAdd, loadSubtract, loadMultiply
    }

    struct Instruction: Sendable, Equatable {
        var op: Opcode
        /// The second register of the fused `load…` register-register forms.
        var b: Int16 = 0
        var a: Int32 = 0
        var constant: Double = 0
    }

    /// Where the result is once the instructions have run.
    enum Result: Sendable, Equatable {
        case accumulator
        case register(Int32)
        case constant(Double)
    }

    var code: [Instruction]
    /// Registers needed, including x and y.
    var registerCount: Int
    var result: Result

    /// The value of the expression at (x, y), with whatever derivatives `S` carries.
    func evaluate<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        switch result {
        case .constant(let c): return S(c)
        case .register(0): return x
        case .register(1): return y
        default: break
        }
        return code.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: S.self, capacity: registerCount) { registers in
                let r = registers.baseAddress!
                // Registers 0 and 1 stand for x and y, which `Operands` reads from its own
                // fields: never written, never read. Temporaries are always stored before they
                // are read, so plain values (Double, Dual2, Jet2) need no initialisation; other
                // types get it, so that assignment stays valid.
                let plain = _isPOD(S.self)
                if !plain { (r + 2).initialize(repeating: S(0), count: registerCount - 2) }
                let operands = Operands(x: x, y: y, r: r)
                var acc = S(0)
                for i in code {
                    ExpressionProgram.execute(i, &acc, operands)
                }
                if case .register(let k) = result { acc = r[Int(k)] }
                if !plain { (r + 2).deinitialize(count: registerCount - 2) }
                return acc
            }
        }
    }

    /// The register file as instructions see it: x and y come from where they arrived (machine
    /// registers), the temporaries from memory. Storing x and y to memory field by field and
    /// reloading them whole at once stalls store forwarding, a cost on every evaluation.
    struct Operands<S: AutoDiffScalar> {
        var x: S, y: S
        var r: UnsafeMutablePointer<S>

        @inline(__always) subscript(_ k: Int32) -> S {
            get {
                if k == 0 { return x }
                if k == 1 { return y }
                return r[Int(k)]
            }
            nonmutating set { r[Int(k)] = newValue }
        }
    }

    /// Runs one instruction.
    @inline(__always)
    static func execute<S: AutoDiffScalar>(_ i: Instruction, _ acc: inout S, _ r: Operands<S>) {
        let c = i.constant
        switch i.op {
        case .load: acc = r[i.a]
        case .store: r[i.a] = acc

        case .add: acc = acc + r[i.a]
        case .subtract: acc = acc - r[i.a]
        case .reverseSubtract: acc = r[i.a] - acc
        case .multiply: acc = acc * r[i.a]
        case .reverseMultiply: acc = r[i.a] * acc
        case .divide: acc = acc * r[i.a].reciprocal
        case .reverseDivide: acc = r[i.a] * acc.reciprocal
        case .pow: acc = OptiscapeCore.pow(acc, r[i.a])
        case .reversePow: acc = OptiscapeCore.pow(r[i.a], acc)
        case .min: acc = S.min(acc, r[i.a])
        case .reverseMin: acc = S.min(r[i.a], acc)
        case .max: acc = S.max(acc, r[i.a])
        case .reverseMax: acc = S.max(r[i.a], acc)

        case .addConstant: acc = acc + c
        case .subtractConstant: acc = acc - c
        case .reverseSubtractConstant: acc = -acc + c
        case .multiplyConstant: acc = acc * c
        case .divideConstant: acc = acc / c
        case .reverseDivideConstant: acc = acc.reciprocal * c
        case .powConstant: acc = OptiscapeCore.pow(acc, c)
        case .reversePowConstant: acc = OptiscapeCore.pow(S(c), acc)
        case .minConstant: acc = S.min(acc, S(c))
        case .reverseMinConstant: acc = S.min(S(c), acc)
        case .maxConstant: acc = S.max(acc, S(c))
        case .reverseMaxConstant: acc = S.max(S(c), acc)

        case .loadSquare: let v = r[i.a]; acc = v * v
        case .loadAddConstant: acc = r[i.a] + c
        case .loadSubtractConstant: acc = r[i.a] - c
        case .loadReverseSubtractConstant: acc = -r[i.a] + c
        case .loadMultiplyConstant: acc = r[i.a] * c
        case .loadAdd: acc = r[i.a] + r[Int32(i.b)]
        case .loadSubtract: acc = r[i.a] - r[Int32(i.b)]
        case .loadMultiply: acc = r[i.a] * r[Int32(i.b)]

        case .negate: acc = -acc
        case .square: acc = acc * acc
        case .sin: acc = OptiscapeCore.sin(acc)
        case .cos: acc = OptiscapeCore.cos(acc)
        case .tan: acc = OptiscapeCore.tan(acc)
        case .exp: acc = OptiscapeCore.exp(acc)
        case .log: acc = OptiscapeCore.log(acc)
        case .sqrt: acc = OptiscapeCore.sqrt(acc)
        case .tanh: acc = OptiscapeCore.tanh(acc)
        case .sigmoid: acc = OptiscapeCore.sigmoid(acc)
        case .softplus: acc = OptiscapeCore.softplus(acc)
        case .abs: acc = S.abs(acc)
        }
    }
}
