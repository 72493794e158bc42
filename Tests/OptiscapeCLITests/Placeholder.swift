// Placeholder so SwiftPM finds the OptiscapeCLITests target declared in Package.swift;
// replace it with real tests.
