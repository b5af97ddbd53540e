import CasebookCore
import CasebookText
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// Marking clients with Space and moving them with M, as a supervisor and as an officer types
/// it, on the hand-made case file (one office: the officer's, with a supervisor and a second
/// officer added).
@Suite struct CaseloadKeyScriptTests {
    let fixture: UIFixture
    let supervisor: Staff
    let colleague: Staff

    init() throws {
        fixture = try UIFixture()
        let admin = fixture.base.admin.id
        supervisor = try fixture.store.addStaff(
            username: "snord", displayName: "Siri Nord", role: .supervisor, actor: admin)
        colleague = try fixture.store.addStaff(
            username: "obakke", displayName: "Odd Bakke", role: .officer, actor: admin)
    }

    func list(_ app: App) throws -> ClientListScreen { try #require(app.stack.first as? ClientListScreen) }

    @Test func spaceMarksAndTheTitleCountsThemThroughScrollingAndSearching() throws {
        let app = try fixture.app(as: supervisor)
        // Fewer rows than the twelve clients show at this height: End and Home scroll the window.
        let terminal = VirtualTerminal(width: 100, height: 15)
        let screen = try list(app)
        let first = try #require(screen.selectedClient)
        var text = fixture.run(app, on: terminal, [.character(" ")])
        #expect(text.contains("1 marked"))
        #expect(screen.selectedClient?.id != first.id, "Space moves on to the next client")
        text = fixture.run(app, on: terminal, [.end, .character(" ")])
        let last = try #require(screen.rows.last)
        #expect(text.contains("2 marked"))
        #expect(!text.contains(first.caseNumber), "the first client scrolled out of view")
        text = fixture.run(app, on: terminal, [.home])
        #expect(text.contains("2 marked"))
        let firstRow = try #require(text.split(separator: "\n").first { $0.contains(first.caseNumber) })
        #expect(firstRow.hasPrefix("*"), "a marked row carries a *: \(firstRow)")

        // A search shows other rows; the marks stay, and one found is marked too.
        text = fixture.run(app, on: terminal, [.character("/")] + typing("warsame") + [.enter])
        #expect(text.contains("1 match") && text.contains("2 marked"))
        text = fixture.run(app, on: terminal, [.character(" ")])
        #expect(text.contains("3 marked"))
        text = fixture.run(app, on: terminal, [.escape])
        #expect(text.contains("12 clients") && text.contains("3 marked"))
        #expect(screen.marked == [first.id, last.id, fixture.client("Warsame").id])

        // Space on a marked client unmarks it.
        text = fixture.run(app, on: terminal, [.home, .character(" ")])
        #expect(text.contains("2 marked") && !screen.marked.contains(first.id))
    }

    @Test func mMovesTheMarkedClientsInOneTransactionWithAnAuditRowEach() throws {
        let app = try fixture.app(as: supervisor)
        let terminal = VirtualTerminal(width: 100, height: 30)
        let screen = try list(app)
        fixture.run(app, on: terminal, [.character(" "), .character(" "), .character(" ")])
        let marked = screen.marked
        #expect(marked.count == 3)
        let before = try marked.map { try #require(try fixture.store.client(id: $0, by: supervisor.id)) }

        let asked = fixture.run(app, on: terminal, [.character("M")])
        #expect(asked.contains("Move 3 marked clients to"))
        let dialog = try #require(app.top as? PickListDialog)
        // Only the office's active staff are offered.
        #expect(dialog.shown.map(\.label).contains { $0.hasPrefix("obakke") })
        var text = ""
        let trace = try StoreTrace(fixture.store) {
            text = fixture.run(app, on: terminal, typing("obakke") + [.enter])
        }
        #expect(text.contains("Moved 3 clients to obakke."))
        #expect(screen.marked.isEmpty && !text.contains("marked"))
        #expect(trace.lines.filter { $0.hasPrefix("BEGIN IMMEDIATE") }.count == 1, "one write transaction")
        for client in before {
            #expect(try fixture.store.client(id: client.id, by: supervisor.id)?.officerID == colleague.id)
            let rows = try fixture.store.auditTrail(clientID: client.id, by: supervisor.id).filter {
                $0.field == "officer"
            }
            // A client who had an officer already has the row of their registration too.
            let moves = rows.filter { $0.newValue == "obakke" }
            #expect(moves.count == 1)
            #expect(moves.first?.staff == "snord")
            #expect(
                moves.first?.oldValue == (try client.officerID.flatMap { try fixture.store.staff(id: $0)?.username }))
        }
    }

    @Test func anOfficerIsToldThePolicysSentenceAndNothingMoves() throws {
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 100, height: 30)
        let screen = try list(app)
        var text = fixture.run(app, on: terminal, [.character("M")])
        #expect(text.contains("Mark clients with Space first."))
        text = fixture.run(app, on: terminal, [.character(" "), .character("M")])
        #expect(text.contains("1 marked"))
        let office = try #require(try fixture.store.office(id: fixture.store.onlyOffice()))
        #expect(app.message?.text == "Only supervisors of \(office.name) may move caseloads.")
        #expect(!(app.top is PickListDialog))
        #expect(screen.marked.count == 1)
        let client = try #require(screen.marked.first)
        #expect(try fixture.store.client(id: client, by: fixture.base.admin.id)?.officerID == fixture.base.officer.id)
    }

    @Test func anOfficerOfAnotherOfficeIsNotOffered() throws {
        let store = fixture.store
        let other = try store.addOffice(code: "SOR", name: "Sørby", municipalities: [], actor: fixture.base.admin.id)
        let stranger = try store.addStaff(
            username: "osor", displayName: "Sørby Officer", role: .officer, office: other.id,
            actor: fixture.base.admin.id)
        let app = try fixture.app(as: supervisor)
        let terminal = VirtualTerminal(width: 100, height: 30)
        fixture.run(app, on: terminal, [.character(" "), .character("M")])
        let dialog = try #require(app.top as? PickListDialog)
        #expect(!dialog.shown.contains { $0.value == String(stranger.id) })
    }
}
