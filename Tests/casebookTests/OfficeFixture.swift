import CasebookTestSupport
import Foundation
import Testing

/// What a program printed and how it ended.
struct ToolResult {
    var status: Int32
    var output: String
    var error: String

    /// The one "Error:" line a failed command prints, else everything on stderr.
    var errorLine: String {
        error.split(separator: "\n").first { $0.hasPrefix("Error:") }.map(String.init) ?? error
    }
}

/// Runs `arguments[0]` (a path, or a name looked up in PATH) to its end.
@discardableResult
func runTool(_ arguments: [String], environment: [String: String]? = nil, folder: String? = nil) throws -> ToolResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    let out = Pipe()
    let err = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes at once: a child that fills one while the other is read would block.
    nonisolated(unsafe) var errorData = Data()
    let reader = Thread { errorData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { Thread.sleep(forTimeInterval: 0.001) }
    return ToolResult(
        status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
        error: String(decoding: errorData, as: UTF8.self))
}

/// The source tree this test was built from.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// True under CI (`CI=true`), where a test that cannot run must fail rather than skip.
let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// Why `make install` cannot be tested now, or nil: the release build, the man page and the
/// completions must be newer than the sources (`make test` makes them before `swift test`;
/// building them here would wait forever on the build folder `swift test` holds).
let installUnavailable: String? = {
    let probe = try? runTool(["make", "-q", "-C", packageRoot, ".build/install-ready"])
    if probe?.status == 0 { return nil }
    return "the release build is missing or older than the sources; `make test` builds it first"
}()

/// Installs Casebook with `make install PREFIX=prefix` (and `DESTDIR`).
func makeInstall(prefix: String, destdir: String = "", uninstall: Bool = false) throws -> ToolResult {
    try runTool([
        "make", "-s", "-C", packageRoot, uninstall ? "uninstall" : "install", "PREFIX=\(prefix)", "DESTDIR=\(destdir)",
    ])
}

/// The mode bits, owner and group name of `path`.
func ownership(_ path: String) -> (mode: Int, owner: uid_t, group: String)? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    let group = getgrgid(info.st_gid).map { String(cString: $0.pointee.gr_name) } ?? String(info.st_gid)
    return (Int(info.st_mode & 0o7777), info.st_uid, group)
}

/// An office on this host, made the way the README says: Casebook installed into a temporary
/// prefix with `make install`, `casebook setup` run by root for a new group, and test users:
/// an admin, an officer the admin registered, and a user who is not staff. Every user, the
/// group and the folder are removed when it goes (also when the test failed), and leftovers
/// of an earlier run that crashed are removed first. Needs root.
final class Office {
    /// `cbt-PID-RANDOM`: the users and the group start with it; a run whose process is gone
    /// left them behind.
    static let namePrefix = "cbt-"
    let tag: String
    let root: String
    var prefix: String { root + "/usr" }
    var data: String { root + "/data" }
    var logFolder: String { root + "/log" }
    var database: String { data + "/casebook.db" }
    var binary: String { prefix + "/bin/casebook" }
    var siteSettings: String { prefix + "/etc/casebook/casebook.toml" }
    var group: String { tag + "-g" }
    var admin: String { tag + "-a" }
    var officer: String { tag + "-o" }
    var outsider: String { tag + "-n" }
    var users: [String] { [admin, officer, outsider] }
    private var createdUsers: [String] = []
    /// What `casebook setup` printed the first time.
    private(set) var setupOutput = ""

