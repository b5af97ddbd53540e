import CasebookTestSupport
import Foundation
import Testing

@Suite struct CommandLineTests {
    let scratch: Scratch

    init() throws { scratch = try Scratch() }

    /// The one "Error:" line a failed command prints.
    func errorLine(_ result: Casebook.Result) -> String {
        result.error.split(separator: "\n").first { $0.hasPrefix("Error:") }.map(String.init) ?? result.error
    }

    @Test func demoWithTheSameSeedGivesTheSamePeople() throws {
        let first = scratch.path("a.db")
        let second = scratch.path("b.db")
        #expect(try Casebook.run(["demo", "--db", first, "--clients", "300", "--seed", "7"]).status == 0)
        #expect(try Casebook.run(["demo", "--db", second, "--clients", "300", "--seed", "7"]).status == 0)
        let query = "SELECT case_number || ' ' || family_name || ' ' || given_names || ' ' || phase FROM clients ORDER BY id;"
        let a = try shell("sqlite3", first, query)
        #expect(a.split(separator: "\n").count == 300)
        #expect(a == (try shell("sqlite3", second, query)))
        let third = scratch.path("c.db")
        #expect(try Casebook.run(["demo", "--db", third, "--clients", "300", "--seed", "8"]).status == 0)
        #expect(a != (try shell("sqlite3", third, query)))
    }

    @Test func demoWritesEveryScriptTheIssueNames() throws {
        let db = scratch.path("demo.db")
        #expect(try Casebook.run(["demo", "--db", db, "--clients", "2000"]).status == 0)
        let names = try shell("sqlite3", db, "SELECT family_name || given_names FROM clients;")
        let scripts: [(String, ClosedRange<UInt32>)] = [
            ("Arabic", 0x0600...0x06FF), ("Ge'ez", 0x1200...0x137F), ("Cyrillic", 0x0400...0x04FF),
            ("Han", 0x4E00...0x9FFF), ("Vietnamese", 0x1EA0...0x1EF9), ("Latin with diacritics", 0x00C0...0x017F),
        ]
        for (script, range) in scripts {
            #expect(names.unicodeScalars.contains { range.contains($0.value) }, "no \(script) names")
        }
        let persian = try shell("sqlite3", db, "SELECT count(*) FROM clients WHERE country_of_birth = 'AF';")
        #expect(Int(persian.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0)
        let phases = try shell("sqlite3", db, "SELECT count(DISTINCT phase) FROM clients;")
        #expect(Int(phases.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 == 17)
        let staff = try Casebook.run(["staff", "list", "--db", db]).output
        #expect(staff.contains("supervisor"))
        #expect(staff.split(separator: "\n").count > 5)
    }

