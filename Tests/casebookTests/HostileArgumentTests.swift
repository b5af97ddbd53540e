import CasebookCore
import CasebookTestSupport
import Foundation
import Testing

/// Hostile text through every command-line argument of the real binary: each either works and
/// stores exactly what was given, or fails with one sentence on stderr and a non-zero status,
/// leaving the database as it was. Never a signal, never a stack trace.
@Suite struct HostileArgumentTests {
    @Test(arguments: ArgumentCase.all, HostileArgument.all)
    func everyArgumentWorksExactlyOrFailsWithOneSentenceAndChangesNothing(
        _ case: ArgumentCase, _ value: HostileArgument
    ) throws {
        let scratch = try Scratch()
        let db = scratch.path("case.db")
        try FileManager.default.copyItem(atPath: try ArgumentCase.template.get(), toPath: db)
        try FileManager.default.createDirectory(atPath: scratch.path("state"), withIntermediateDirectories: false)
        let before = try dump(db)
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
        let path = scratch.path(value.text)
        let arguments = `case`.arguments.map { $0 == "{}" ? value.text : $0 == "{path}" ? path : $0 }
        let target = `case`.createsDatabase ? path : `case`.freshDatabase ? scratch.path("new.db") : db
        let result = try RawRun.casebook(arguments + ["--db", target], bytes: value.bytes, in: scratch)

        #expect(result.signal == nil, "killed by signal \(result.signal ?? 0): \(result.error)")
        #expect(
            !result.error.contains("Fatal error") && !result.error.contains("Stack dump")
                && !result.error.contains("#0 "))
        let mustFail = value.isUnreadable || value.text.unicodeScalars.contains(where: Sanitized.isForbidden)
        if result.status == 0 {
            #expect(!mustFail, "accepted a value it must refuse: \(result.output)")
            #expect(result.error.isEmpty)
            switch `case`.readBack {
            case .none:
                #expect(try dump(db) == before, "a command that only reads changed the database")
            case .query(let sql):
                let found = try shell(
                    "sqlite3", db, sql.replacingOccurrences(of: "{}", with: "CAST(X'\(value.hex)' AS TEXT)"))
                #expect(found.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "not stored exactly")
            case .file:
                #expect(FileManager.default.fileExists(atPath: path), "the file was not made at exactly the path given")
                let made = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
                    .filter { !filesBefore.contains($0) && !$0.hasPrefix("case.db") }
                #expect(made.allSatisfy { $0.hasPrefix(value.text) }, "other files were made: \(made)")
            }
        } else {
            let lines = result.error.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            #expect(lines.count == 1 && lines.first?.hasPrefix("Error: ") == true, "not one sentence: \(result.error)")
            #expect(
                !result.error.unicodeScalars.contains { Sanitized.isForbidden($0) && $0 != "\n" },
                "the message carries control characters")
            #expect(result.error.count <= 500, "an overlong message")
            #expect(result.output.isEmpty)
            #expect(try dump(db) == before, "a failed command changed the database")
            let files = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
            #expect(
                Set(files).subtracting(filesBefore).allSatisfy { $0.hasPrefix("case.db") },
                "a failed command left files: \(files)")
        }
    }

    /// The whole content of a case file, as the sqlite3 shell dumps it.
    func dump(_ db: String) throws -> String { try shell("sqlite3", db, ".dump") }
}

/// An argument position of a command.
struct ArgumentCase: Sendable, CustomTestStringConvertible {
    enum ReadBack: Sendable {
        /// The command only reads.
        case none
        /// A query that prints 1 when the value (`{}`) is stored.
        case query(String)
        /// The value names a file that must be made at exactly that path.
        case file
    }

    let name: String
    /// `{}` stands for the hostile value, `{path}` for a file of that name in the test's folder.
    let arguments: [String]
    let readBack: ReadBack
    /// `--db` is the value itself, as a file in the test's folder.
    var createsDatabase = false
    /// `--db` is a new file, which a failed command must not make.
    var freshDatabase = false

    var testDescription: String { name }

    static let all: [ArgumentCase] = [
        ArgumentCase(
            name: "staff add USER", arguments: ["staff", "add", "{}"],
            readBack: .query("SELECT count(*) FROM staff WHERE username = {};")),
        ArgumentCase(
            name: "staff add --name", arguments: ["staff", "add", "newcomer", "--name", "{}"],
            readBack: .query("SELECT count(*) FROM staff WHERE display_name = {};")),
        ArgumentCase(
            name: "staff add --role", arguments: ["staff", "add", "newcomer", "--role", "{}"], readBack: .none),
        ArgumentCase(
            name: "staff set-role USER", arguments: ["staff", "set-role", "{}", "supervisor"], readBack: .none),
        ArgumentCase(name: "staff set-role ROLE", arguments: ["staff", "set-role", "tester", "{}"], readBack: .none),
        ArgumentCase(name: "report --from", arguments: ["report", "--from", "{}"], readBack: .none),
        ArgumentCase(name: "report --to", arguments: ["report", "--to", "{}"], readBack: .none),
        ArgumentCase(name: "report --officer", arguments: ["report", "--officer", "{}"], readBack: .none),
        ArgumentCase(name: "report --programme", arguments: ["report", "--programme", "{}"], readBack: .none),
        ArgumentCase(name: "report --format", arguments: ["report", "--format", "{}"], readBack: .none),
        ArgumentCase(name: "contract print CASE", arguments: ["contract", "print", "{}"], readBack: .none),
        ArgumentCase(
            name: "contract print --format", arguments: ["contract", "print", "2026-000001", "--format", "{}"],
            readBack: .none),
        ArgumentCase(name: "programme import FILE", arguments: ["programme", "import", "{path}"], readBack: .none),
        ArgumentCase(name: "backup FILE", arguments: ["backup", "{path}"], readBack: .file),
        ArgumentCase(
            name: "demo --clients", arguments: ["demo", "--clients", "{}"], readBack: .none, freshDatabase: true),
        ArgumentCase(
            name: "demo --seed", arguments: ["demo", "--clients", "3", "--seed", "{}"], readBack: .none,
            freshDatabase: true),
        ArgumentCase(name: "open --theme", arguments: ["--theme", "{}"], readBack: .none),
        ArgumentCase(name: "init --db", arguments: ["init"], readBack: .file, createsDatabase: true),
        ArgumentCase(name: "check --db", arguments: ["check"], readBack: .none, createsDatabase: true),
    ]

