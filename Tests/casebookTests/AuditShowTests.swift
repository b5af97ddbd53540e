import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

/// `casebook audit show`: a client's history in the officer's language, and as stored in JSON.
@Suite struct AuditShowTests {
    let fixture: Fixture
    let client: Client
    let scratch: Scratch
    let locale: String

    init() throws {
        fixture = try Fixture()
        client = try fixture.add("Haddad", "Rasha", number: 1, officer: fixture.officer.id)
        try fixture.store.addNote(
            clientID: client.id,
            NoteDraft(contact: .meeting, date: day("2026-11-10"), summary: "Intake", followUpOn: day("2026-11-20")),
            actor: fixture.officer.id)
        // A German catalogue of the one message this test reads, so the test does not wait on
        // the shipped catalogue's translation.
        scratch = try Scratch()
        locale = scratch.path("locale")
        let folder = "\(locale)/de/LC_MESSAGES"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let po = """
            msgid ""
            msgstr "Content-Type: text/plain; charset=UTF-8\\nPlural-Forms: nplurals=2; plural=(n != 1);\\n"

            msgid "{day}, follow up {followUp}"
            msgstr "{day}, Wiedervorlage {followUp}"

            """
        try po.write(toFile: scratch.path("de.po"), atomically: true, encoding: .utf8)
        _ = try shell("msgfmt", "-o", folder + "/casebook.mo", scratch.path("de.po"))
    }

    func show(_ arguments: [String], user: String = "okarlsen") throws -> Casebook.Result {
        try Casebook.run(
            ["audit", "show", "2026-000001", "--db", fixture.store.path] + arguments,
            environment: ["CASEBOOK_USER": user, "CASEBOOK_LOCALE_DIR": locale])
    }

    @Test func theTextSaysEachChangeInTheOfficersLanguage() throws {
        let english = try show([])
        #expect(english.status == 0, "\(english.error)")
        #expect(english.output.contains("Note: Meeting") && english.output.contains("2026-11-10, follow up 2026-11-20"))
        let german = try show(["--language", "de"])
        #expect(german.status == 0, "\(german.error)")
        #expect(german.output.contains("2026-11-10, Wiedervorlage 2026-11-20"), "\(german.output)")
    }

    /// Other programs read the audit's rows as stored, whatever language the officer reads.
    @Test func jsonKeepsTheStoredTextAndTheMachineNames() throws {
        let english = try show(["--format", "json"])
        let german = try show(["--format", "json", "--language", "de"])
        #expect(english.status == 0 && german.status == 0, "\(english.error) \(german.error)")
        #expect(english.output == german.output)
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(english.output.utf8)) as? [[String: Any]])
        let trail = try fixture.store.auditTrail(clientID: client.id, by: fixture.officer.id)
        #expect(rows.map { $0["id"] as? Int64 } == trail.map { $0.id })
        #expect(rows.map { $0["entity"] as? String } == trail.map { $0.entity })
        #expect(rows.map { $0["field"] as? String } == trail.map { $0.field })
        #expect(rows.map { $0["new"] as? String } == trail.map { $0.newValue })
        #expect(rows.contains { $0["new"] as? String == "2026-11-10, follow up 2026-11-20" })
    }
}
