import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookConfig
@testable import CasebookDemo

/// The demo as an office would recognise it: generated on a fixed day with every shipped preset,
/// then read back with plain SQL, as an auditor of the demo's shares would.
@Suite struct DemoDataTests {
    static let clients = 900

    /// A demo of `clients` clients from `seed` in a new file, with every shipped preset imported.
    static func demo(seed: UInt64, clients: Int = clients) throws -> Fixture {
        let fixture = try Fixture()
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/programmes")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".toml") && $0 != "template.toml"
        }
        for name in names.sorted() {
            let path = folder.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try fixture.store.importShippedProgramme(
                try ProgrammeFile.parse(path: path, text: text), sourceFile: path, sourceText: text,
                actor: fixture.admin.id)
        }
        _ = try DemoGenerator.populate(fixture.store, clients: clients, seed: seed, owner: fixture.admin)
        return fixture
    }

    /// The file's text as `sqlite3 .dump` writes it, line by line in order, without the audit
    /// rows and the first office's creation time: their salts are random by design (so that an erased value cannot be guessed back
    /// from its hash). Sorted, because the programme import writes a profile's targets in the
    /// order of a dictionary, which differs between runs; the rows are the same.
    static func dump(_ fixture: Fixture) throws -> [Substring] {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        shell.arguments = ["sqlite3", fixture.store.path, ".dump"]
        let pipe = Pipe()
        shell.standardOutput = pipe
        try shell.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            // The file's first office is made by migration 8 when the file is created, stamped
            // with the wall clock, before the demo renames it.
            .filter { !$0.hasPrefix("INSERT INTO audit ") && !$0.hasPrefix("INSERT INTO offices VALUES(1,") }.sorted()
    }

    func count(_ store: Store, _ sql: String) throws -> Int64 { try store.database.scalar(sql) ?? -1 }

    @Test func oneSeedGivesTheSameFileTwiceAndAnotherSeedAnotherFile() throws {
        let first = try Self.dump(try Self.demo(seed: 11, clients: 300))
        let again = try Self.dump(try Self.demo(seed: 11, clients: 300))
        let other = try Self.dump(try Self.demo(seed: 12, clients: 300))
        #expect(first.contains { $0.hasPrefix("INSERT INTO participation ") }, "the dump holds the new tabs' rows")
        let differing = Set(first).symmetricDifference(Set(again))
        #expect(differing.isEmpty && first.count == again.count, "lines that differ: \(differing.sorted().prefix(4))")
        #expect(Set(first) != Set(other))
    }

    @Test func everyProgrammeInForceHasItsCountrysClientsInItsOwnOffices() throws {
        let fixture = try Self.demo(seed: 1)
        let store = fixture.store
        let inForce = try store.programmesInForce(on: store.clock.today)
        #expect(inForce.count >= 7)
        for programme in inForce {
            let enrolled = try count(store, "SELECT count(*) FROM enrolments WHERE programme_id = '\(programme.id)'")
            #expect(enrolled >= Int64(Self.clients / 20), "\(programme.id) has \(enrolled) clients")
        }
        // No office mixes countries: each office's clients follow one programme.
        let mixed = try count(
            store,
            """
            SELECT count(*) FROM (SELECT c.office_id FROM clients c JOIN enrolments e ON e.client_id = c.id
                GROUP BY c.office_id HAVING count(DISTINCT e.programme_id) > 1)
            """)
        #expect(mixed == 0)
    }

    @Test func mostOpenCasesWereSeenWithinTheMonth() throws {
        let fixture = try Self.demo(seed: 1)
        // The fixture owns the folder the file is in.
        defer { withExtendedLifetime(fixture) {} }
        let store = fixture.store
        let today = store.clock.today.iso
        let open = try count(store, "SELECT count(*) FROM client_facts WHERE is_open = 1")
        let quiet = try count(
            store,
            "SELECT count(*) FROM client_facts WHERE is_open = 1 AND contact_since < date('\(today)', '-30 days')")
        #expect(open > 0)
        #expect(quiet * 100 < open * 25, "\(quiet) of \(open) open cases without contact for 30 days")
    }

    @Test func overdueAuthorityObligationsAreAMinorityAndWeeksOrMonthsLate() throws {
        let fixture = try Self.demo(seed: 1)
        // The fixture owns the folder the file is in.
        defer { withExtendedLifetime(fixture) {} }
        let store = fixture.store
        let today = store.clock.today.iso
        let open = try count(
            store,
            "SELECT count(DISTINCT client_id) FROM contracts WHERE status <> 'ended'")
        let late = try count(
            store,
            """
            SELECT count(DISTINCT o.client_id) FROM obligations o
                JOIN contracts k ON k.id = o.contract_id AND k.status <> 'ended'
            WHERE o.party = 'authority' AND o.status = 'pending' AND o.due_on < '\(today)'
            """)
        let oldest = try count(
            store,
            """
            SELECT CAST(coalesce(max(julianday('\(today)') - julianday(o.due_on)), 0) AS INTEGER) FROM obligations o
                JOIN contracts k ON k.id = o.contract_id AND k.status <> 'ended'
            WHERE o.status = 'pending' AND o.due_on < '\(today)'
            """)
        #expect(
            late * 100 < open * 20,
            "\(late) of \(open) clients with an active contract have an overdue authority obligation")
        #expect(late > 0, "an office has something overdue")
        #expect(oldest <= 150, "the oldest overdue obligation is \(oldest) days late")
    }

    @Test func theIntakeParticipationAndOutcomeTabsAreFilledForAPlausibleShare() throws {
        let fixture = try Self.demo(seed: 1)
        // The fixture owns the folder the file is in.
        defer { withExtendedLifetime(fixture) {} }
        let store = fixture.store
        let pastIntake = try count(
            store, "SELECT count(DISTINCT client_id) FROM phase_history WHERE to_phase = 'intake_assessment'")
        let mapped = try count(store, "SELECT count(*) FROM intake_mappings")
        #expect(mapped * 100 >= pastIntake * 80 && mapped <= pastIntake)
        #expect(try count(store, "SELECT count(DISTINCT client_id) FROM work_experience") * 100 >= mapped * 40)
        let active = try count(store, "SELECT count(DISTINCT client_id) FROM phase_history WHERE to_phase = 'active'")
        let taking = try count(store, "SELECT count(DISTINCT client_id) FROM participation")
        #expect(taking * 100 >= active * 35 && taking * 100 <= active * 75)
        // Each activity's partner is one of the client's own office (named after its municipality).
        let foreign = try count(
            store,
            """
            SELECT count(*) FROM participation p JOIN partner_organisations o ON o.id = p.partner_id
                JOIN clients c ON c.id = p.client_id JOIN offices f ON f.id = c.office_id
            WHERE instr(o.name, substr(f.municipalities, 1, instr(f.municipalities || char(10), char(10)) - 1)) = 0
            """)
        #expect(foreign == 0)
        // In data too: every activity names a partner of the client's own office's register.
        #expect(
            try count(
                store,
                """
                SELECT count(*) FROM participation p JOIN partner_organisations o ON o.id = p.partner_id
                    JOIN clients c ON c.id = p.client_id WHERE o.office_id <> c.office_id
                """) == 0)
        let closed = try count(store, "SELECT count(DISTINCT client_id) FROM phase_history WHERE to_phase = 'closed'")
        let atExit = try count(store, "SELECT count(*) FROM outcomes WHERE stage = 'exit'")
        #expect(atExit * 100 >= closed * 80 && atExit <= closed)
        #expect(try count(store, "SELECT count(*) FROM outcomes WHERE stage = 'follow_up'") > 0)
    }

    /// Germany's accelerated skilled-worker procedure is exercised: some regulated professions'
    /// files run under it, and a complete one is due two months after it was complete, not three.
    @Test func someGermanFilesRunUnderTheAcceleratedProcedureAndAreDueWithinTwoMonths() throws {
        let fixture = try Self.demo(seed: 1)
        defer { withExtendedLifetime(fixture) {} }
        let store = fixture.store
        let accelerated = try count(
            store, "SELECT count(*) FROM qualifications WHERE variant = 'beschleunigtes-fachkraefteverfahren'")
        #expect(accelerated > 0)
        #expect(
            try count(store, "SELECT count(*) FROM qualifications WHERE variant IS NOT NULL AND regulated = 0") == 0)
        // Each German file complete is due by its procedure's rule, as the Store would set it.
        let files = try store.database.query(
            """
            SELECT q.complete_on, q.decision_due, q.variant FROM qualifications q
            JOIN enrolments e ON e.client_id = q.client_id
            WHERE e.programme_id = 'de-integrationskurs' AND q.complete_on IS NOT NULL
            """, []
        ) { (complete: try $0.day(0), due: try $0.day(1), variant: $0.optionalText(2)) }
        #expect(files.contains { $0.variant != nil } && files.contains { $0.variant == nil })
        for file in files {
            let rule = file.variant == nil ? TimeSpan(3, .months) : TimeSpan(2, .months)
            #expect(file.due == rule.after(file.complete))
        }
    }
}