    static let templateFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "casebook-arguments-\(getpid())"
    ).path

    /// A case file made once: 20 demo clients, the tester its admin; copied for every test.
    static let template: Result<String, Error> = Result(catching: {
        let folder = templateFolder
        try? FileManager.default.removeItem(atPath: folder)
        atexit { try? FileManager.default.removeItem(atPath: ArgumentCase.templateFolder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let db = folder + "/template.db"
        let made = try RawRun.casebook(["demo", "--db", db, "--clients", "20", "--seed", "3"], bytes: nil, in: nil)
        guard made.status == 0 else { throw RawRun.Failure(message: made.error) }
        _ = try shell("sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);")
        return db
    })
}

/// A hostile argument value.
struct HostileArgument: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    /// For bytes that are not UTF-8: the printf format the shell puts where the text has U+FFFD.
    var bytes: String?

    var testDescription: String { name }
    var isUnreadable: Bool { bytes != nil }
    var hex: String { text.utf8.map { String(format: "%02X", $0) }.joined() }

    static let all: [HostileArgument] = [
        HostileArgument(name: "control U+0001", text: "ab\u{01}c"),
        HostileArgument(name: "tab", text: "ab\tc"),
        HostileArgument(name: "line break", text: "ab\nc"),
        HostileArgument(name: "DEL", text: "ab\u{7F}c"),
        HostileArgument(name: "clear-screen escape", text: "\u{1B}[2J"),
        HostileArgument(name: "window-title escape", text: "x\u{1B}]0;pwn\u{07}"),
        HostileArgument(name: "right-to-left override", text: "\u{202E}gpj.exe"),
        HostileArgument(name: "zero-width space", text: "ab\u{200B}c"),
        HostileArgument(name: "byte-order mark", text: "\u{FEFF}abc"),
        HostileArgument(name: "10,000 characters", text: String(repeating: "a", count: 10_000)),
        HostileArgument(name: "invalid UTF-8", text: "ab\u{FFFD}c", bytes: "\\377"),
        HostileArgument(name: "SQL injection", text: "'; DROP TABLE clients; --"),
        HostileArgument(name: "percent", text: "%"),
        HostileArgument(name: "underscore", text: "_"),
        HostileArgument(name: "double quote", text: "\"x\""),
        HostileArgument(name: "backslash", text: "a\\b"),
        HostileArgument(name: "SQLite URI", text: "file:x.db?mode=memory"),
        HostileArgument(name: "non-Latin", text: "Ødegård-الحسن"),
    ]
}

/// Runs the binary with arguments given as bytes where needed (through the shell's printf).
enum RawRun {
    struct Outcome {
        var status: Int32
        var signal: Int32?
        var output: String
        var error: String
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Runs casebook with `arguments`; with `bytes`, the argument equal to the value's text is
    /// replaced by what `printf bytes` prints, so that it reaches the program as raw bytes.
    static func casebook(_ arguments: [String], bytes: String?, in scratch: Scratch?) throws -> Outcome {
        let process = Process()
        var env = ProcessInfo.processInfo.environment
        env["CASEBOOK_DB"] = nil
        env["CASEBOOK_USER"] = "tester"
        if let scratch {
            env["XDG_STATE_HOME"] = scratch.path("state")
            process.currentDirectoryURL = scratch.url
        }
        if let bytes {
            // sh -c 'exec "$0" ... "$(printf FORMAT)" ...' with the byte argument substituted.
            let quoted = arguments.map { argument in
                argument.components(separatedBy: "\u{FFFD}").map(Tmux.quote).joined(
                    separator: "\"$(printf '\(bytes)')\"")
            }
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "exec " + Tmux.quote(Casebook.binary) + " " + quoted.joined(separator: " ")]
        } else {
            process.executableURL = URL(fileURLWithPath: Casebook.binary)
            process.arguments = arguments
        }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let signalled = process.terminationReason == .uncaughtSignal
        return Outcome(
            status: process.terminationStatus, signal: signalled ? process.terminationStatus : nil,
            output: String(decoding: output, as: UTF8.self), error: String(decoding: error, as: UTF8.self))
    }
}