    @Test func initCreatesTheFileAndMakesTheUserAdmin() throws {
        let db = scratch.path("folder/new.db")
        let result = try Casebook.run(["init", "--db", db], environment: ["CASEBOOK_USER": "akarlsen"])
        #expect(result.status == 0)
        #expect(result.output.contains("akarlsen"))
        let list = try Casebook.run(["staff", "list", "--db", db])
        #expect(list.output.contains("akarlsen") && list.output.contains("admin"))
        let attributes = try FileManager.default.attributesOfItem(atPath: db)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try Casebook.run(["init", "--db", db]).output.contains("is ready"))
    }

    @Test func theDatabaseComesFromTheEnvironmentWhenNotGiven() throws {
        let db = scratch.path("env.db")
        #expect(try Casebook.run(["init"], environment: ["CASEBOOK_DB": db]).status == 0)
        #expect(FileManager.default.fileExists(atPath: db))
        let data = scratch.path("xdg")
        #expect(try Casebook.run(["init"], environment: ["XDG_DATA_HOME": data]).status == 0)
        #expect(FileManager.default.fileExists(atPath: data + "/casebook/casebook.db"))
    }

    @Test func staffCommandsNeedAnAdminAndCheckTheirArguments() throws {
        let db = scratch.path("staff.db")
        let admin = ["CASEBOOK_USER": "boss"]
        #expect(try Casebook.run(["init", "--db", db], environment: admin).status == 0)
        #expect(try Casebook.run(["staff", "add", "akarlsen", "--name", "Anne Karlsen", "--db", db], environment: admin).status == 0)
        let officer = ["CASEBOOK_USER": "akarlsen"]
        let denied = try Casebook.run(["staff", "add", "bnilsen", "--db", db], environment: officer)
        #expect(denied.status != 0 && errorLine(denied).contains("Only admins may"))
        let stranger = try Casebook.run(["staff", "add", "x", "--db", db], environment: ["CASEBOOK_USER": "nobody"])
        #expect(stranger.status != 0 && errorLine(stranger).contains("not registered as staff"))
        let role = try Casebook.run(["staff", "set-role", "akarlsen", "chief", "--db", db], environment: admin)
        #expect(role.status != 0 && errorLine(role).contains("not a role"))
        #expect(try Casebook.run(["staff", "set-role", "akarlsen", "supervisor", "--db", db], environment: admin).status == 0)
        #expect(try Casebook.run(["staff", "list", "--db", db]).output.contains("supervisor"))
    }

    @Test func partnerCommandsKeepTheRegisterForSupervisorsAndAdmins() throws {
        let db = scratch.path("partners.db")
        let admin = ["CASEBOOK_USER": "boss"]
        #expect(try Casebook.run(["init", "--db", db], environment: admin).status == 0)
        #expect(try Casebook.run(["staff", "add", "akarlsen", "--db", db], environment: admin).status == 0)
        let added = try Casebook.run(
            ["partner", "add", "Røde Kors Oslo", "--kind", "association", "--contact", "Kari, 22 00 00 00", "--db", db],
            environment: admin)
        #expect(added.status == 0 && added.output.contains("Røde Kors Oslo"))
        let officer = ["CASEBOOK_USER": "akarlsen"]
        let denied = try Casebook.run(
            ["partner", "add", "IL Tromsø", "--kind", "sports_club", "--db", db], environment: officer)
        #expect(denied.status != 0 && errorLine(denied).contains("Only supervisors and admins"))
        let kind = try Casebook.run(["partner", "add", "X", "--kind", "pub", "--db", db], environment: admin)
        #expect(kind.status != 0 && errorLine(kind).contains("not a kind of partner"))
        let twice = try Casebook.run(
            ["partner", "add", "røde kors oslo", "--kind", "other", "--db", db], environment: admin)
        #expect(twice.status != 0 && errorLine(twice).contains("already has an organisation"))
        let list = try Casebook.run(["partner", "list", "--db", db], environment: officer)
        #expect(list.status == 0 && list.output.contains("Røde Kors Oslo") && !list.output.contains("IL Tromsø"))
    }

    @Test(arguments: [
        ["demo", "--clients", "0"], ["demo", "--clients=-5"], ["demo", "--clients", "99999999"], ["demo", "--clients", "many"],
        ["demo", "--seed", "-1"], ["staff", "set-role", "x", "emperor"], ["staff", "add", "Bad Name"],
        ["check"], ["backup"], ["frobnicate"],
    ])
    func badArgumentsFailWithOneClearSentence(_ arguments: [String]) throws {
        let db = scratch.path("bad.db")
        let result = try Casebook.run(arguments + ["--db", db])
        #expect(result.status != 0)
        #expect(errorLine(result).hasPrefix("Error: "))
        #expect(result.output.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func missingForeignAndCorruptFilesAreRefusedAndUntouched() throws {
        let text = scratch.path("notes.txt")
        try "not a database".write(toFile: text, atomically: true, encoding: .utf8)
        let foreign = scratch.path("foreign.db")
        _ = try shell("sqlite3", foreign, "CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        for (path, phrase) in [(text, "not a SQLite database"), (foreign, "not a Casebook one"), (scratch.path("none.db"), "no database")] {
            let before = FileManager.default.contents(atPath: path)
            // init and demo create a missing file by design; every other command refuses it.
            let creates = path.hasSuffix("none.db")
            for command in [["check"], ["staff", "list"], ["demo", "--clients", "5"], ["backup", scratch.path("copy.db")]]
            where !(creates && command[0] == "demo") {
                let result = try Casebook.run(command + ["--db", path])
                #expect(result.status != 0, "\(command) on \(path)")
                #expect(errorLine(result).contains(phrase), "\(command): \(errorLine(result))")
            }
            #expect(FileManager.default.contents(atPath: path) == before)
        }
    }

    @Test func aReadOnlyFileIsReadableButNeverWritten() throws {
        let db = scratch.path("locked.db")
        #expect(try Casebook.run(["demo", "--db", db, "--clients", "20"]).status == 0)
        _ = try shell("sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: db) }
        let before = FileManager.default.contents(atPath: db)
        #expect(try Casebook.run(["staff", "list", "--db", db]).status == 0)
        #expect(try Casebook.run(["check", "--db", db]).status == 0)
        for command in [["init"], ["staff", "add", "someone"], ["staff", "set-role", "someone", "admin"], ["demo"]] {
            let result = try Casebook.run(command + ["--db", db])
            #expect(result.status != 0)
            #expect(errorLine(result).contains("read-only"), "\(command): \(errorLine(result))")
        }
        #expect(FileManager.default.contents(atPath: db) == before)
    }

    @Test func aCorruptFileIsReportedByCheckAndRefusedElsewhere() throws {
        let db = scratch.path("broken.db")
        #expect(try Casebook.run(["demo", "--db", db, "--clients", "300"]).status == 0)
        _ = try shell("sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);")
        // Scribble over the middle of the file, as a failing disk would.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: db))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0xA5, count: 8192))
        try handle.close()
        let check = try Casebook.run(["check", "--db", db])
        #expect(check.status != 0)
        #expect(errorLine(check).contains("backup") || errorLine(check).contains("damaged"), "\(errorLine(check))")
    }

    @Test func checkAndBackupWork() throws {
        let db = scratch.path("live.db")
        #expect(try Casebook.run(["demo", "--db", db, "--clients", "400", "--seed", "11"]).status == 0)
        let check = try Casebook.run(["check", "--db", db])
        #expect(check.status == 0)
        // The demo writes the dashboard's facts itself; they agree with the store's computation.
        #expect(check.output.contains("Integrity:    ok") && check.output.contains("Facts:        ok") && check.output.contains("clients"))
        let copy = scratch.path("copy.db")
        #expect(try Casebook.run(["backup", copy, "--db", db]).status == 0)
        let again = try Casebook.run(["backup", copy, "--db", db])
        #expect(again.status != 0 && errorLine(again).contains("--force"))
        #expect(try Casebook.run(["backup", copy, "--force", "--db", db]).status == 0)
        #expect(try Casebook.run(["check", "--db", copy]).status == 0)
    }

    @Test func checkFindsFactsThatDifferFromTheRecordsAndRepairRecomputesThem() throws {
        let db = scratch.path("facts.db")
        #expect(try Casebook.run(["demo", "--db", db, "--clients", "30"]).status == 0)
        _ = try shell("sqlite3", db, "UPDATE client_facts SET civic_complete = 1 - civic_complete WHERE client_id <= 3;")
        let check = try Casebook.run(["check", "--db", db])
        #expect(check.status != 0 && check.output.contains("Facts:        3 clients differ from their records"))
        #expect(try Casebook.run(["check", "--repair", "--db", db]).status == 0)
        #expect(try Casebook.run(["check", "--db", db]).output.contains("Facts:        ok"))
    }

    @Test func aBadUserConfigurationStopsTheStartWithFileLineAndKey() throws {
        let config = scratch.path("xdg/casebook")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        let file = config + "/casebook.toml"
        try "theme = \"default\"\n\n[keys]\n\"form.save\" = \"<c-ß>\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Casebook.run(["--db", scratch.path("none.db")], environment: ["XDG_CONFIG_HOME": scratch.path("xdg")])
        #expect(result.status != 0)
        #expect(errorLine(result).contains("\(file), line 4:"), "\(errorLine(result))")
        #expect(errorLine(result).contains("<c-ß>") && errorLine(result).contains("form.save"))
        try "[keys]\n\"form.explode\" = \"x\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        let unknown = try Casebook.run(["--db", scratch.path("none.db")], environment: ["XDG_CONFIG_HOME": scratch.path("xdg")])
        #expect(errorLine(unknown).contains("line 2") && errorLine(unknown).contains("form.explode"))
    }

    @Test func theScreenNeedsATerminal() throws {
        let db = scratch.path("t.db")
        #expect(try Casebook.run(["init", "--db", db]).status == 0)
        let result = try Casebook.run(["--db", db])
        #expect(result.status != 0 && errorLine(result).contains("needs a terminal"))
    }

    @Test func programmesAreImportedAsVersionsAndBadFilesAreRefused() throws {
        let db = scratch.path("p.db")
        let admin = ["CASEBOOK_USER": "boss"]
        let created = try Casebook.run(["init", "--db", db], environment: admin)
        #expect(created.output.contains("Imported the programme presets"))
        let listed = try Casebook.run(["programme", "list", "--db", db])
        for id in [
            "at-integrationsgesetz", "de-integrationskurs", "dk-selvforsorgelse-hjemrejse", "fi-kotoutumisohjelma", "fr-cir",
            "nl-inburgering-2021", "no-introduction",
        ] { #expect(listed.output.contains(id)) }
        #expect(listed.output.contains("VALID FROM") && listed.output.contains("2021-01-01"), "\(listed.output)")
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/programmes/no-introduction.toml").path
        let again = try Casebook.run(["programme", "import", source, "--db", db], environment: admin)
        #expect(again.status == 0 && again.output.contains("unchanged"))
        let changed = scratch.path("no.toml")
        try (try String(contentsOfFile: source, encoding: .utf8)).replacingOccurrences(of: "decision_within = \"4m\"", with: "decision_within = \"3m\"")
            .write(toFile: changed, atomically: true, encoding: .utf8)
        let second = try Casebook.run(["programme", "import", changed, "--db", db], environment: admin)
        #expect(second.output.contains("version 2"), "\(second.output)\(second.error)")
        let bad = scratch.path("bad.toml")
        try "id = \"x-y\"\nname = \"X\"\ncountry = \"NO\"\nlanguage = \"nb\"\n[hours]\nlanguage = \"lots\"\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try Casebook.run(["programme", "import", bad, "--db", db], environment: admin)
        #expect(refused.status != 0 && errorLine(refused).contains("bad.toml, line 6: hours.language"), "\(errorLine(refused))")
        let officer = try Casebook.run(["programme", "import", source, "--db", db], environment: ["CASEBOOK_USER": "nobody"])
        #expect(officer.status != 0)
    }

    @Test func initImportsACorrectedPresetAsANewVersion() throws {
        let db = scratch.path("upgrade.db")
        let admin = ["CASEBOOK_USER": "boss"]
        #expect(try Casebook.run(["init", "--db", db], environment: admin).status == 0)
        // As a file from before the correction: Norway's version 1 has another text and no valid_from.
        _ = try shell("sqlite3", db, "UPDATE programmes SET source_text = 'the 550-hour preset', valid_from = NULL WHERE id = 'no-introduction'")
        let again = try Casebook.run(["init", "--db", db], environment: admin)
        #expect(again.output.contains("Imported the corrected no-introduction as version 2, in force from 2021-01-01"), "\(again.output)")
        #expect(!again.output.contains("fr-cir"), "unchanged presets are not imported again")
        let listed = try Casebook.run(["programme", "list", "--db", db])
        let norway = listed.output.split(separator: "\n").filter { $0.hasPrefix("no-introduction ") }.map { Array($0.split(separator: " ").prefix(3)) }
        #expect(norway == [["no-introduction", "2", "2021-01-01"], ["no-introduction", "1", "—"]], "\(listed.output)")
        let third = try Casebook.run(["init", "--db", db], environment: admin)
        #expect(!third.output.contains("Imported"), "\(third.output)")
    }

    @Test func contractPrintRendersBothSidesAsTextAndHTML() throws {
        let db = scratch.path("contracts.db")
        #expect(try Casebook.run(["demo", "--db", db, "--clients", "60", "--seed", "3"]).status == 0)
        let row = try shell(
            "sqlite3", db,
            """
            SELECT c.case_number, c.family_name, count(o.id) FROM clients c JOIN contracts k ON k.client_id = c.id
            JOIN obligations o ON o.contract_id = k.id GROUP BY c.id ORDER BY c.case_number LIMIT 1;
            """
        ).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map(String.init)
        try #require(row.count == 3, "the demo drafts contracts")
        let text = try Casebook.run(["contract", "print", row[0], "--db", db])
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.hasPrefix("INTEGRATION CONTRACT"))
        #expect(text.output.contains("THE NEWCOMER COMMITS TO") && text.output.contains("THE AUTHORITY COMMITS TO"))
        #expect(text.output.contains(row[1]) && text.output.contains("Case number:  \(row[0])"))
        #expect(text.output.components(separatedBy: "    Due: ").count - 1 == Int(row[2]), "every obligation is printed")
        #expect(text.output.contains("The newcomer") && text.output.contains("For the authority"))

        let html = try Casebook.run(["contract", "print", row[0], "--format", "html", "--db", db])
        #expect(html.status == 0 && html.output.hasPrefix("<!DOCTYPE html>") && html.output.hasSuffix("</html>\n"))
        #expect(html.output.components(separatedBy: "<li>").count - 1 == Int(row[2]))

        let unknown = try Casebook.run(["contract", "print", "2026-999999", "--db", db])
        #expect(unknown.status != 0 && errorLine(unknown).contains("No client has case number 2026-999999"))
        let malformed = try Casebook.run(["contract", "print", "123", "--db", db])
        #expect(malformed.status != 0)
        let format = try Casebook.run(["contract", "print", row[0], "--format", "pdf", "--db", db])
        #expect(format.status != 0)
    }

    @Test func contractPrintWritesTheOfficersLanguageAndASecondOneBeside() throws {
        let db = scratch.path("bilingual.db")
        #expect(try Casebook.run(["demo", "--db", db, "--clients", "40", "--seed", "3"]).status == 0)
        let number = try shell(
            "sqlite3", db, "SELECT c.case_number FROM clients c JOIN contracts k ON k.client_id = c.id ORDER BY 1 LIMIT 1;"
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!number.isEmpty, "the demo drafts contracts")
        let same = try Casebook.run(["contract", "print", number, "--also", "en", "--db", db])
        #expect(same.status != 0 && errorLine(same).contains("already printed in en"), "\(same.error)")
        let unknown = try Casebook.run(["contract", "print", number, "--also", "sv", "--db", db])
        #expect(unknown.status != 0 && errorLine(unknown).contains("no sv translation"), "\(unknown.error)")

        // The Norwegian catalogue compiled as make compiles it.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/msgfmt") else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "CI has gettext")
            return
        }
        let locale = scratch.path("locale")
        try FileManager.default.createDirectory(atPath: locale + "/nb/LC_MESSAGES", withIntermediateDirectories: true)
        _ = try shell("msgfmt", "-o", locale + "/nb/LC_MESSAGES/casebook.mo", packageRoot + "/po/nb.po")
        let both = try Casebook.run(
            ["contract", "print", number, "--language", "nb", "--also", "en", "--db", db],
            environment: ["CASEBOOK_LOCALE_DIR": locale])
        #expect(both.status == 0, "\(both.error)")
        let pages = both.output.split(separator: "\u{0C}")
        #expect(pages.count == 2, "\(both.output)")
        #expect(pages.first?.hasPrefix("INTEGRERINGSKONTRAKT") == true, "\(both.output)")
        #expect(pages.last?.contains("INTEGRATION CONTRACT") == true)
        let html = try Casebook.run(
            ["contract", "print", number, "--format", "html", "--also", "nb", "--db", db],
            environment: ["CASEBOOK_LOCALE_DIR": locale])
        #expect(html.output.contains("<article lang=\"en\">") && html.output.contains("<article lang=\"nb\">"))
    }

    @Test func reportPrintsTheFiguresWithoutIdentifyingAnyClient() throws {
        let db = scratch.path("report.db")
        #expect(try Casebook.run(["demo", "--db", db, "--clients", "300", "--seed", "4"]).status == 0)
        let supervisor = try shell("sqlite3", db, "SELECT username FROM staff WHERE role = 'supervisor' LIMIT 1;")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let officer = try shell("sqlite3", db, "SELECT username FROM staff WHERE role = 'officer' LIMIT 1;").trimmingCharacters(in: .whitespacesAndNewlines)
        let asSupervisor = ["CASEBOOK_USER": supervisor]

        let text = try Casebook.run(["report", "--db", db], environment: asSupervisor)
        #expect(text.status == 0, "\(text.error)")
        for heading in ["Caseload per officer", "Cases per phase", "Overdue obligations by party", "Language:", "Recognition", "Civic orientation completed", "Exits in the period", "Offer to programme start"] {
            #expect(text.output.contains(heading), "\(heading)")
        }
        let csv = try Casebook.run(["report", "--db", db, "--format", "csv", "--from", "2026-01-01", "--to", "2026-06-30"], environment: asSupervisor)
        #expect(csv.status == 0 && csv.output.hasPrefix("section,item,measure,value\n"))
        #expect(csv.output.contains("overdue_by_month,2026-06-30,authority,"))
        #expect(!csv.output.contains("overdue_by_month,2026-07-31"))
        let json = try Casebook.run(["report", "--db", db, "--format", "json", "--officer", officer], environment: asSupervisor)
        #expect(json.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect((parsed?["scope"] as? String)?.hasPrefix("office MAIN (") == true)
        #expect((parsed?["scope"] as? String)?.hasSuffix(", officer \(officer)") == true)
        #expect((parsed?["figures"] as? [String: Any])?["caseload"] != nil)

        // Pseudonymised: no client's name, case number or date of birth appears anywhere.
        let identities = try shell("sqlite3", db, "SELECT family_name, case_number, date_of_birth FROM clients;")
            .split(separator: "\n").flatMap { $0.split(separator: "|").map(String.init) }
        #expect(identities.count == 900)
        for output in [text.output, csv.output, json.output] {
            #expect(identities.allSatisfy { !output.contains($0) })
        }

        let asOfficer = try Casebook.run(["report", "--db", db], environment: ["CASEBOOK_USER": officer])
        #expect(asOfficer.status != 0 && errorLine(asOfficer).contains("Only supervisors and admins may see the dashboard and the report"))
        let backwards = try Casebook.run(["report", "--db", db, "--from", "2026-06-01", "--to", "2026-01-01"], environment: asSupervisor)
        #expect(backwards.status != 0 && errorLine(backwards).contains("ends before it starts"))
        let unknown = try Casebook.run(["report", "--db", db, "--programme", "xx"], environment: asSupervisor)
        #expect(unknown.status != 0 && errorLine(unknown).contains("casebook programme list"))
    }

    @Test func demoRefusesADatabaseThatHoldsClients() throws {
        let db = scratch.path("full.db")
        #expect(try Casebook.run(["demo", "--db", db, "--clients", "10"]).status == 0)
        let result = try Casebook.run(["demo", "--db", db, "--clients", "10"])
        #expect(result.status != 0 && errorLine(result).contains("already holds clients"))
    }
}

/// Runs a tool and returns what it printed.
func shell(_ tool: String, _ arguments: String...) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
