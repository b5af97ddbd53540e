import CasebookTestSupport
import Foundation
import Testing

/// The office mode from the side of the people it keeps out (research/shared-host.md §1.4):
/// a real install into a temporary prefix, `casebook setup` for a new group, and officers
/// who log in as themselves (`setpriv`). Root only; skipped with a sentence elsewhere, and
/// never skipped under `CI=true`.
@Suite(.serialized, .enabled(if: Office.unavailable == nil || isCI, "Skipped: \(Office.unavailable ?? "")."))
struct OfficeModeTests {
    let office: Office

    init() throws {
        if let reason = Office.unavailable {
            throw OfficeError("Under CI=true the office-mode tests must run, but \(reason).")
        }
        office = try Office()
    }

    /// A file in the office's protected folder, as root made it: if anything Casebook reads with
    /// the office's rights took its path from a user, this text would show in what they see.
    func plantSecret() throws -> (path: String, marker: String) {
        let marker = "SECRET-\(UUID().uuidString.prefix(8))"
        let path = office.data + "/secret.toml"
        try "theme = \"\(marker)\"\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o660)
        chown(path, 0, getgrnam(office.group)?.pointee.gr_gid ?? 0)
        return (path, marker)
    }

    @Test func setupMakesTheOfficeAndAgainChangesNothing() throws {
        let gid = try #require(getgrnam(office.group)?.pointee.gr_gid)
        #expect(office.setupOutput.contains("Created the system group \(office.group)"))
        #expect(getgrgid(gid)?.pointee.gr_mem.pointee == nil, "no one is a member of the office's group")
        let binary = try #require(ownership(office.binary))
        #expect(binary.mode == 0o2755 && binary.owner == 0 && binary.group == office.group)
        let folder = try #require(ownership(office.data))
        #expect(folder.mode == 0o2770 && folder.owner == 0 && folder.group == office.group)
        let database = try #require(ownership(office.database))
        #expect(database.mode == 0o660 && database.group == office.group)
        let log = try #require(ownership(office.logFolder))
        #expect(log.mode == 0o2770 && log.group == office.group)
        let site = try String(contentsOfFile: office.siteSettings, encoding: .utf8)
        #expect(site.contains("database = \"\(office.database)\"") && site.contains("log = \"\(office.logFolder)\""))
        #expect(ownership(office.siteSettings)?.mode == 0o644)

        let staff = try office.as(office.admin, ["staff", "list"])
        #expect(staff.status == 0, "\(staff.error)")
        #expect(staff.output.contains("\(office.admin)  admin") && staff.output.contains("\(office.officer)  officer"))
        let programmes = try office.as(office.officer, ["programme", "list"])
        for id in ["de-integrationskurs", "fr-cir", "nl-inburgering-2021", "no-introduction"] {
            #expect(programmes.output.contains(id), "the presets come from PREFIX/share/casebook")
        }

        let again = try runTool([
            office.binary, "setup", "--data", office.data, "--group", office.group, "--admin", office.admin, "--log",
            office.logFolder,
        ])
        #expect(again.status == 0 && again.output.hasPrefix("Nothing changed"), "\(again.output)\(again.error)")
        // A new version installed over it keeps the office working.
        #expect(try makeInstall(prefix: office.prefix).status == 0)
        #expect(ownership(office.binary)?.mode == 0o2755 && ownership(office.binary)?.group == office.group)
        let upgraded = try office.as(office.officer, ["staff", "list"])
        #expect(upgraded.status == 0, "\(upgraded.error)")

        let other = try runTool([
            office.binary, "setup", "--data", office.root + "/elsewhere", "--group", office.group, "--admin",
            office.admin,
            "--log", office.logFolder,
        ])
        #expect(other.status != 0 && other.errorLine.contains("already names another database"), "\(other.errorLine)")
        // A binary in a folder others can change is not made set-group-id.
        chmod(office.prefix + "/bin", 0o775)
        let unsafe = try runTool([
            office.binary, "setup", "--data", office.data, "--group", office.group, "--admin", office.admin, "--log",
            office.logFolder,
        ])
        chmod(office.prefix + "/bin", 0o755)
        #expect(unsafe.status != 0 && unsafe.errorLine.contains("only in root's own folders"), "\(unsafe.errorLine)")
        let notRoot = try office.as(
            office.admin, ["setup", "--data", office.data, "--group", office.group, "--admin", office.admin])
        #expect(
            notRoot.status != 0 && notRoot.errorLine.contains("Only root can set up an office"), "\(notRoot.errorLine)")
    }

    @Test func noOneReadsOrListsTheDatabaseExceptThroughCasebook() throws {
        // A save leaves the -wal and -shm files beside the database while a colleague has it open.
        #expect(try office.as(office.officer, ["staff", "list"]).status == 0)
        for user in office.users {
            for argv in [
                ["cat", office.database], ["ls", office.data],
                ["sqlite3", office.database, "SELECT count(*) FROM staff;"],
                ["cat", office.logFolder + "/casebook.log"], ["ls", office.logFolder],
            ] {
                let result = try office.run(user, argv)
                #expect(
                    result.status != 0 && !result.output.contains(office.admin), "\(user): \(argv) \(result.output)")
            }
        }
    }

    @Test func whoYouAreIsYourLoginAndNothingElse() throws {
        let pretend = ["CASEBOOK_USER": office.admin, "USER": office.admin, "LOGNAME": office.admin]
        let officer = try office.as(
            office.officer, ["staff", "add", "intruder", "--role", "admin"], environment: pretend)
        #expect(
            officer.status != 0 && officer.errorLine.contains("Only admins may manage staff."),
            "\(officer.errorLine)")
        let outsider = try office.as(
            office.outsider, ["staff", "set-role", office.officer, "admin"], environment: pretend)
        #expect(outsider.status != 0 && outsider.errorLine.contains("\(office.outsider) is not registered as staff"))
        let list = try office.as(office.admin, ["staff", "list"])
        #expect(!list.output.contains("intruder") && list.output.contains("\(office.officer)  officer"))

        // Another database through the environment is ignored: the office's is the one in the site settings.
        let elsewhere = office.home(office.officer) + "/mine.db"
        let redirected = try office.as(
            office.officer, ["staff", "list"],
            environment: ["CASEBOOK_DB": elsewhere, "XDG_DATA_HOME": office.home(office.officer)])
        #expect(redirected.status == 0 && redirected.output.contains(office.admin))
        #expect(!FileManager.default.fileExists(atPath: elsewhere))

        // A user id the passwd file does not know is refused.
        let nobody = try runTool([
            "setpriv", "--reuid", "61234", "--regid", "100", "--clear-groups", "--reset-env", "--", office.binary,
            "staff", "list",
        ])
        #expect(
            nobody.status != 0 && nobody.errorLine.contains("has no entry in the user database"), "\(nobody.errorLine)")
    }

    @Test func everyCommandAsksForItsRole() throws {
        let officer = office.officer
        let own = office.home(officer)
        // Officers may read what staff read.
        for arguments in [["staff", "list"], ["programme", "list"], ["check"]] {
            let result = try office.as(officer, arguments)
            #expect(result.status == 0, "\(arguments): \(result.errorLine)")
        }
        // and nothing that is an admin's.
        let preset = office.prefix + "/share/casebook/programmes/no-introduction.toml"
        for (arguments, phrase) in [
            (["backup", own + "/all.db"], "Only admins may back up"),
            (["check", "--repair"], "Only admins may repair"),
            (["programme", "import", preset], "Only admins may import programmes"),
            (["staff", "add", "x1"], "Only admins may manage staff"),
            (["staff", "set-role", officer, "admin"], "Only admins may manage staff"),
            (["report"], "Only supervisors and admins may see the dashboard"), (["init"], "Only admins may bring"),
            (["audit", "verify"], "Only supervisors and admins may verify the audit"),
        ] {
            let result = try office.as(officer, arguments)
            #expect(result.status != 0 && result.errorLine.contains(phrase), "\(arguments): \(result.errorLine)")
        }
        #expect(!FileManager.default.fileExists(atPath: own + "/all.db"))
        // Someone who is not staff sees nothing at all.
        for arguments in [
            ["staff", "list"], ["programme", "list"], ["check"], ["report"], ["contract", "print", "2026-000001"],
            ["backup", office.home(office.outsider) + "/all.db"], ["init"], ["audit", "verify"],
        ] {
            let result = try office.as(office.outsider, arguments)
            #expect(
                result.status != 0 && result.errorLine.contains("is not registered as staff"),
                "\(arguments): \(result.errorLine)")
            #expect(result.output.isEmpty)
        }
        // The demo and the benchmark never touch the office's database, whoever asks.
        for user in [office.admin, officer] {
            for arguments in [
                ["demo", "--clients", "5"], ["bench", "--only", "search"], ["demo", "--db", office.database],
            ] {
                let result = try office.as(user, arguments)
                #expect(
                    result.status != 0 && result.errorLine.contains("on the office's database"),
                    "\(arguments): \(result.errorLine)")
            }
        }
        // On a file of their own (the office's rights given up first), a demo is theirs.
        let demo = try office.as(officer, ["demo", "--db", own + "/demo.db", "--clients", "20"])
        #expect(demo.status == 0, "\(demo.errorLine)")
        let made = try #require(ownership(own + "/demo.db"))
        #expect(made.owner == office.uid(officer) && made.group == "users" && made.mode == 0o600)

        // An admin's backup is theirs, written with their own rights.
        let admin = office.admin
        let copy = office.home(admin) + "/office-copy.db"
        let backup = try office.as(admin, ["backup", copy])
        #expect(backup.status == 0, "\(backup.errorLine)")
        let written = try #require(ownership(copy))
        #expect(written.owner == office.uid(admin) && written.group == "users")
        // The backup records the audit chain's head, which the office's log then still holds.
        let head = try #require(
            backup.output.split(separator: "\n").first { $0.hasPrefix("Audit chain head: row ") }?.split(separator: " ")
                .last)
        let verified = try office.as(admin, ["audit", "verify", "--head", String(head)])
        #expect(verified.status == 0 && verified.output.contains("The head recorded is row"), "\(verified.errorLine)")
        #expect(
            try office.run(admin, ["sqlite3", copy, "SELECT count(*) FROM staff;"]).output.trimmingCharacters(
                in: .whitespacesAndNewlines) == "2")
        for arguments in [["check", "--repair"], ["programme", "import", preset]] {
            let result = try office.as(admin, arguments)
            #expect(result.status == 0, "\(arguments): \(result.errorLine)")
        }
    }

    @Test func filesAUserNamesAreOpenedWithTheirOwnRights() throws {
        let (secret, marker) = try plantSecret()
        let officer = office.officer
        let config = office.home(officer) + "/.config/casebook"
        #expect(try office.run(officer, ["mkdir", "-p", config]).status == 0)
        #expect(try office.run(officer, ["ln", "-s", secret, config + "/casebook.toml"]).status == 0)
        // The screen reads the user's settings before anything else.
        let screen = try office.as(officer, [])
        #expect(screen.status != 0 && !(screen.output + screen.error).contains(marker), "\(screen.error)")
        #expect(
            screen.errorLine.contains("Cannot read \(config)/casebook.toml: Permission denied"), "\(screen.errorLine)")
        #expect(try office.run(officer, ["rm", config + "/casebook.toml"]).status == 0)

        // A shipped folder of the user's choosing is not read at all.
        let evil = office.home(officer) + "/evil"
        #expect(try office.run(officer, ["mkdir", "-p", evil + "/programmes"]).status == 0)
        #expect(try office.run(officer, ["ln", "-s", secret, evil + "/casebook.toml"]).status == 0)
        let shipped = try office.as(officer, [], environment: ["CASEBOOK_CONFIG_DIR": evil])
        #expect(
            shipped.errorLine.contains("needs a terminal") && !shipped.error.contains(marker), "\(shipped.errorLine)")

        // An admin's programme file and backup target go through their own rights too.
        let admin = office.admin
        let link = office.home(admin) + "/programme.toml"
        #expect(try office.run(admin, ["ln", "-s", secret, link]).status == 0)
        let imported = try office.as(admin, ["programme", "import", link])
        #expect(
            imported.status != 0 && imported.errorLine.contains("Permission denied") && !imported.error.contains(marker)
        )
        let inside = try office.as(admin, ["backup", office.data + "/copy.db"])
        #expect(
            inside.status != 0 && !FileManager.default.fileExists(atPath: office.data + "/copy.db"),
            "\(inside.errorLine)")

        // --db naming any other file gives up the office's rights before opening it.
        for path in [office.data + "/../data/casebook.db", secret] {
            let other = try office.as(officer, ["staff", "list", "--db", path])
            #expect(other.status != 0 && other.errorLine.contains("permission denied"), "\(path): \(other.errorLine)")
        }
    }

    @Test func theLogIsTheOfficesAndFilledOnlyByCasebook() throws {
        let officer = office.officer
        // With standard error closed, the log could take its number and receive error text the
        // user chose; it must not.
        let number = "2026-999977"
        let closed = try office.run(officer, ["sh", "-c", "exec 2>&- \"$0\" contract print \(number)", office.binary])
        #expect(closed.status != 0)
        #expect(try office.as(officer, ["staff", "list"]).status == 0)
        let log = try String(contentsOfFile: office.logFolder + "/casebook.log", encoding: .utf8)
        #expect(log.contains("\(officer) (uid \(office.uid(officer))) runs staff list"), "\(log)")
        #expect(!log.contains(number))
        // Nothing was made in the user's home with the office's group (the log used to go there).
        let home = try FileManager.default.contentsOfDirectory(atPath: office.home(officer))
        #expect(!home.contains(".local"), "\(home)")
        #expect(ownership(office.logFolder + "/casebook.log")?.mode == 0o660)
    }

    @Test func withNoNewPrivsCasebookSaysWhyItCannotOpenTheDatabase() throws {
        let result = try office.run(office.officer, [office.binary, "staff", "list"], setpriv: ["--no-new-privs"])
        #expect(result.status != 0 && result.errorLine.contains("no_new_privs"), "\(result.errorLine)")
    }

    @Test func aSetUserIDCasebookRefusesToStart() throws {
        // Someone made a copy set-user-id (to the admin): it must not run as anyone else.
        let folder = office.root + "/setuid"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o755)
        let copy = folder + "/casebook"
        try copyProgram(office.binary, to: copy)
        chown(copy, office.uid(office.admin), 0)
        chmod(copy, 0o4755)
        let result = try office.run(office.officer, [copy, "staff", "list"])
        #expect(result.status != 0 && result.errorLine.contains("set-user-id"), "\(result.errorLine)")
    }

    @Test func onAFileOfYourOwnCasebookUserActsOnlyWhereYouOwnTheFile() throws {
        // A plain copy of the installed binary (not setgid): Casebook as one person runs it.
        let personal = office.root + "/personal"
        try FileManager.default.createDirectory(atPath: personal, withIntermediateDirectories: true)
        chmod(personal, 0o777)
        let binary = office.root + "/plain-casebook"
        try copyProgram(office.binary, to: binary)
        chmod(binary, 0o755)
        let shared = personal + "/shared.db"
        let presets = ["CASEBOOK_CONFIG_DIR": office.prefix + "/share/casebook", "CASEBOOK_USER": "boss"]
        let made = try runTool(
            ["env"] + presets.map { "\($0.key)=\($0.value)" } + [binary, "demo", "--db", shared, "--clients", "10"])
        #expect(made.status == 0, "\(made.error)")
        chmod(shared, 0o666)
        let forged = try office.run(
            office.officer, [binary, "staff", "add", office.officer, "--role", "admin", "--db", shared],
            environment: ["CASEBOOK_USER": "boss"])
        #expect(
            forged.status != 0 && forged.errorLine.contains("only on a database file you own"), "\(forged.errorLine)")
        // On their own file it is theirs to use.
        let own = office.home(office.officer) + "/own.db"
        let demo = try office.run(
            office.officer, [binary, "demo", "--db", own, "--clients", "10"], environment: presets)
        #expect(demo.status == 0, "\(demo.errorLine)")
        let added = try office.run(
            office.officer, [binary, "staff", "add", "helper", "--office", "MAIN", "--db", own], environment: ["CASEBOOK_USER": "boss"])
        #expect(added.status == 0, "\(added.errorLine)")
    }

    @Test func anOfficerOpensTheScreenAndSavesAndCannotLookInside() throws {
        let officer = office.officer
        let marker = office.home(officer) + "/inherited"
        #expect(try office.run(officer, ["touch", marker]).status == 0)
        // A careless or hostile start: core files allowed, umask 000, a descriptor left open.
        let start = "ulimit -c unlimited; umask 000; exec 9<\(marker); exec \(office.binary)"
        let tmux = try Tmux(
            width: 100, height: 30,
            command: ["setpriv", "--reuid", officer, "--regid", "users", "--init-groups", "--", "sh", "-c", start],
            folder: office.home(officer))
        try tmux.waitFor("clients")
        let pid = try #require(
            Office.process(named: "casebook", of: office.uid(officer)), "the screen runs as the officer")
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let gids =
            status.split(separator: "\n").first { $0.hasPrefix("Gid:") }?.split(separator: "\t").dropFirst() ?? []
        #expect(
            gids.count == 4 && gids.first != gids.dropFirst().first,
            "the effective group differs from the real one: \(gids)")
        #expect(status.contains("Umask:\t0007"), "umask 007 whatever the shell set")
        let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
        let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }
        #expect(core?.split(separator: " ").dropFirst(4).prefix(2) == ["0", "0"], "no core file: \(core ?? "")")
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")
        for fd in descriptors {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) ?? ""
            #expect(target != marker, "descriptor \(fd) inherited from the shell is still open")
        }
        // The officer cannot look into the process: not dumpable, /proc is root's.
        for file in ["environ", "mem", "maps"] {
            let peek = try office.run(officer, ["cat", "/proc/\(pid)/\(file)"])
            #expect(peek.status != 0, "\(file) is readable by the officer")
        }

        // The screen works: a new client is saved (the office's file is writable through Casebook).
        try tmux.type("n")
        try tmux.waitFor("New client")
        try tmux.registerClient(family: "Haddad", given: "Rami", born: "1990-02-03", sex: "mal")
        let saved = try tmux.screen()
        #expect(!saved.contains("read-only"))
        try tmux.press("q")
        try tmux.waitFor("CASEBOOK-EXITED 0")
        let rows = try runTool([
            "sqlite3", office.database,
            "SELECT s.username FROM clients c JOIN audit a ON a.entity = 'client' AND a.entity_id = c.id JOIN staff s ON s.id = a.staff_id WHERE c.family_name = 'Haddad' LIMIT 1;",
        ])
        #expect(rows.output.trimmingCharacters(in: .whitespacesAndNewlines) == officer, "\(rows.output)\(rows.error)")
    }
}

extension Office {
    /// The id of a running process called `name` of user `uid`.
    static func process(named name: String, of uid: uid_t, timeout: Double = 5) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = Int32(entry),
                    let comm = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8),
                    comm.trimmingCharacters(in: .whitespacesAndNewlines) == name
                else { continue }
                let status = (try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8)) ?? ""
                let uidLine = status.split(separator: "\n").first { $0.hasPrefix("Uid:") }
                if uidLine?.split(separator: "\t").dropFirst().first == Substring(String(uid)) { return pid }
            }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return nil
    }
}
