import CasebookCore
import CasebookText
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// The dashboard driven by keys: access, drilling down to clients, filters, plain terminals.
@Suite struct DashboardKeyScriptTests {
    @Test func anOfficerIsToldTheDashboardIsForSupervisors() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let screen = fixture.run(app, on: VirtualTerminal(width: 100, height: 30), [.character("D")])
        #expect(app.top is ClientListScreen)
        #expect(screen.contains("The dashboard is for supervisors and admins"))
    }

    /// Selects the line whose cell is `bar`, from the top.
    func select(_ bar: DashboardBar, on dashboard: DashboardScreen, app: App, fixture: UIFixture, terminal: VirtualTerminal) {
        fixture.run(app, on: terminal, [.home])
        for _ in 0..<200 {
            if dashboard.selectedCell?.bar == bar { return }
            if let line = dashboard.lastLayoutCells, line.contains(bar) {
                fixture.run(app, on: terminal, [.right])
                continue
            }
            fixture.run(app, on: terminal, [.down])
        }
    }

    @Test func enterOnABarListsExactlyTheClientsBehindIt() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = VirtualTerminal(width: 132, height: 43)
        fixture.run(app, on: terminal, [.character("D")])
        let dashboard = try #require(app.top as? DashboardScreen)
        for bar in [DashboardBar.phase(.referred), .overdueNow(.authority), .officerOpen(fixture.base.officer.id), .level(nil)] {
            select(bar, on: dashboard, app: app, fixture: fixture, terminal: terminal)
            #expect(dashboard.selectedCell?.bar == bar, "\(bar)")
            let expected = dashboard.board.clients(behind: bar)
            #expect(!expected.isEmpty)
            let list = fixture.run(app, on: terminal, [.enter])
            let screen = try #require(app.top as? ClientListScreen)
            #expect(Set(screen.rows.map(\.id)) == Set(expected), "\(bar)")
            #expect(screen.count.value == expected.count)
            #expect(list.contains(dashboard.selectedCell?.label ?? "?"), "the list says what it shows")
            fixture.run(app, on: terminal, [.escape])
            #expect(app.top is DashboardScreen)
        }
        // The authority is late for Haddad alone: the list names her.
        select(.overdueNow(.authority), on: dashboard, app: app, fixture: fixture, terminal: terminal)
        #expect(fixture.run(app, on: terminal, [.enter]).contains("Haddad, Rasha"))
    }

    /// `f` goes through the admin's offices and back to all of them; the title names the office,
    /// and a second office's figures hold none of the first's clients.
    @Test func theOfficeKeyShowsOneOfficeAtATime() throws {
        let fixture = try UIFixture()
        let store = fixture.base.store
        let admin = fixture.base.admin
        let sorby = try store.addOffice(code: "SOR", name: "Sørby", municipalities: ["Sørby"], actor: admin.id)
        try store.setMembership(staffID: admin.id, office: sorby.id, role: .admin, actor: admin.id)
        let app = try fixture.app(as: admin)
        let terminal = VirtualTerminal(width: 132, height: 43)
        fixture.run(app, on: terminal, [.character("D")])
        let dashboard = try #require(app.top as? DashboardScreen)
        let all = dashboard.board.clients(behind: .phase(.referred))
        #expect(!all.isEmpty)
        #expect(fixture.run(app, on: terminal, []).contains("all my offices"))
        #expect(fixture.run(app, on: terminal, [.character("f")]).contains("Office Main office only."))
        #expect(dashboard.offices.map(\.code) == ["MAIN"])
        #expect(dashboard.board.clients(behind: .phase(.referred)) == all)
        let screen = fixture.run(app, on: terminal, [.character("f")])
        #expect(dashboard.offices.map(\.code) == ["SOR"])
        #expect(screen.contains("SOR"))
        #expect(dashboard.board.members.values.allSatisfy { $0.isEmpty })
        fixture.run(app, on: terminal, [.character("f")])
        #expect(dashboard.offices.map(\.code) == ["MAIN", "SOR"])
        #expect(dashboard.board.clients(behind: .phase(.referred)) == all)
    }

    @Test func filtersNarrowTheFiguresAndABackwardPeriodIsRefused() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = VirtualTerminal(width: 132, height: 43)
        fixture.run(app, on: terminal, [.character("D")])
        let dashboard = try #require(app.top as? DashboardScreen)
        #expect(dashboard.board.phases.values.reduce(0, +) == 12)

        let officer = fixture.run(app, on: terminal, [.character("o")] + typing("okarl") + [.enter])
        #expect(officer.contains("officer okarlsen"))
        #expect(dashboard.board.phases.values.reduce(0, +) == 7)

        let programme = fixture.run(app, on: terminal, [.character("p")] + typing("sample") + [.enter])
        #expect(programme.contains("programme sample"))
        #expect(dashboard.board.phases.values.reduce(0, +) == 3)

        let refused = fixture.run(app, on: terminal, [.character("t"), .control("u")] + typing("2026-12-01") + [.control("s")])
        #expect(refused.contains("ends before it starts"))
        // The refusal leaves the cursor on "To": today there, and an earlier start.
        let period = fixture.run(app, on: terminal, [.control("u")] + typing("t") + [.backTab, .control("u")] + typing("2025-01-01") + [.control("s")])
        #expect(period.contains("2025-01-01 – 2026-11-23"))
        #expect(dashboard.board.filter.from == (try Day(iso: "2025-01-01")))

        let reset = fixture.run(app, on: terminal, [.character("r")])
        #expect(reset.contains("all programmes · all officers · 2025-12-01 – 2026-11-23"))
        #expect(dashboard.board.phases.values.reduce(0, +) == 12)
    }

    @Test func withoutUTF8TheBarsAreASCII() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let screen = fixture.run(app, on: VirtualTerminal(width: 100, height: 40, isUnicode: false), [.character("D")])
        #expect(screen.contains("####"))
        #expect(!screen.contains("█") && !screen.contains("▌"))
    }
}
