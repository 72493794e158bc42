import COpenBLAS
import Foundation
import Testing
@testable import OptiscapeCore

/// The OpenBLAS kernel family is chosen from what the CPU and OS support (`/proc/cpuinfo` says
/// the same from the kernel's side), and a CPU that can run better kernels never stays on
/// OpenBLAS's generic fallback.
@Suite struct BLASKernelTests {
    /// The flags Linux reports for the first CPU.
    static func cpuFlags() throws -> Set<String> {
        let text = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("flags") })
        return Set(line.split(separator: ":", maxSplits: 1)[1].split(separator: " ").map(String.init))
    }

    @Test func theFamilyIsWhatTheCPUSupports() throws {
        #if arch(x86_64)
        let flags = try Self.cpuFlags()
        let avx512 = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains)
        let avx2 = ["avx2", "fma", "avx"].allSatisfy(flags.contains)
        let expected: String? = avx512 ? "SkylakeX" : avx2 ? "Haswell" : nil
        #expect(optiscape_cpu_kernel().map { String(cString: $0) } == expected, "flags: \(flags.sorted())")
        #endif
    }

    @Test func aCapableCPUDoesNotRunTheGenericFallback() throws {
        let summary = BLASKernels.summary
        let core = String(cString: openblas_get_corename())
        #expect(summary.hasPrefix(core), "\(summary)")
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, optiscape_cpu_kernel() != nil else { return }
        #expect(core.lowercased() != "prescott", "\(summary)")
        if let switched = BLASKernels.switched {
            #expect(core.lowercased() == switched.lowercased() && summary.contains("chosen here"), "\(summary)")
        }
        // The products still compute: a 2×2 product through the switched kernels.
        var c = [Double](repeating: 0, count: 4)
        Dense.gemm(m: 2, n: 2, k: 2, a: [1, 2, 3, 4], lda: 2, b: [5, 6, 7, 8], ldb: 2, c: &c, ldc: 2)
        #expect(c == [19, 22, 43, 50])
    }
}
