import CasebookTestSupport
import Foundation
import Testing

/// `make install` and the installed binary, as any user (no setgid here: OfficeModeTests has
/// that). Needs the release build `make test` makes first; skipped with a sentence without it.
@Suite(.serialized, .enabled(if: installUnavailable == nil || isCI, "Skipped: \(installUnavailable ?? "")."))
struct InstallTests {
    let scratch: Scratch

    init() throws {
        if let reason = installUnavailable {
            throw OfficeError("Under CI=true the install tests must run, but \(reason).")
        }
        scratch = try Scratch()
    }

    /// Every regular file under `folder`, relative to it.
    func files(under folder: String) -> Set<String> {
        var found: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue
            {
                found.insert(path)
            }
        }
        return found
    }

    @Test func installPutsEachFileInThePrefixAndUninstallTakesExactlyThoseAway() throws {
        let stage = scratch.path("stage")
        let prefix = "/opt/casebook-test"
        let installed = try makeInstall(prefix: prefix, destdir: stage)
        #expect(installed.status == 0, "\(installed.error)")
        let presets = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/config/programmes").filter {
            $0.hasSuffix(".toml")
        }
        let expected = Set<String>([
            "bin/casebook", "share/casebook/casebook.toml", "share/casebook/examples/litestream.yml",
            "share/casebook/examples/litestream.service", "share/man/man1/casebook.1",
            "share/bash-completion/completions/casebook", "share/zsh/site-functions/_casebook",
            "share/fish/vendor_completions.d/casebook.fish",
        ]).union(presets.map { "share/casebook/programmes/" + $0 })
            .union(["nb", "de", "fr", "nl"].map { "share/locale/\($0)/LC_MESSAGES/casebook.mo" })
        let root = stage + prefix
        #expect(files(under: root) == expected)
        #expect(ownership(root + "/bin/casebook")?.mode == 0o755)

        // The binary carries the Swift runtime: nothing from the toolchain's folder at run time.
        let libraries = try runTool(["ldd", root + "/bin/casebook"]).output
        #expect(!libraries.contains("libswiftCore") && !libraries.contains("not found"), "\(libraries)")
        // The man page and the completions come from the commands themselves.
        let manual = try String(contentsOfFile: root + "/share/man/man1/casebook.1", encoding: .utf8)
        for phrase in ["Set up an office on this host", "Copy the database to FILE", "Fl -group", ".Dt CASEBOOK 1"] {
            #expect(manual.contains(phrase), "the man page has \(phrase)")
        }
        let bash = try String(contentsOfFile: root + "/share/bash-completion/completions/casebook", encoding: .utf8)
        #expect(bash.contains("setup") && bash.contains("--admin"))
        #expect(
            try String(contentsOfFile: root + "/share/zsh/site-functions/_casebook", encoding: .utf8).hasPrefix(
                "#compdef casebook"))

        let removed = try makeInstall(prefix: prefix, destdir: stage, uninstall: true)
        #expect(removed.status == 0, "\(removed.error)")
        #expect(files(under: stage).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root + "/share/casebook"))
        #expect(!FileManager.default.fileExists(atPath: root + "/share/locale"))
    }

    @Test func theInstalledBinaryFindsItsPresetsAndSiteSettingsFromAnyFolder() throws {
        let prefix = scratch.path("prefix")
        #expect(try makeInstall(prefix: prefix).status == 0)
        let elsewhere = scratch.path("elsewhere")
        let home = scratch.path("home")
        for folder in [elsewhere, home] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let environment = ["HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "CASEBOOK_USER": "tester"]
        func casebook(_ arguments: [String]) throws -> ToolResult {
            try runTool([prefix + "/bin/casebook"] + arguments, environment: environment, folder: elsewhere)
        }
        let demo = try casebook(["demo", "--db", "demo.db", "--clients", "20"])
        #expect(demo.status == 0, "\(demo.error)")
        let programmes = try casebook(["programme", "list", "--db", "demo.db"]).output
        for id in ["de-integrationskurs", "fr-cir", "nl-inburgering-2021", "no-introduction"] {
            #expect(programmes.contains(id))
        }
        let contracts = try shell("sqlite3", elsewhere + "/demo.db", "SELECT count(*) FROM contracts;")
        #expect(
            Int(contracts.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0,
            "the demo drafts contracts from the presets")
        let initialised = try casebook(["init", "--db", "new.db"])
        #expect(
            initialised.output.contains("Imported the programme presets"), "\(initialised.output)\(initialised.error)")

        // The installed catalogues: --language, LANGUAGE under C.UTF-8, and a language there is none of.
        let german = try casebook(["--language", "de", "report", "--db", "demo.db", "--from", "30.02.2026"])
        #expect(
            german.status != 0 && german.errorLine.contains("30.02.2026 ist kein Tag des Kalenders"), "\(german.error)")
        var french = environment
        french["LANGUAGE"] = "fr"
        let viaEnvironment = try runTool(
            [prefix + "/bin/casebook", "report", "--db", "demo.db", "--from", "2026-02-30"], environment: french,
            folder: elsewhere)
        #expect(viaEnvironment.errorLine.contains("n'est pas un jour du calendrier"), "\(viaEnvironment.error)")
        let swedish = try casebook(["--language", "sv", "programme", "list", "--db", "demo.db"])
        #expect(swedish.status == 0)
        #expect(swedish.error.contains("Casebook has no sv translation, so it speaks English"), "\(swedish.error)")

        // The site settings name the office's database: without --db, that is the one.
        let office = scratch.path("office.db")
        try FileManager.default.createDirectory(atPath: prefix + "/etc/casebook", withIntermediateDirectories: true)
        try "[site]\ndatabase = \"\(office)\"\nlog = \"syslog\"\n".write(
            toFile: prefix + "/etc/casebook/casebook.toml", atomically: true, encoding: .utf8)
        #expect(try casebook(["init"]).status == 0)
        #expect(try casebook(["check"]).output.contains("Database:     \(office)"))

        // A user's own settings may not name the office's database.
        try FileManager.default.createDirectory(atPath: home + "/.config/casebook", withIntermediateDirectories: true)
        try "[site]\ndatabase = \"\(home)/mine.db\"\n".write(
            toFile: home + "/.config/casebook/casebook.toml", atomically: true, encoding: .utf8)
        let refused = try casebook([])
        #expect(
            refused.status != 0 && refused.errorLine.contains("[site] belongs in the site settings"),
            "\(refused.errorLine)")

        // The same binary away from any installation or source tree finds no presets, and says so.
        let lone = scratch.path("lone")
        try FileManager.default.createDirectory(atPath: lone, withIntermediateDirectories: true)
        try copyProgram(prefix + "/bin/casebook", to: lone + "/casebook")
        for command in [["demo", "--db", "bare.db", "--clients", "5"], ["init", "--db", "bare.db"]] {
            let bare = try runTool([lone + "/casebook"] + command, environment: environment, folder: elsewhere)
            #expect(bare.status != 0 && bare.errorLine.contains("No programme presets were found"), "\(bare.errorLine)")
        }
        #expect(!FileManager.default.fileExists(atPath: elsewhere + "/bare.db"))
    }
}
