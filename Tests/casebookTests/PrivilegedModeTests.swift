import ArgumentParser
import Foundation
import CasebookCore
import Testing

@testable import casebook

/// The pieces of the office mode that need no second user: the environment allow-list, the
/// rule table, where an installation keeps its files, and which paths may be trusted.
@Suite struct PrivilegedModeTests {
    /// What a hostile login could carry, and what the office mode must make of it.
    static let hostile: [String: String] = [
        "CASEBOOK_USER": "admin", "CASEBOOK_DB": "/tmp/x.db", "CASEBOOK_CONFIG_DIR": "/tmp/evil", "USER": "admin",
        "LOGNAME": "admin", "HOME": "/tmp/evil", "XDG_CONFIG_HOME": "/tmp/evil", "XDG_DATA_HOME": "/tmp/evil",
        "XDG_STATE_HOME": "/tmp/evil", "TERMINFO": "/tmp/evil", "LD_PRELOAD": "/tmp/evil.so",
        "SWIFT_BACKTRACE": "enable=yes",
        "PATH": "/tmp/evil:/usr/bin", "SHELL": "/tmp/evil", "TMPDIR": "/tmp/evil", "TERM": "xterm-256color",
        "LANG": "nb_NO.UTF-8", "LC_TIME": "sr_RS@latin", "COLUMNS": "120", "LINES": "40", "NO_COLOR": "yes",
        "TZ": "Europe/Oslo", "LANGUAGE": "nb:en",
    ]

    @Test func theEnvironmentKeepsOnlyTheAllowListAndHomeFromThePasswdEntry() {
        let kept = Dictionary(
            uniqueKeysWithValues: PrivilegedMode.allowedEnvironment(home: "/home/olga") { Self.hostile[$0] })
        #expect(
            kept == [
                "TERM": "xterm-256color", "LANG": "nb_NO.UTF-8", "LC_TIME": "sr_RS@latin", "COLUMNS": "120",
                "LINES": "40",
                "NO_COLOR": "1", "TZ": "Europe/Oslo", "LANGUAGE": "nb:en", "PATH": "/usr/bin:/bin",
                "HOME": "/home/olga",
            ])
    }

    @Test(arguments: [
        ("TERM", "../../tmp/evil"), ("TERM", "xterm\u{1B}[2J"), ("TERM", String(repeating: "x", count: 65)),
        ("TERM", ""),
        ("LANG", "/tmp/evil/locale"), ("LC_ALL", "../evil"), ("LC_MESSAGES", "nb_NO.UTF-8\n"), ("COLUMNS", "-1"),
        ("LINES", "99999"), ("TZ", "/tmp/evil/zone"), ("TZ", "Europe/../../tmp/evil"), ("LANGUAGE", "nb/../../evil"),
    ])
    func aValueThatCouldNameAFileOrAnEscapeIsDropped(_ name: String, _ value: String) {
        let kept = PrivilegedMode.allowedEnvironment(home: "/home/olga") { $0 == name ? value : nil }
        #expect(!kept.contains { $0.0 == name }, "\(name)=\(value) was kept")
    }

    @Test func everyCommandHasARuleAndTheOfficeColumnIsTheIssues() throws {
        // Every command of the tree is in the table: its name is a case of CommandID.
        func names(_ command: ParsableCommand.Type, prefix: String) -> [String] {
            let full = prefix.isEmpty ? command._commandName : prefix + " " + command._commandName
            let subcommands = command.configuration.subcommands
            return subcommands.isEmpty ? [full] : subcommands.flatMap { names($0, prefix: full) }
        }
        var commands = Set(casebook.Casebook.configuration.subcommands.flatMap { names($0, prefix: "") })
        commands.insert("check --repair")
        commands.insert("retention --apply")
        #expect(commands == Set(CommandID.allCases.map(\.rawValue)))

        let office = Dictionary(uniqueKeysWithValues: CommandID.allCases.map { ($0, $0.rule.office) })
        #expect(office[.backup] == .policy(.backup) && office[.checkRepair] == .policy(.repair))
        #expect(office[.programmeImport] == .policy(.importProgrammes) && office[.initialize] == .policy(.upgrade))
        #expect(office[.staffAdd] == .policy(.manageStaff) && office[.staffSetRole] == .policy(.manageStaff))
        #expect(office[.staffList] == .policy(.listStaff) && office[.open] == .staff && office[.check] == .policy(.check))
        #expect(office[.demo] == .never && office[.bench] == .never && office[.setup] == .root)
        #expect(office[.auditVerify] == .policy(.verifyAudit) && office[.report] == .policy(.seeDashboard))
        // Who holds each action is the policy's: admins alone for the admin's commands.
        for action in [Action.backup, .repair, .importProgrammes, .upgrade, .manageStaff] {
            #expect(Policy.defaults.roles(for: action) == [.admin])
        }
        #expect(Policy.defaults.roles(for: .verifyAudit) == [.supervisor, .admin])
        #expect(Policy.defaults.roles(for: .seeDashboard) == [.supervisor, .admin])
        #expect(office.values.allSatisfy { $0 != .anyone }, "no command is open to everyone on the office's database")
    }

    @Test func anInstallationIsFoundFromItsBinary() {
        let files: Set<String> = ["/usr/share/casebook/casebook.toml", "/opt/cb/share/casebook/casebook.toml"]
        let system = Installation.of(executable: "/usr/bin/casebook", isFile: files.contains)
        #expect(
            system?.shareFolder == "/usr/share/casebook" && system?.siteSettingsPath == "/etc/casebook/casebook.toml")
        let local = Installation.of(executable: "/opt/cb/bin/casebook", isFile: files.contains)
        #expect(local?.siteSettingsPath == "/opt/cb/etc/casebook/casebook.toml")
        #expect(Installation.of(executable: "/work/casebook/.build/release/casebook", isFile: files.contains) == nil)
        #expect(Installation.of(executable: "/home/x/bin/casebook", isFile: files.contains) == nil)
    }

    @Test func onlyRootsFoldersAreTrusted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "casebook-trust-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        chmod(folder, 0o755)
        let file = folder + "/casebook.toml"
        try "theme = \"light\"\n".write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o644)
        if getuid() == 0 {
            #expect(Installation.trustProblem(file) == nil)
            chmod(file, 0o664)
            #expect(Installation.trustProblem(file)?.contains("can be changed by users other than root") == true)
            chmod(file, 0o644)
            chmod(folder, 0o775)
            #expect(Installation.trustProblem(file)?.contains("\(folder) can be changed") == true)
            chmod(folder, 0o755)
            try FileManager.default.createSymbolicLink(atPath: folder + "/link.toml", withDestinationPath: file)
            #expect(Installation.trustProblem(folder + "/link.toml")?.contains("symbolic link") == true)
            #expect(Installation.trustProblem(folder + "/missing.toml")?.contains("cannot be read") == true)
        } else {
            #expect(Installation.trustProblem(file)?.contains("is not owned by root") == true)
        }
        #expect(Installation.trustProblem("relative/casebook.toml") != nil)
    }

    @Test(arguments: [
        ("/var/lib/casebook/casebook.db", "/var/lib/casebook/casebook.db"),
        ("/var//lib/./casebook/casebook.db", "/var/lib/casebook/casebook.db"),
        ("/var/lib/../lib/casebook/casebook.db", "/var/lib/../lib/casebook/casebook.db"),
    ])
    func pathsAreComparedAfterTakingOutDotsAndDoubleSlashes(_ path: String, _ expected: String) {
        #expect(Configuration.absolute(path) == expected)
    }
}
