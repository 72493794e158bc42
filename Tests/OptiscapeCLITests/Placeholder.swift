// Placeholder so SwiftPM finds sources for this test target until it has real tests.
