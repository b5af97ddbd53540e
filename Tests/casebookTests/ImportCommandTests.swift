import CasebookTestSupport
import Foundation
import Testing

/// `casebook import clients|undo|list` and `casebook clients export` on real files, as a
/// supervisor runs them: spreadsheets made here in the encodings and separators offices have.
@Suite struct ImportCommandTests {
    let cli: CLIFixture

    init() throws { cli = try CLIFixture() }

    static let header = [
        "Saksnummer", "Etternavn", "Fornavn", "Fødselsdato", "Kjønn", "Fødeland", "Statsborgerskap", "Språk",
        "Ankomstdato", "Oppholdsgrunnlag", "Rett og plikt", "Klient-ID",
    ]

    static func row(
        _ number: String, _ family: String, _ given: String, born: String = "17.03.1990", id: String = ""
    ) -> [String] {
        [
            number, family, given, born, "Mann", "Syria", "Syria", "arabisk", "01.09.2025", "flyktning",
            "rett og plikt", id,
        ]
    }

    /// Six rows: three valid with a case number, an external id, or neither; a date that is no
    /// date; a row with a missing name; the same person as the first in Arabic script.
    static let rows: [[String]] = [
        header,
        row("2026-000101", "Haddad", "Yousef"),
        row("", "Khoury", "Layla", born: "03.02.1985", id: "K-17"),
        row("", "Nasser", "Omar", born: "30.12.1979"),
        row("", "Berhane", "Selam", born: "31.02.1990"),
        row("", "", "Amina", born: "01.01.2000"),
        row("", "حداد", "يوسف"),
    ]

    static func csv(_ rows: [[String]], separator: String = ";") -> String {
        rows.map { row in
            row.map { cell in
                cell.contains(separator) || cell.contains("\"") || cell.contains("\n")
                    ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: separator)
        }.joined(separator: "\r\n") + "\r\n"
    }

    func database() throws -> String {
        let db = cli.scratch.path("case.db")
        let made = try Casebook.run(["init", "--db", db], environment: cli.user)
        #expect(made.status == 0, "\(made.error)")
        return db
    }

    func run(_ arguments: [String], as user: [String: String]? = nil) throws -> Casebook.Result {
        try Casebook.run(arguments, environment: user ?? cli.user)
    }

    func write(_ bytes: [UInt8], _ name: String) -> String {
        let path = cli.scratch.path(name)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    func count(_ db: String) throws -> Int {
        Int(try shell("sqlite3", db, "SELECT count(*) FROM clients;").trimmingCharacters(in: .whitespacesAndNewlines))
            ?? -1
    }

    @Test func aDryRunChangesNothingAndWritesTheRefusedRowsWithTheirReasons() throws {
        let db = try database()
        let file = write([0xEF, 0xBB, 0xBF] + Array(Self.csv(Self.rows).utf8), "caseload.csv")
        let before = bytes(db)
        let result = try run(["import", "clients", file, "--dry-run", "--db", db])
        #expect(result.status == 0, "\(result.error)")
        #expect(bytes(db) == before)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal") || bytes(db + "-wal").isEmpty)
        #expect(result.output.contains("File: UTF-8 with a byte-order mark; cells separated by"))
        #expect(result.output.contains("Column 2 \"Etternavn\": "))
        #expect(result.output.contains("Rows: 3 new, 0 already present, 1 possible duplicates, 2 refused."))
        #expect(result.output.contains("row 7: possible duplicate of row 2 of this file, Haddad, Yousef; not imported"))
        #expect(result.output.contains("row 5, column \"Fødselsdato\": 31.02.1990 is not a date"))
        #expect(result.output.contains("Dry run in"))
        let refused = cli.scratch.path("caseload.refused.csv")
        let text = String(decoding: bytes(refused), as: UTF8.self)
        #expect(bytes(refused).starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(text.contains("Reason;Saksnummer;Etternavn"))
        #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3)
        #expect(try count(db) == 0)
    }

    @Test func anImportThenAReImportAddsNothingTwiceAndUndoRemovesTheBatch() throws {
        let db = try database()
        let file = write(Array(Self.csv(Self.rows).utf8), "caseload.csv")
        let first = try run(["import", "clients", file, "--db", db])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("Rows: 3 new, 0 already present, 1 possible duplicates, 2 refused."))
        #expect(first.output.contains("Imported as batch 1"))
        #expect(try count(db) == 3)
        // The same file again: the case number and the external id match; Nasser, Omar (no
        // number, no id) is the client the first import made, so a possible duplicate.
        let again = try run(["import", "clients", file, "--db", db])
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("Rows: 0 new, 2 already present, 2 possible duplicates, 2 refused."))
        #expect(try count(db) == 3)
        // The Arabic spelling accepted by its row number, from a file in Windows-1252 with tabs
        // (Arabic cannot be written there, so this file spells him in Latin: another person).
        let latin = [Self.header, Self.row("", "Haddad", "Yusuf")]
        let windows = write(
            [UInt8](Self.csv(latin, separator: "\t").data(using: .windowsCP1252) ?? Data()), "latin.txt")
        let dry = try run(["import", "clients", windows, "--dry-run", "--db", db])
        #expect(dry.output.contains("Windows-1252"))
        #expect(dry.output.contains("row 2: possible duplicate of 2026-000101, Haddad, Yousef; not imported"))
        let accepted = try run(["import", "clients", windows, "--accept-duplicates", "2", "--db", db])
        #expect(accepted.output.contains("Rows: 1 new, 0 already present, 0 possible duplicates, 0 refused."))
        #expect(try count(db) == 4)

