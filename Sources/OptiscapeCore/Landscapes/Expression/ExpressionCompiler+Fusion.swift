/// The compiler's peephole passes: fused `load` pairs and ``ExpressionProgram/Post`` steps.
/// Each replaces instructions by one that does the same operations in the same order, so a
/// fused program computes bit for bit what the unfused one does (`ExpressionRandomTests`).
extension ExpressionCompiler {
    /// Folds the instructions that follow one into it as its ``ExpressionProgram/Post`` steps
    /// while they fit: the same operations in the same order, without dispatches of their own.
    /// A step is folded only after the steps already there (the order of ``ExpressionProgram/Post``),
    /// where the field it reads is free — `b` for `add` and `reverseSubtract` (where the operation
    /// does not read it), `postConstant` for one `addConstant` or `scale`, `d` for one register
    /// that `addSecond` and `store` share. Nothing is folded into a `store` itself (what follows
    /// it comes after the store).
    static func fusePosts(_ code: [Instruction]) -> [Instruction] {
        var out: [Instruction] = []
        out.reserveCapacity(code.count)
        for i in code {
            if var last = out.last, last.op != .store, fold(i, into: &last) {
                out[out.count - 1] = last
                continue
            }
            out.append(i)
        }
        return out
    }

    /// Adds `i` to `last` — as a post step, or fusing `loadMultiplyConstant` with a following
    /// `reverseSubtractConstant`, `addScaled` or `subtractScaled` — if it can; false (and `last`
    /// unchanged) if not.
    private static func fold(_ i: Instruction, into last: inout Instruction) -> Bool {
        let post = last.post
        // No step from `step` on is there yet: `step` may follow those that are.
        func free(from step: ExpressionProgram.Post) -> Bool { post.rawValue < step.rawValue }
        let bFree = !usesB(last.op)
        let postConstantFree = ![.constantMinusScaled, .scaledPlusScaled, .scaledMinusScaled].contains(last.op)
            && post.isDisjoint(with: [.addConstant, .scale])
        let r = i.a
        switch i.op {
        case .reverseSubtractConstant where last.op == .loadMultiplyConstant && post.isEmpty:
            last.op = .constantMinusScaled; last.postConstant = i.constant
        case .addScaled where last.op == .loadMultiplyConstant && post.isEmpty:
            last.op = .scaledPlusScaled; last.b = r; last.postConstant = i.constant
        case .subtractScaled where last.op == .loadMultiplyConstant && post.isEmpty:
            last.op = .scaledMinusScaled; last.b = r; last.postConstant = i.constant
        case .add where bFree && free(from: .add):
            last.post.insert(.add); last.b = r
        case .reverseSubtract where bFree && free(from: .add):
            last.post.insert(.reverseSubtract); last.b = r
        case .addConstant where free(from: .addConstant) && postConstantFree:
            last.post.insert(.addConstant); last.postConstant = i.constant
        // x − c is x + (−c) exactly (IEEE subtraction adds the negation); a NaN constant would
        // come out with its sign flipped, so it stays an instruction.
        case .subtractConstant where free(from: .addConstant) && postConstantFree && !i.constant.isNaN:
            last.post.insert(.addConstant); last.postConstant = -i.constant
        case .square where free(from: .square):
            last.post.insert(.square)
        case .multiplyConstant where free(from: .scale) && postConstantFree:
            last.post.insert(.scale); last.postConstant = i.constant
        case .add where free(from: .addSecond):
            last.post.insert(.addSecond); last.d = r
        case .store where free(from: .store) && (!post.contains(.addSecond) || last.d == r):
            last.post.insert(.store); last.d = r
        default:
            return false
        }
        return true
    }

    /// Whether the instruction reads its `b` field as an operand.
    private static func usesB(_ op: Opcode) -> Bool {
        switch op {
        case .loadAdd, .loadSubtract, .loadMultiply, .scaledPlusScaled, .scaledMinusScaled,
             .addProduct, .subtractProduct, .reverseSubtractProduct,
             .addProductScaled, .subtractProductScaled, .reverseSubtractProductScaled, .loadProductScaled,
             .addScaledProduct, .subtractScaledProduct, .reverseSubtractScaledProduct, .loadScaledProduct:
            return true
        default:
            return false
        }
    }

    /// Replaces a `load` and the instruction after it by one fused instruction where there is
    /// one: the same operations on the same operands in the same order, one dispatch fewer.
    static func fuseLoads(_ code: [Instruction]) -> [Instruction] {
        var out: [Instruction] = []
        out.reserveCapacity(code.count)
        var k = 0
        while k < code.count {
            let i = code[k]
            if i.op == .load, k + 1 < code.count, let fused = fuse(load: Int32(i.a), code[k + 1]) {
                out.append(fused)
                k += 2
            } else {
                out.append(i)
                k += 1
            }
        }
        return out
    }

    /// `acc = r[register]` followed by `next`, as one instruction, or nil.
    private static func fuse(load register: Int32, _ next: Instruction) -> Instruction? {
        let c = next.constant
        switch next.op {
        case .square: return Instruction(op: .loadSquare, a: register)
        case .addConstant: return Instruction(op: .loadAddConstant, a: register, constant: c)
        case .subtractConstant: return Instruction(op: .loadSubtractConstant, a: register, constant: c)
        case .reverseSubtractConstant: return Instruction(op: .loadReverseSubtractConstant, a: register, constant: c)
        case .multiplyConstant: return Instruction(op: .loadMultiplyConstant, a: register, constant: c)
        case .add, .subtract, .multiply, .reverseSubtract, .reverseMultiply:
            // r[register] ∘ r[next.a], or r[next.a] ∘ r[register] for the reverse forms.
            let reverse = next.op == .reverseSubtract || next.op == .reverseMultiply
            let (first, second) = reverse ? (Int32(next.a), register) : (register, Int32(next.a))
            guard let b = Int16(exactly: second) else { return nil }
            let op: Opcode
            switch next.op {
            case .add: op = .loadAdd
            case .subtract, .reverseSubtract: op = .loadSubtract
            default: op = .loadMultiply
            }
            return Instruction(op: op, b: b, a: first)
        default:
            return nil
        }
    }
}
