import CasebookTestSupport
import Foundation
import Testing

/// What the build-tree binary does without presets, and that setup is not its job.
@Suite struct PresetsAndSetupTests {
    let scratch: Scratch

    init() throws { scratch = try Scratch() }

    @Test(arguments: [["demo", "--clients", "5"], ["init"]])
    func withoutProgrammePresetsNothingIsCreated(_ command: [String]) throws {
        let empty = scratch.path("empty-config")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let db = scratch.path("none.db")
        let result = try Casebook.run(command + ["--db", db], environment: ["CASEBOOK_CONFIG_DIR": empty])
        #expect(result.status != 0)
        #expect(
            result.error.hasPrefix("Error: No programme presets were found")
                && result.error.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func setupNeedsRootAndTheInstalledBinary() throws {
        let data = scratch.path("data")
        let result = try Casebook.run(["setup", "--data", data, "--group", "cbtest", "--admin", "nobody"])
        #expect(result.status != 0)
        let expected = getuid() == 0 ? "Run setup with the installed casebook" : "Only root can set up an office"
        #expect(result.error.contains(expected), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: data) && getgrnam("cbtest") == nil)
    }

    @Test(arguments: [
        ["--data", "relative/dir", "--group", "g", "--admin", "a"],
        ["--data", "/srv/x", "--group", "Bad Group", "--admin", "a"],
        ["--data", "/srv/x", "--group", "g", "--admin", "Not A User"],
        ["--data", "/srv/../etc", "--group", "g", "--admin", "a"],
        ["--data", "/srv/x", "--group", "g"],
    ])
    func setupRefusesBadArgumentsInOneSentence(_ arguments: [String]) throws {
        let result = try Casebook.run(["setup"] + arguments)
        #expect(result.status != 0 && result.error.hasPrefix("Error: ") && result.output.isEmpty, "\(result.error)")
    }
}