        let list = try run(["import", "list", "--db", db])
        #expect(list.output.contains("caseload.csv"))
        #expect(list.output.contains("latin.txt"))
        let undo = try run(["import", "undo", "1", "--db", db])
        #expect(undo.status == 0, "\(undo.error)")
        #expect(undo.output.contains("Removed 3 clients of batch 1."))
        #expect(try count(db) == 1)
        let twice = try run(["import", "undo", "1", "--db", db])
        #expect(twice.status != 0)
        #expect(twice.error.contains("undone already"))
        let verify = try run(["audit", "verify", "--db", db])
        #expect(verify.status == 0, "\(verify.output) \(verify.error)")
        let audit = try shell(
            "sqlite3", db, "SELECT field || ' ' || new_value FROM audit WHERE entity = 'import_batch';")
        #expect(audit.contains("import caseload.csv sha256 "))
        #expect(audit.contains("undo 3 removed, 0 kept, 0 already gone"))
    }

    @Test func anOfficerMayNotImportAndBadArgumentsAreOneSentence() throws {
        let db = try database()
        let added = try run(["staff", "add", "okarlsen", "--name", "Ola Karlsen", "--role", "officer", "--db", db])
        #expect(added.status == 0, "\(added.error)")
        let file = write(Array(Self.csv(Self.rows).utf8), "caseload.csv")
        let refused = try run(["import", "clients", file, "--db", db], as: ["CASEBOOK_USER": "okarlsen"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("Only supervisors and admins may import clients"))
        #expect(try count(db) == 0)
        let missing = try run(["import", "clients", cli.scratch.path("nothing.csv"), "--db", db])
        #expect(missing.error.hasPrefix("Error: Cannot read "))
        let badRows = try run(["import", "clients", file, "--accept-duplicates", "x", "--db", db])
        #expect(badRows.error.contains("--accept-duplicates takes the row numbers"))
    }

    @Test func anExportWritesTheListsClientsSafeForSpreadsheetsAndRefusesToOverwrite() throws {
        let db = try database()
        var rows = Self.rows
        rows[1][1] = "=HYPERLINK(\"http://x\")"
        let file = write(Array(Self.csv(rows).utf8), "caseload.csv")
        #expect(try run(["import", "clients", file, "--db", db]).status == 0)
        let output = cli.scratch.path("out.csv")
        let csv = try run(["clients", "export", "--format", "csv", "--output", output, "--db", db])
        #expect(csv.status == 0, "\(csv.error)")
        #expect(csv.output.contains("Wrote 4 clients to"))
        let text = String(decoding: bytes(output), as: UTF8.self)
        #expect(
            text.hasPrefix("\u{FEFF}case_number,family_name,given_names,officer,phase,arrival_date,vulnerabilities,"))
        #expect(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        #expect(!text.contains(",=HYPERLINK"))
        let again = try run(["clients", "export", "--format", "csv", "--output", output, "--db", db])
        #expect(again.status != 0)
        #expect(again.error.contains("exists already"))

        let json = try run(["clients", "export", "--format", "json", "--search", "Khoury", "--db", db])
        #expect(json.status == 0, "\(json.error)")
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: String]])
        #expect(objects.map { $0["family_name"] } == ["Khoury"])
        #expect(objects.first?["phase"] == "referred")
        let phase = try run(["clients", "export", "--format", "json", "--phase", "suspended", "--db", db])
        #expect(phase.output == "[\n]\n")
        let bad = try run(["clients", "export", "--format", "xls", "--db", db])
        #expect(bad.error.contains("--format is csv or json."))
    }

    /// Issue 17: each export is one row of the export log, with its count and filter, listed by
    /// `access-log --exports` for those who see the access log and verified by `audit verify`.
    @Test func anExportIsLoggedWithItsCountAndFilter() throws {
        let db = try database()
        let file = write(Array(Self.csv(Self.rows).utf8), "caseload.csv")
        #expect(try run(["import", "clients", file, "--db", db]).status == 0)
        let json = try run(["clients", "export", "--format", "json", "--search", "Khoury", "--flagged", "--db", db])
        #expect(json.status == 0, "\(json.error)")
        let csv = try run(["clients", "export", "--format", "csv", "--output", cli.scratch.path("all.csv"), "--db", db])
        #expect(csv.status == 0, "\(csv.error)")
        let rows = try shell(
            "sqlite3", db, "SELECT clients || ':' || replace(filter, char(10), ' ') FROM exports ORDER BY id;")
        #expect(rows == "0:flagged sort=name search=Khoury\n3:sort=name\n", "\(rows)")
        let listed = try run(["access-log", "--exports", "--db", db])
        #expect(listed.status == 0, "\(listed.error)")
        #expect(listed.output.contains("3 clients") && listed.output.contains("0 clients"), "\(listed.output)")
        #expect(listed.output.contains("search \u{201C}Khoury\u{201D}") && listed.output.contains("flagged only"))
        // An officer does not see the access log, so not the exports either.
        _ = try shell(
            "sqlite3", db,
            """
            INSERT INTO staff (username, display_name, role, created_at)
                VALUES ('ofisk', 'Ola Fisk', 'officer', '2026-01-05T09:00:00Z');
            INSERT INTO staff_offices (staff_id, office_id, role) SELECT id, 1, 'officer' FROM staff WHERE username = 'ofisk';
            """)
        let refused = try run(["access-log", "--exports", "--db", db], as: ["CASEBOOK_USER": "ofisk"])
        #expect(refused.status != 0 && refused.error.contains("Only supervisors and admins"), "\(refused.error)")
        #expect(!refused.output.contains("Khoury"))
        let verify = try run(["audit", "verify", "--db", db])
        #expect(verify.status == 0 && verify.output.contains("Export log: 2 rows, chain intact"), "\(verify.output)")
        _ = try shell(
            "sqlite3", db, "DROP TRIGGER exports_are_append_only_update; UPDATE exports SET clients = 1 WHERE id = 2;")
        let broken = try run(["audit", "verify", "--db", db])
        #expect(broken.status != 0 && broken.error.contains("Row 2 of the export log was changed"), "\(broken.error)")
    }

    @Test func withSeveralOfficesTheImportAsksWhichAndTheClientsJoinIt() throws {
        let db = try database()
        let office = try run(["office", "add", "SOR", "--name", "Sørby", "--db", db])
        #expect(office.status == 0, "\(office.error)")
        let role = try run(["staff", "add", "tester", "--role", "admin", "--office", "SOR", "--db", db])
        #expect(role.status == 0, "\(role.error)")
        let file = write(Array(Self.csv(Self.rows).utf8), "caseload.csv")
        let ask = try run(["import", "clients", file, "--dry-run", "--db", db])
        #expect(ask.status != 0)
        #expect(ask.error.contains("choose the one the clients join with --office CODE (MAIN, SOR)"), "\(ask.error)")
        let done = try run(["import", "clients", file, "--office", "sor", "--db", db])
        #expect(done.status == 0, "\(done.error)")
        #expect(done.output.contains("The clients join Sørby (SOR)."))
        let joined = try shell(
            "sqlite3", db, "SELECT count(*) FROM clients c JOIN offices o ON o.id = c.office_id WHERE o.code = 'SOR';")
        #expect(joined.trimmingCharacters(in: .whitespacesAndNewlines) == "3")
        let unknown = try run(["import", "clients", file, "--office", "XYZ", "--dry-run", "--db", db])
        #expect(unknown.status != 0)
    }

    @Test func aSupervisorOfAnotherOfficeListsNoneOfItsBatchesAndCannotUndoThem() throws {
        let db = try database()
        #expect(try run(["office", "add", "SOR", "--name", "Sørby", "--db", db]).status == 0)
        #expect(try run(["staff", "add", "tester", "--role", "admin", "--office", "SOR", "--db", db]).status == 0)
        let added = try run([
            "staff", "add", "smain", "--name", "Siri Main", "--role", "supervisor", "--office", "MAIN", "--db", db,
        ])
        #expect(added.status == 0, "\(added.error)")
        let file = write(Array(Self.csv(Self.rows).utf8), "sorby-caseload.csv")
        let done = try run(["import", "clients", file, "--office", "SOR", "--db", db])
        #expect(done.output.contains("Imported as batch 1"), "\(done.error)")
        #expect(try run(["import", "list", "--db", db]).output.contains("sorby-caseload.csv"))

        let outsider = ["CASEBOOK_USER": "smain"]
        let list = try run(["import", "list", "--db", db], as: outsider)
        #expect(list.status == 0, "\(list.error)")
        #expect(!list.output.contains("sorby-caseload.csv"), "\(list.output)")
        #expect(list.output.contains("No imports into your offices yet"))
        // Sørby's batch reads as a batch never made, and stays as it was.
        let undo = try run(["import", "undo", "1", "--db", db], as: outsider)
        let never = try run(["import", "undo", "2", "--db", db], as: outsider)
        #expect(undo.status != 0 && undo.error.contains("There is no import batch 1;"), "\(undo.error)")
        #expect(undo.error.replacingOccurrences(of: "batch 1", with: "batch 2") == never.error)
        #expect(try count(db) == 3)
    }

    /// Assessments in a Norwegian file and qualifications in a German one, for the clients an
    /// import brought in: by case number and by external id; a dry run, a re-import, an undo.
    @Test func assessmentsAndQualificationsImportForTheClientsHeld() throws {
        let db = try database()
        let clients = write(Array(Self.csv(Self.rows).utf8), "caseload.csv")
        #expect(try run(["import", "clients", clients, "--db", db]).status == 0)
        let assessments = [
            ["Saksnummer", "Klient-ID", "Dato", "Ferdighet", "Nivå", "Prøve", "Tilbyder"],
            ["2026-000101", "", "01.10.2026", "Lesing", "B1", "Norskprøven", "Kompetanse Norge"],
            ["", "K-17", "01.10.2026", "alle", "A2", "Norskprøven", "Kompetanse Norge"],
            ["2026-000999", "", "01.10.2026", "Lesing", "B1", "Norskprøven", "Kompetanse Norge"],
            ["2026-000101", "", "31.02.2026", "Dansen", "Z9", "Norskprøven", ""],
        ]
        let file = write(Array(Self.csv(assessments).utf8), "prøver.csv")
        let before = bytes(db)
        let dry = try run(["import", "assessments", file, "--dry-run", "--db", db])
        #expect(dry.status == 0, "\(dry.error)")
        #expect(bytes(db) == before)
        #expect(dry.output.contains("Column 4 \"Ferdighet\": skill"), "\(dry.output)")
        #expect(dry.output.contains("Rows: 2 new, 0 already present, 2 refused."), "\(dry.output)")
        #expect(
            dry.output.contains("row 4, column \"Saksnummer\": no client of your offices has case number 2026-000999"))
        #expect(dry.output.contains("row 5, column \"Dato\": 31.02.2026 is not a date"))
        #expect(dry.output.contains("row 5, column \"Ferdighet\": \"Dansen\" is not a skill"))
        #expect(dry.output.contains("row 5, column \"Nivå\": \"Z9\" is not a CEFR level"))
        #expect(dry.output.contains("row 5, column \"Tilbyder\": "))
        let refused = String(decoding: bytes(cli.scratch.path("prøver.refused.csv")), as: UTF8.self)
        #expect(refused.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3)

        let first = try run(["import", "assessments", file, "--db", db])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("Imported as batch 2"))
        let count = try shell("sqlite3", db, "SELECT count(*) FROM language_assessments;")
        #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "6")
        let again = try run(["import", "assessments", file, "--db", db])
        #expect(again.output.contains("Rows: 0 new, 2 already present, 2 refused."), "\(again.output)")

        let qualifications = [
            ["Aktenzeichen", "Abschluss", "Land", "Bildungsniveau", "Abschlussjahr", "Verfahren"],
            ["2026-000101", "Bauingenieurwesen", "Syrien", "6", "2015", "Standard"],
            ["2026-000101", "Krankenpflege", "Atlantis", "9", "20x5", ""],
            // The client is in no programme: only the standard procedure is theirs.
            ["2026-000101", "Pharmazie", "Syrien", "7", "2016", "beschleunigt"],
        ]
        let german = write(Array(Self.csv(qualifications).utf8), "abschluesse.csv")
        let imported = try run(["import", "qualifications", german, "--db", db])
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("Rows: 1 new, 0 already present, 2 refused."), "\(imported.output)")
        #expect(
            imported.output.contains(
                "row 4, column \"Verfahren\": \"beschleunigt\" is not a procedure of the client's programme"),
            "\(imported.output)")
        #expect(imported.output.contains("row 3, column \"Land\": \"Atlantis\" is not a country"))
        #expect(imported.output.contains("row 3, column \"Abschlussjahr\": \"20x5\" is not a year"))
        let country = try shell("sqlite3", db, "SELECT country || ' ' || year || ' ' || isced FROM qualifications;")
        #expect(country.trimmingCharacters(in: .whitespacesAndNewlines) == "SY 2015 6")

        let undo = try run(["import", "undo", "2", "--db", db])
        #expect(undo.status == 0, "\(undo.error)")
        #expect(undo.output.contains("Removed 6 assessments of batch 2."), "\(undo.output)")
        let list = try run(["import", "list", "--db", db])
        #expect(list.output.contains("qualifications"))
        let verify = try run(["audit", "verify", "--db", db])
        #expect(verify.status == 0, "\(verify.output) \(verify.error)")
    }

    /// `clients export --office CODE`: that office's clients only, as the export names it;
    /// an office the person may not export from is refused, and only what was written is logged.
    @Test func anExportOfOneOfficeWritesThatOfficesClientsAlone() throws {
        let db = try database()
        #expect(try run(["office", "add", "SOR", "--name", "Sørby", "--db", db]).status == 0)
        #expect(try run(["staff", "add", "tester", "--role", "admin", "--office", "SOR", "--db", db]).status == 0)
        let file = write(Array(Self.csv(Self.rows).utf8), "caseload.csv")
        #expect(try run(["import", "clients", file, "--office", "SOR", "--db", db]).status == 0)
        let main = write(
            Array(Self.csv([Self.header, Self.row("", "Lind", "Ola", born: "01.05.1970")]).utf8), "main.csv")
        #expect(try run(["import", "clients", main, "--office", "MAIN", "--db", db]).status == 0)

        let sorby = try run(["clients", "export", "--format", "json", "--office", "sor", "--db", db])
        #expect(sorby.status == 0, "\(sorby.error)")
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(sorby.output.utf8)) as? [[String: String]])
        #expect(Set(objects.compactMap { $0["family_name"] }) == ["Haddad", "Khoury", "Nasser"])
        let logged = try shell("sqlite3", db, "SELECT count(*) FROM read_log WHERE seen = 'export';")
        #expect(logged.trimmingCharacters(in: .whitespacesAndNewlines) == "3")
        let all = try run(["clients", "export", "--format", "json", "--db", db])
        #expect(all.output.contains("Lind") && all.output.contains("Haddad"))

        #expect(
            try run(["staff", "add", "smain", "--role", "supervisor", "--office", "MAIN", "--db", db]).status == 0)
        let outsider = try run(
            ["clients", "export", "--format", "json", "--office", "SOR", "--db", db], as: ["CASEBOOK_USER": "smain"])
        #expect(outsider.status != 0)
        #expect(!outsider.output.contains("Haddad"))
        let unknown = try run(["clients", "export", "--format", "csv", "--office", "XYZ", "--db", db])
        #expect(unknown.status != 0 && unknown.error.contains("XYZ"), "\(unknown.error)")
    }

    /// A row of records that names its client by the external id alone, refused for want of
    /// such a client: the reason names the external id's column, where the officer corrects it.
    @Test func aRecordRowRefusedForItsExternalIDNamesThatColumn() throws {
        let db = try database()
        let clients = write(Array(Self.csv(Self.rows).utf8), "caseload.csv")
        #expect(try run(["import", "clients", clients, "--db", db]).status == 0)
        let assessments = [
            ["Saksnummer", "Klient-ID", "Dato", "Ferdighet", "Nivå", "Prøve", "Tilbyder"],
            ["", "K-99", "01.10.2026", "Lesing", "B1", "Norskprøven", "Kompetanse Norge"],
            ["2026-000999", "", "01.10.2026", "Lesing", "B1", "Norskprøven", "Kompetanse Norge"],
        ]
        let file = write(Array(Self.csv(assessments).utf8), "tests.csv")
        let dry = try run(["import", "assessments", file, "--dry-run", "--db", db])
        #expect(dry.status == 0, "\(dry.error)")
        #expect(
            dry.output.contains("row 2, column \"Klient-ID\": no client of your offices has the external id K-99"),
            "\(dry.output)")
        #expect(
            dry.output.contains(
                "row 3, column \"Saksnummer\": no client of your offices has case number 2026-000999"))
        let refused = String(decoding: bytes(cli.scratch.path("tests.refused.csv")), as: UTF8.self)
        #expect(refused.contains("\"column \"\"Klient-ID\"\": no client of your offices has the external id K-99\""))
    }
}
