import Testing
@testable import OptiscapeRender

@Suite struct ColorTests {
    @Test func basicColoursMapToThemselvesAndBrightOnesToTheirPartners() {
        for i in UInt8(0)..<8 {
            #expect(Color.indexed(i).basic8 == .indexed(i))
            #expect(Color.indexed(i + 8).basic8 == .indexed(i))
        }
        #expect(Color.default.basic8 == .default)
    }

    @Test func cubeAndGreyMapToTheNearestBasicColour() {
        #expect(Color.indexed(196).basic8 == .red)      // (255, 0, 0)
        #expect(Color.indexed(46).basic8 == .green)     // (0, 255, 0)
        #expect(Color.indexed(21).basic8 == .blue)      // (0, 0, 255)
        #expect(Color.indexed(226).basic8 == .yellow)   // (255, 255, 0)
        #expect(Color.indexed(201).basic8 == .magenta)  // (255, 0, 255)
        #expect(Color.indexed(51).basic8 == .cyan)      // (0, 255, 255)
        #expect(Color.indexed(231).basic8 == .white)    // (255, 255, 255)
        #expect(Color.indexed(16).basic8 == .black)
        #expect(Color.indexed(232).basic8 == .black)    // grey 8
        #expect(Color.indexed(255).basic8 == .white)    // grey 238
        #expect(Color.indexed(236).basic8 == .black)    // dark grey, not a colour
        #expect(Color.indexed(244).basic8 == .white)    // mid grey, not yellow
        #expect(Color.indexed(208).basic8 == .red)      // orange
        for i in 0..<256 { #expect(Color.basic8Table[i] < 8) }
    }

    @Test func cubeAndGreyHelpersClampTheirArguments() {
        #expect(Color.cube(5, 0, 0) == .indexed(196))
        #expect(Color.cube(9, -3, 2) == .indexed(16 + 180 + 2))
        #expect(Color.grey(0) == .indexed(232))
        #expect(Color.grey(99) == .indexed(255))
        #expect(Color.indexed(196).rgb! == (255, 0, 0))
        #expect(Color.indexed(244).rgb! == (128, 128, 128))
        #expect(Color.default.rgb == nil)
    }

    @Test func modesResolveColours() {
        #expect(ColorMode.full256.resolve(.indexed(196)) == .indexed(196))
        #expect(ColorMode.basic8.resolve(.indexed(196)) == .red)
        #expect(ColorMode.none.resolve(.indexed(196)) == .default)
    }
}
