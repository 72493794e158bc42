// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "optiscape",
    products: [
        .executable(name: "optiscape", targets: ["optiscape"]),
        .library(name: "OptiscapeCore", targets: ["OptiscapeCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Property-based fuzzing in the core tests only.
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // cairo draws the pictures of `render --format svg|png|pdf` (one drawing code for all three).
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        // giflib encodes `play --gif` (Debian ships no giflib.pc: the module map links "gif").
        .systemLibrary(name: "CGif", providers: [.apt(["libgif-dev"])]),
        // OpenBLAS's CBLAS: the batched matrix products of the network engine (Networks/).
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // LAPACKE: symmetric eigensolvers and solves for network Hessians (Networks/).
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]
        ),
        // The network engine's tanh (issue #15): C, so that its loops can be compiled for AVX2 and
        // AVX-512 beside the baseline and picked at run time (the binary stays generic x86-64).
        .target(name: "CNetworkTanh"),
        .target(
            name: "OptiscapeCore",
            dependencies: [.product(name: "Yams", package: "Yams"), "COpenBLAS", "CLAPACKE", "CNetworkTanh"]
        ),
        .target(name: "OptiscapeRender", dependencies: ["OptiscapeCore"]),
        // Figures at full resolution (SVG, PNG, PDF through cairo; GIF through giflib).
        .target(name: "OptiscapePicture", dependencies: ["OptiscapeCore", "OptiscapeRender", "CCairo", "CGif"]),
        // Restores the terminal on a crash (async-signal-safe C; see include/terminal_guard.h).
        .target(name: "CTerminalGuard"),
        .target(name: "OptiscapeTerminal", dependencies: ["OptiscapeRender", "OptiscapeCore", "CNcursesw", "CTerminalGuard"]),
        // `optiscape bench`: the measuring code. Its own target because it spans the layers
        // (core figures, render figures, and the terminal figures it takes from a child
        // `optiscape ui` through a pseudo-terminal) and needs clocks, /proc and process
        // spawning that belong in none of them; the executable keeps only the argument parsing.
        .target(name: "OptiscapeBench", dependencies: ["OptiscapeCore", "OptiscapeRender", "CPseudoTerminal"]),
        // posix_openpt & co., which Swift's Glibc module hides (see include/pseudo_terminal.h).
        .target(name: "CPseudoTerminal"),
        .executableTarget(
            name: "optiscape",
            dependencies: [
                "OptiscapeCore", "OptiscapeRender", "OptiscapeTerminal", "OptiscapeBench", "OptiscapePicture",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Reference/ holds the Python scripts that generated pasted reference numbers.
        .testTarget(
            name: "OptiscapeCoreTests",
            dependencies: ["OptiscapeCore", "COpenBLAS", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Reference"]
        ),
        // Golden frames are read through #filePath, not bundled as resources.
        .testTarget(name: "OptiscapeRenderTests", dependencies: ["OptiscapeRender"], exclude: ["Golden"]),
        .testTarget(name: "OptiscapeTerminalTests", dependencies: ["OptiscapeTerminal"]),
        .testTarget(name: "OptiscapePictureTests", dependencies: ["OptiscapePicture", "CCairo", "CGif"]),
        // OptiscapeBench for its `ChildProcess` (posix_spawn), which the tests' `Spawn` uses.
        .testTarget(name: "OptiscapeCLITests", dependencies: ["OptiscapeCore", "OptiscapeBench"]),
    ]
)
