import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import CasebookTUI

/// A restricted or held record says so on the record's first line and in the list's flags, and
/// a restricted record refuses an officer's edit with the sentence the Store gives.
@Suite struct RecordFlagScreenTests {
    @Test func theRecordAndTheListShowARestrictionAndAHold() throws {
        let fixture = try UIFixture()
        let haddad = fixture.client("Haddad")
        try fixture.store.place(
            .restriction, clientID: haddad.id, RecordFlagDraft(reason: "Accuracy contested", since: testDay),
            actor: fixture.base.admin)
        try fixture.store.place(
            .legalHold, clientID: haddad.id, RecordFlagDraft(reason: "Appeal", since: testDay),
            actor: fixture.base.admin)
        let app = try fixture.record("Haddad", tab: .overview)
        let terminal = GoldenSize.large.terminal
        let record = fixture.run(app, on: terminal)
        let header = try #require(record.split(separator: "\n").first { $0.contains("Haddad") })
        #expect(header.contains("RESTRICTED since \(testDay.iso)") && header.contains("LEGAL HOLD since"), "\(record)")
        let list = fixture.run(try fixture.app(), on: GoldenSize.large.terminal)
        let row = try #require(list.split(separator: "\n").first { $0.contains(haddad.caseNumber.text) })
        #expect(row.contains("SH"), "\(row)")
    }

    /// `fixture`'s record of `family` opened by `staff`.
    func record(_ fixture: UIFixture, _ family: String, as staff: Staff) throws -> App {
        let app = try fixture.app(as: staff)
        app.push(try ClientRecordScreen(app: app, clientID: fixture.client(family).id, tab: .overview))
        return app
    }

    func header(_ text: String) -> String {
        text.split(separator: "\n").first { $0.contains("Haddad") }.map(String.init) ?? ""
    }

    @Test func aSupervisorPlacesAHoldWithAReasonAndLiftsItAfterAQuestion() throws {
        let fixture = try UIFixture()
        let supervisor = try fixture.store.addStaff(
            username: "sberg", displayName: "Siri Berg", role: .supervisor, actor: fixture.base.admin.id)
        let haddad = fixture.client("Haddad")
        let app = try record(fixture, "Haddad", as: supervisor)
        let terminal = VirtualTerminal(width: 100, height: 30)
        fixture.run(app, on: terminal, [.character("H")])
        let form = try #require(app.top as? FormScreen<RecordFlagDraft>)
        #expect(form.text(of: .since) == testDay.shown)
        // Without a reason nothing is placed, and the form says why beside the field.
        let empty = fixture.run(app, on: terminal, [.control("s")])
        #expect(empty.contains("Say why"), "\(empty)")
        #expect(try fixture.store.flags(clientID: haddad.id, by: supervisor.id).isEmpty)
        let saved = fixture.run(
            app, on: terminal, typing("Appeal at the district court, case 26-1234") + [.control("s")])
        #expect(saved.contains("Placed a legal hold"), "\(saved)")
        #expect(header(saved).contains("LEGAL HOLD since \(testDay.iso)"), "\(saved)")
        let hold = try #require(try fixture.store.flags(clientID: haddad.id, by: supervisor.id).first)
        #expect(hold.flag == .legalHold && hold.reason == "Appeal at the district court, case 26-1234")
        #expect(hold.placedBy == "sberg")

        // H again asks before lifting; "no" keeps it, "yes" lifts it.
        let asked = fixture.run(app, on: terminal, [.character("H")])
        #expect(app.top is ConfirmDialog && asked.contains("Lift the legal hold"), "\(asked)")
        fixture.run(app, on: terminal, [.escape])
        #expect(try fixture.store.flags(clientID: haddad.id, by: supervisor.id).count == 1)
        let lifted = fixture.run(app, on: terminal, [.character("H"), .character("y")])
        #expect(lifted.contains("Lifted the legal hold."), "\(lifted)")
        #expect(!header(lifted).contains("LEGAL HOLD"), "\(lifted)")
        #expect(try fixture.store.flags(clientID: haddad.id, by: supervisor.id).isEmpty)
        expectReadable(terminal)
    }

    @Test func anOfficerIsRefusedAHoldWithThePolicysSentenceAndNoFormOpens() throws {
        let fixture = try UIFixture()
        let app = try record(fixture, "Haddad", as: fixture.base.officer)
        let terminal = VirtualTerminal(width: 100, height: 30)
        let text = fixture.run(app, on: terminal, [.character("H")])
        #expect(app.top is ClientRecordScreen)
        #expect(text.contains("Only supervisors and admins"), "\(text)")
        #expect(try fixture.store.flags(clientID: fixture.client("Haddad").id, by: fixture.base.officer.id).isEmpty)
    }

