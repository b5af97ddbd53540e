import Foundation
import Testing

/// Runs the real `casebook` binary, built beside the test bundle.
package enum Casebook {
    package static let binary: String = {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("casebook").path
    }()

    package struct Result {
        package var status: Int32
        package var output: String
        package var error: String
    }

    /// Runs `casebook arguments…` to its end, without the caller's `CASEBOOK_DB`.
    package static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["CASEBOOK_DB"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            error: String(decoding: error, as: UTF8.self))
    }
}

/// A temporary folder for one test, removed with it.
package final class Scratch {
    package let url: URL

    package init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    package func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The size of a terminal window.
package struct TerminalSize: Hashable, Sendable {
    package var width: Int
    package var height: Int

    package init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The window the end-to-end tests use unless they need another.
    package static let standard = TerminalSize(width: 100, height: 30)
}

/// The real program as a person uses it: a scratch folder, case files made by `casebook demo`,
/// and the program in a terminal (tmux), run as `user` (`CASEBOOK_USER`, which a personal file
/// allows).
package struct CLIFixture {
    package let scratch: Scratch
    package let user: [String: String]

    package init(user: String = "tester") throws {
        scratch = try Scratch()
        self.user = ["CASEBOOK_USER": user]
    }

    /// A new demo file `name` of `clients` clients generated from `seed` (`casebook demo`).
    package func demo(
        clients: Int, seed: Int, name: String = "demo.db", sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let db = scratch.path(name)
        let result = try Casebook.run(
            ["demo", "--db", db, "--clients", String(clients), "--seed", String(seed)], environment: user)
        #expect(result.status == 0, "\(result.error)", sourceLocation: sourceLocation)
        return db
    }

    /// The program started on `db` in a terminal of `size`; wait for the screen it should show.
    package func launch(_ db: String, size: TerminalSize = .standard, environment: [String: String] = [:]) throws
        -> Tmux
    {
        try Tmux(
            width: size.width, height: size.height, command: [Casebook.binary, "--db", db],
            environment: user.merging(environment) { $1 }, folder: scratch.url.path)
    }
}

/// A readable terminal screen: no line wider than the window, no replacement characters, and
/// the program still running.
package func expectReadable(_ screen: String, width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    for line in screen.split(separator: "\n") {
        #expect(line.count <= width, "a line wider than \(width): \(line)", sourceLocation: sourceLocation)
    }
    #expect(!screen.contains("\u{FFFD}"), "garbled characters:\n\(screen)", sourceLocation: sourceLocation)
    #expect(!screen.contains("CASEBOOK-EXITED"), "the program ended:\n\(screen)", sourceLocation: sourceLocation)
}
