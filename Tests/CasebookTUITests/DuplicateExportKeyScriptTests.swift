import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookTUI

/// The new-client form's duplicate question and the client list's export, by key scripts.
@Suite struct DuplicateExportKeyScriptTests {
    /// The new-client form, filled with `family`, `given`, born 1990-05-01 (as every client of
    /// the fixture is).
    func newClientForm(_ app: App, _ fixture: UIFixture, _ terminal: VirtualTerminal, _ family: String, _ given: String)
        throws -> FormScreen<ClientDraft>
    {
        fixture.run(app, on: terminal, [.character("n")])
        let form = try #require(app.top as? FormScreen<ClientDraft>)
        form.fill { draft in
            let number = draft[.caseNumber]
            draft = Fixture.draft(family, given, number: 1)
            draft[.caseNumber] = number
        }
        return form
    }

    @Test func aPossibleDuplicateInAnotherScriptIsShownBeforeSavingToOpenOrToGoOn() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 100, height: 30)
        let before = try fixture.store.clientList.count(ClientFilter()).value
        let form = try newClientForm(app, fixture, terminal, "Al-Hasan", "Fatimah")
        var text = fixture.run(app, on: terminal, [.control("s")])
        #expect(app.top is PickListDialog)
        #expect(text.contains("1 possible duplicate: same date of birth, similar name"))
        #expect(text.contains("Save anyway: this is someone else"))
        #expect(text.contains("Open 2026-000004, الحسن, فاطمة (Al-Hassan, Fatima)"), "\(text)")
        #expect(try fixture.store.clientList.count(ClientFilter()).value == before, "nothing saved while asking")
        expectReadable(terminal)

        // Opening the record puts it above the form; Esc comes back to what was typed.
        fixture.run(app, on: terminal, [.down, .enter])
        let record = try #require(app.top as? ClientRecordScreen)
        #expect(record.clientID == fixture.client("الحسن").id)
        fixture.run(app, on: terminal, [.escape])
        #expect(app.top === form)
        #expect(form.text(of: .familyName) == "Al-Hasan")

        // Esc in the question goes back to the form too; then save anyway.
        fixture.run(app, on: terminal, [.control("s"), .escape])
        #expect(app.top === form)
        text = fixture.run(app, on: terminal, [.control("s"), .enter])
        #expect(text.contains("Registered 2026-000013, Al-Hasan, Fatimah."), "\(text)")
        #expect(try fixture.store.clientList.count(ClientFilter()).value == before + 1)
    }

    @Test func someoneElseIsSavedWithoutAQuestion() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 100, height: 30)
        _ = try newClientForm(app, fixture, terminal, "Johansen", "Kari")
        let text = fixture.run(app, on: terminal, [.control("s")])
        #expect(text.contains("Registered 2026-000013, Johansen, Kari."), "\(text)")
    }

    @Test func theListsExportWritesTheClientsItShowsToTheFileConfirmed() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = VirtualTerminal(width: 100, height: 30)
        let folder = TemporaryFolder()
        let path = folder.file("flagged.json")
        // The flagged clients only, then the export form.
        fixture.run(app, on: terminal, [.character("f"), .character("x")])
        let form = try #require(app.top as? FormScreen<ExportDraft>)
        #expect(form.text(of: .path) == "clients-2026-11-23.csv")
        fixture.run(app, on: terminal, [.control("u")] + typing(path) + [.tab, .enter] + typing("json") + [.enter])
        let text = fixture.run(app, on: terminal, [.control("s")])
        let flagged = try fixture.store.clientList.count(ClientFilter(flaggedOnly: true)).value
        #expect(flagged > 0 && flagged < 12)
        #expect(text.contains("Wrote \(flagged) client"), "\(text)")
        let data = try #require(FileManager.default.contents(atPath: path))
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]])
        #expect(objects.count == flagged)
        #expect(objects.contains { $0["family_name"] == "Haddad" && $0["phone"] == "+47 912 34 567" })

        // The same file again is refused with a sentence, and the form keeps the path.
        fixture.run(app, on: terminal, [.character("x"), .control("u")] + typing(path))
        let again = fixture.run(app, on: terminal, [.control("s")])
        #expect(again.contains("exists already"), "\(again)")
        #expect((app.top as? FormScreen<ExportDraft>)?.text(of: .path) == path)
    }

    /// With clients marked, `x` exports exactly those (the form says how many), and the read log
    /// holds the export of each of them and of no other.
    @Test func theMarkedClientsAreExportedAloneAndTheReadLogRecordsThem() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = VirtualTerminal(width: 100, height: 30)
        let folder = TemporaryFolder()
        let path = folder.file("marked.json")
        let list = try #require(app.top as? ClientListScreen)
        // Mark the first and the third client of the list.
        fixture.run(app, on: terminal, [.character(" "), .down, .character(" ")])
        let marked = list.marked
        #expect(marked.count == 2)
        let shown = fixture.run(app, on: terminal, [.character("x")])
        #expect(shown.contains("Export 2 marked clients"), "\(shown)")
        fixture.run(app, on: terminal, [.control("u")] + typing(path) + [.tab, .enter] + typing("json") + [.enter])
        let text = fixture.run(app, on: terminal, [.control("s")])
        #expect(text.contains("Wrote 2 clients"), "\(text)")
        let data = try #require(FileManager.default.contents(atPath: path))
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]])
        let numbers = try Set(marked.map { try #require(try fixture.store.client(id: $0, by: fixture.base.admin.id)).caseNumber.text })
        #expect(Set(objects.compactMap { $0["case_number"] }) == numbers)
        let logged = try fixture.store.read {
            try fixture.store.database.query("SELECT client_id FROM read_log WHERE seen = 'export'", []) { $0.int64(0) }
        }
        #expect(Set(logged) == marked && logged.count == 2)
    }
}
