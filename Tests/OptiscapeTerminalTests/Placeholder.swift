// Placeholder so SwiftPM finds the OptiscapeTerminalTests target declared in Package.swift;
// replace it with real tests.