    @Test func theCasesOfficerRestrictsTheRecordAndOnlyAnAdminLiftsIt() throws {
        let fixture = try UIFixture()
        let haddad = fixture.client("Haddad")
        let officer = try record(fixture, "Haddad", as: fixture.base.officer)
        let terminal = VirtualTerminal(width: 100, height: 30)
        fixture.run(officer, on: terminal, [.character("Z")])
        #expect(officer.top is FormScreen<RecordFlagDraft>)
        let saved = fixture.run(
            officer, on: terminal, typing("Accuracy contested, letter of 2026-11-02") + [.control("s")])
        #expect(saved.contains("Restricted:"), "\(saved)")
        #expect(header(saved).contains("RESTRICTED since \(testDay.iso)"), "\(saved)")
        // The officer cannot lift it: the policy's sentence, and nothing asked.
        let refused = fixture.run(officer, on: terminal, [.character("Z")])
        #expect(officer.top is ClientRecordScreen)
        #expect(refused.contains("Only admins"), "\(refused)")
        #expect(try fixture.store.flags(clientID: haddad.id, by: fixture.base.admin.id).map(\.flag) == [.restriction])

        let admin = try record(fixture, "Haddad", as: fixture.base.admin)
        let lifted = fixture.run(
            admin, on: VirtualTerminal(width: 100, height: 30), [.character("Z"), .character("y")])
        #expect(lifted.contains("Lifted the restriction."), "\(lifted)")
        #expect(try fixture.store.flags(clientID: haddad.id, by: fixture.base.admin.id).isEmpty)
    }

    @Test func thePersonsOwnExportIsWrittenToTheFileTheOfficerConfirmsAndNeverReplacesOne() throws {
        let fixture = try UIFixture()
        let haddad = fixture.client("Haddad")
        let app = try record(fixture, "Haddad", as: fixture.base.officer)
        let terminal = VirtualTerminal(width: 100, height: 30)
        let folder = TemporaryFolder()
        let path = folder.file("access-request.html")
        fixture.run(app, on: terminal, [.character("E")])
        let form = try #require(app.top as? FormScreen<SubjectExportDraft>)
        #expect(form.text(of: .path) == "access-request-\(haddad.caseNumber.text).html")
        let text = fixture.run(app, on: terminal, [.control("u")] + typing(path) + [.control("s")])
        #expect(text.contains("Wrote the person's own data to"), "\(text)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains(haddad.caseNumber.text) && html.contains("Haddad"))
        #expect(XMLParser(data: Data(html.utf8)).parse(), "well-formed")
        let supervisor = try fixture.store.addStaff(
            username: "sberg", displayName: "Siri Berg", role: .supervisor, actor: fixture.base.admin.id)
        let log = try fixture.store.accessLog(clientID: haddad.id, by: supervisor.id)
        #expect(log.contains { $0.kind == .subjectExport && $0.staff == fixture.base.officer.username })

        // The same file again is refused with a sentence; JSON to another file is written.
        fixture.run(app, on: terminal, [.character("E"), .control("u")] + typing(path))
        let again = fixture.run(app, on: terminal, [.control("s")])
        #expect(again.contains("exists already"), "\(again)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == html, "the first file is as it was")
        let json = folder.file("access-request.json")
        fixture.run(app, on: terminal, [.control("u")] + typing(json) + [.tab, .enter] + typing("json") + [.enter])
        let written = fixture.run(app, on: terminal, [.control("s")])
        #expect(written.contains("Wrote the person's own data to"), "\(written)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
        #expect((object as? [String: Any])?["case_number"] as? String == haddad.caseNumber.text)
    }

    @Test func anOfficerWhoIsNotTheCasesOfficerIsRefusedTheExport() throws {
        let fixture = try UIFixture()
        let other = try fixture.store.addStaff(
            username: "tlie", displayName: "Tor Lie", role: .officer, actor: fixture.base.admin.id)
        let app = try record(fixture, "Haddad", as: other)
        let text = fixture.run(app, on: VirtualTerminal(width: 100, height: 30), [.character("E")])
        #expect(app.top is ClientRecordScreen)
        #expect(text.contains("Only"), "\(text)")
    }
}