    /// Why the office mode cannot be tested here, or nil.
    static let unavailable: String? = {
        if getuid() != 0 { return "the office-mode tests need root (to create a group and users); they run in CI" }
        if let reason = installUnavailable { return reason }
        if (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8))?.contains("NoNewPrivs:\t1") == true {
            return
                "this process has no_new_privs set, which silently disables setgid, so the office mode cannot take effect"
        }
        return nil
    }()

    init() throws {
        Office.removeLeftovers()
        tag = Office.namePrefix + "\(getpid())-" + String(UUID().uuidString.prefix(4)).lowercased()
        // Setgid needs a file system mounted without nosuid; /tmp is one here, /var/tmp elsewhere.
        let base = Office.temporaryBases.first { !Office.isNosuid($0) } ?? "/tmp"
        root = base + "/casebook-office-" + tag
        do { try create() } catch {
            cleanUp()
            throw error
        }
    }

    deinit { cleanUp() }

    private func create() throws {
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
        chmod(root, 0o755)
        chmod(root + "/home", 0o755)
        if Office.isNosuid(root) { throw OfficeError("\(root) is on a nosuid file system, where setgid has no effect") }
        for user in users {
            let home = self.home(user)
            try require(
                runTool(["useradd", "-M", "-N", "-g", "users", "-d", home, "-s", "/bin/sh", "-c", "Test \(user)", user])
            )
            createdUsers.append(user)
            try require(runTool(["install", "-d", "-o", user, "-g", "users", "-m", "0700", home]))
        }
        try require(makeInstall(prefix: prefix))
        let setup = try require(
            runTool([binary, "setup", "--data", data, "--group", group, "--admin", admin, "--log", logFolder]))
        setupOutput = setup.output
        try require(self.as(admin, ["staff", "add", officer, "--name", "Olga Officer", "--role", "officer"]))
    }

    @discardableResult
    private func require(_ result: ToolResult) throws -> ToolResult {
        guard result.status == 0 else { throw OfficeError("office set-up failed: \(result.output) \(result.error)") }
        return result
    }

    func home(_ user: String) -> String { root + "/home/" + user }

    func uid(_ user: String) -> uid_t { getpwnam(user)?.pointee.pw_uid ?? 0 }

    /// `argv` run as `user` (their uid, group `users`, their supplementary groups) in a fresh
    /// login-like environment plus `environment`, from their home folder: what they would get
    /// typing it after logging in.
    func run(_ user: String, _ argv: [String], environment: [String: String] = [:], setpriv: [String] = []) throws
        -> ToolResult
    {
        let exports = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return try runTool(
            ["setpriv", "--reuid", user, "--regid", "users", "--init-groups", "--reset-env"] + setpriv + ["--", "env"]
                + exports + argv,
            folder: home(user))
    }

    /// The installed `casebook arguments…` run as `user`.
    func `as`(_ user: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ToolResult {
        try run(user, [binary] + arguments, environment: environment)
    }

    private func cleanUp() {
        for user in createdUsers.reversed() { _ = try? runTool(["userdel", user]) }
        createdUsers = []
        if getgrnam(group) != nil { _ = try? runTool(["groupdel", group]) }
        try? FileManager.default.removeItem(atPath: root)
    }

    static let temporaryBases = ["/tmp", "/var/tmp"]

    static func isNosuid(_ folder: String) -> Bool {
        (try? runTool(["findmnt", "-no", "OPTIONS", "--target", folder]).output)?.contains("nosuid") == true
    }

    /// Users, groups and folders of earlier runs whose process is gone (a crash, a kill).
    static func removeLeftovers() {
        func isStale(_ name: String) -> Bool {
            guard name.hasPrefix(namePrefix) else { return false }
            let pid = name.dropFirst(namePrefix.count).prefix { $0 != "-" }
            guard let number = Int32(pid) else { return false }
            return kill(number, 0) != 0 && errno == ESRCH
        }
        for (file, tool) in [("/etc/passwd", "userdel"), ("/etc/group", "groupdel")] {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                let name = String(line.prefix { $0 != ":" })
                if isStale(name) { _ = try? runTool([tool, name]) }
            }
        }
        for base in temporaryBases {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
            where entry.hasPrefix("casebook-office-") && isStale(String(entry.dropFirst("casebook-office-".count))) {
                try? FileManager.default.removeItem(atPath: base + "/" + entry)
            }
        }
    }
}

struct OfficeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Copies a program to be run by a test, through `cp` in a process of its own.
///
/// Copied in this process, the new file is open for writing while other tests fork: a child that
/// inherited that descriptor holds it until it execs, and running the copy then fails with "Text
/// file busy" (ETXTBSY). A `cp` child's descriptor is never inherited by this process's forks.
func copyProgram(_ source: String, to destination: String) throws {
    let copied = try runTool(["cp", source, destination])
    guard copied.status == 0 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cp: \(copied.error)"])
    }
}
