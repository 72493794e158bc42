<<<<<<< HEAD
// Placeholder so SwiftPM finds sources for this test target until it has real tests.
=======
// Placeholder so SwiftPM finds the OptiscapeCLITests target declared in Package.swift;
// replace it with real tests.
>>>>>>> render
