import CasebookCore
import CasebookText
import CasebookDemo
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// Officers' key sequences, run on a virtual terminal against a real database.
@Suite struct KeyScriptTests {
    func list(_ app: App) throws -> ClientListScreen {
        try #require(app.stack.first as? ClientListScreen)
    }

    @Test func navigationPagesThroughTheWholeListAWindowAtATime() throws {
        let fixture = try UIFixture(populated: false)
        _ = try DemoGenerator.populate(fixture.store, clients: 700, seed: 3, owner: fixture.base.admin)
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = VirtualTerminal(width: 80, height: 24)
        let screen = try list(app)
        let everyone = try fixture.store.clientList.page(ClientFilter(), sort: .name, limit: 1000)
        #expect(everyone.count == 700)

        fixture.run(app, on: terminal, [.down, .character("j"), .character("j")])
        #expect(screen.selectedClient?.id == everyone[3].id)
        fixture.run(app, on: terminal, [.up])
        #expect(screen.selectedClient?.id == everyone[2].id)
        // Page down far past the first window: rows are read as needed, never all at once.
        // 18 rows show at 80×24; a page moves by 17 so that one row stays in view.
        fixture.run(app, on: terminal, Array(repeating: .pageDown, count: 30))
        #expect(screen.selectedClient?.id == everyone[2 + 30 * 17].id)
        #expect(screen.rows.count <= ClientListScreen.windowLimit)
        fixture.run(app, on: terminal, [.end])
        #expect(screen.selectedClient?.id == everyone.last?.id)
        #expect(terminal.text.contains(everyone.last!.caseNumber))
        fixture.run(app, on: terminal, Array(repeating: .pageUp, count: 30))
        #expect(screen.selectedClient?.id == everyone[699 - 30 * 17].id)
        fixture.run(app, on: terminal, [.home])
        #expect(screen.selectedClient?.id == everyone[0].id)
        fixture.run(app, on: terminal, [.character("k")])
        #expect(screen.selectedClient?.id == everyone[0].id)
    }

    @Test func searchFindsNamesTypedWithoutDiacriticsAndEscClearsIt() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = VirtualTerminal()
        let text = fixture.run(app, on: terminal, [.character("/")] + typing("odeg"))
        #expect(text.contains("Ødegård, Siriporn"))
        #expect(!text.contains("Müller"))
        #expect(text.contains("1 match"))
        #expect(terminal.cursor?.y == 2, "the cursor sits in the search field")
        // Typing pauses, then the search runs: nothing is queried before the pause.
        let screen = try list(app)
        terminal.type(text: "x")
        if let event = terminal.nextEvent(timeout: 0) { app.handle(event) }
        #expect(screen.deadline != nil)
        fixture.time += 500
        app.runTimers()
        #expect(screen.deadline == nil && screen.rows.isEmpty)
        let cleared = fixture.run(app, on: terminal, [.escape])
        #expect(cleared.contains("12 clients") && cleared.contains("Müller"))
    }

    @Test func searchByOtherSpellingAndCaseNumber() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = VirtualTerminal()
        #expect(fixture.run(app, on: terminal, [.character("/")] + typing("hassan")).contains("الحسن, فاطمة"))
        let byNumber = fixture.run(app, on: terminal, [.control("u")] + typing("2026-000011") + [.enter])
        #expect(byNumber.contains("Haddad, Rasha") && byNumber.contains("1 match"))
        // Enter left the search field: keys run commands again, and Enter opens the record.
        #expect(fixture.run(app, on: terminal, [.enter]).contains("Phase: Active"))
    }

    @Test func filtersForCaseloadPhaseAndFlags() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal()
        let screen = try list(app)
        #expect(fixture.run(app, on: terminal).contains("My caseload"))
        #expect(screen.rows.count == 7)
        #expect(fixture.run(app, on: terminal, [.character("m")]).contains("All clients"))
        #expect(screen.rows.count == 12)
        let phase = fixture.run(app, on: terminal, [.character("p")] + typing("activ") + [.enter])
        #expect(phase.contains("Active"))
        #expect(screen.rows.map(\.phase) == [.active])
        fixture.run(app, on: terminal, [.character("p")] + typing("all") + [.enter])
        #expect(screen.rows.count == 12)
        fixture.run(app, on: terminal, [.character("f")])
        #expect(screen.rows.map(\.familyName) == ["Haddad"])
        fixture.run(app, on: terminal, [.character("f"), .character("s")])
        #expect(terminal.text.contains("by case number"))
        #expect(screen.rows.map(\.caseNumber) == screen.rows.map(\.caseNumber).sorted())
        fixture.run(app, on: terminal, [.character("s")])
        #expect(terminal.text.contains("by arrival"))
        #expect(screen.rows.first?.familyName == "Warsame")
    }

    @Test func aFormRefusesInvalidValuesBesideTheFieldsAndSavesNothing() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 132, height: 43)
        let before = try fixture.store.clientList.count(ClientFilter()).value
        let text = fixture.run(app, on: terminal, [.character("n"), .control("s")])
        #expect(text.contains("Required."))
        #expect(text.contains("fields need attention; nothing was saved"))
        #expect(try fixture.store.clientList.count(ClientFilter()).value == before)
        let form = try #require(app.top as? FormScreen<ClientDraft>)
        #expect(form.focusedField.id == .familyName, "focus goes to the first field at fault")
    }

    @Test func aNewClientWithAnArabicNameIsSavedAndOpened() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 100, height: 30)
        var keys: [Key] =
            [.character("n"), .tab] + typing("الأحمد") + [.tab] + typing("مريم") + [.tab] + typing("Al-Ahmad, Maryam")
        keys += [.tab] + typing("1988-04-12") + [.tab, .enter] + typing("fem") + [.enter]  // sex, from its pick list
        keys += typing("syr") + [.enter]  // country of birth: typing opens the pick list filtered
        keys += typing("syr") + [.enter]  // nationality
        keys += [.enter] + typing("arab") + [.character(" "), .enter, .tab]  // languages: tick Arabic
        keys += [.tab] + typing("t") + [.tab]  // arrival today
        keys += [.tab] + typing("refug") + [.enter]
        keys += [.control("s")]
        let text = fixture.run(app, on: terminal, keys)
        #expect(text.contains("Registered 2026-000013"), "\(text)")
        #expect(text.contains("الأحمد, مريم"))
        let saved = try #require(
            try fixture.store.client(caseNumber: CaseNumber("2026-000013"), by: fixture.base.officer.id))
        #expect(saved.familyName == "الأحمد" && saved.givenNames == "مريم")
        #expect(saved.sex == .female && saved.countryOfBirth == "SY" && saved.languages == ["ar"])
        #expect(saved.arrivalDate == testDay && saved.officerID == fixture.base.officer.id)
    }

    @Test func aBracketedPasteArrivesAsOneInsertionAndTextKeysEdit() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal()
        fixture.run(
            app, on: terminal,
            [.character("n"), .tab, .paste("Al-Hassan bin\u{1B}[31m Ali"), .left, .left, .left, .control("w")])
        let form = try #require(app.top as? FormScreen<ClientDraft>)
        // The paste arrived whole, escape character included (the form would refuse it on
        // save); Ctrl-W took the word before the cursor ("bin␛[31m").
        #expect(form.text(of: .familyName) == "Al-Hassan Ali")
        fixture.run(app, on: terminal, [.home, .delete, .end] + typing("!") + [.backspace, .backspace])
        #expect(form.text(of: .familyName) == "l-Hassan Al")
    }

    @Test func cancellingAFormWithChangesAsksFirst() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal()
        fixture.run(app, on: terminal, [.character("n"), .tab] + typing("Haddad") + [.escape])
        #expect(app.top is ConfirmDialog)
        #expect(terminal.text.contains("Discard changes?"))
        fixture.run(app, on: terminal, [.character("n")])
        let form = try #require(app.top as? FormScreen<ClientDraft>)
        #expect(form.text(of: .familyName) == "Haddad", "going back keeps what was typed")
        fixture.run(app, on: terminal, [.escape, .character("y")])
        #expect(app.top is ClientListScreen)
        #expect(terminal.text.contains("Changes discarded"))
        // A form without changes closes at once.
        fixture.run(app, on: terminal, [.character("n"), .escape])
        #expect(app.top is ClientListScreen)
    }

    /// The officer opens Haddad's record, edits it and types a new phone number, unsaved.
    func editingHaddadsPhone() throws -> (UIFixture, App, VirtualTerminal, Client) {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 132, height: 43)
        let haddad = fixture.client("Haddad")
        app.push(try ClientRecordScreen(app: app, clientID: haddad.id))
        fixture.run(
            app, on: terminal,
            [.character("e")] + Array(repeating: Key.tab, count: 16) + [.control("u")] + typing("+47 400 00 000"))
        return (fixture, app, terminal, haddad)
    }

    @Test func aConflictNamesTheColleagueKeepsTheTypedTextAndMergesOnRequest() throws {
        let (fixture, app, terminal, haddad) = try editingHaddadsPhone()
        // Meanwhile the admin, in another Casebook, saves an email address.
        let other = try fixture.base.secondConnection()
        var theirs = ClientDraft(try #require(try other.client(id: haddad.id, by: fixture.base.officer.id)))
        theirs[.email] = "rasha@example.org"
        _ = try other.updateClient(
            id: haddad.id, with: theirs, expectedVersion: haddad.version, actor: fixture.base.admin.id)

        let refused = fixture.run(app, on: terminal, [.control("s")])
        #expect(refused.contains("changed by Ada Admin"))
        #expect(refused.contains("+47 400 00 000"), "the typed phone number is still on screen")
        #expect(
            try fixture.store.client(id: haddad.id, by: fixture.base.officer.id)?.phone == "+47 912 34 567",
            "nothing was overwritten")
        #expect(app.top is FormScreen<ClientDraft>)

        let merged = fixture.run(app, on: terminal, [.control("r")])
        #expect(merged.contains("rasha@example.org") && merged.contains("+47 400 00 000"))
        fixture.run(app, on: terminal, [.control("s")])
        let saved = try #require(try fixture.store.client(id: haddad.id, by: fixture.base.officer.id))
        #expect(saved.phone == "+47 400 00 000" && saved.email == "rasha@example.org")
    }

    @Test func bothChangingOneFieldShowsTheirValueBesideMine() throws {
        let (fixture, app, terminal, haddad) = try editingHaddadsPhone()
        var theirs = ClientDraft(haddad)
        theirs[.phone] = "+47 555 55 555"
        _ = try fixture.store.updateClient(
            id: haddad.id, with: theirs, expectedVersion: haddad.version, actor: fixture.base.admin.id)
        let merged = fixture.run(app, on: terminal, [.control("s"), .control("r")])
        #expect(merged.contains("Theirs: +47 555 55 555"))
        #expect(merged.contains("+47 400 00 000"))
    }

    @Test func changingThePhaseOffersOnlyTheLegalNextPhases() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 100, height: 30)
        app.push(try ClientRecordScreen(app: app, clientID: fixture.client("Haddad").id))
        fixture.run(app, on: terminal, [.character("c"), .enter])
        let picker = try #require(app.top as? PickListDialog)
        #expect(picker.shown.map(\.label) == CasePhase.active.next.map(\.label))
        fixture.run(app, on: terminal, typing("compl") + [.enter, .control("s")])
        #expect(
            try fixture.store.client(id: fixture.client("Haddad").id, by: fixture.base.officer.id)?.phase == .completed)
        #expect(terminal.text.contains("Phase: Completed"))
        // Closing without an exit reason is refused beside the field.
        let closing = fixture.run(app, on: terminal, [.character("c"), .control("s")])
        #expect(closing.contains("Closing needs an exit reason"))
    }

    @Test func resizingInTheMiddleOfAFormKeepsTheTypedText() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 80, height: 24)
        fixture.run(app, on: terminal, [.character("n"), .tab] + typing("Bjørnstad") + [.tab] + typing("Anan"))
        terminal.resize(width: 132, height: 43)
        #expect(fixture.run(app, on: terminal).contains("Bjørnstad"))
        terminal.resize(width: 30, height: 8)
        let tiny = fixture.run(app, on: terminal).split(separator: "\n").joined(separator: " ")
        #expect(tiny.contains("needs a terminal of at least 60×15"))
        terminal.resize(width: 80, height: 24)
        let back = fixture.run(app, on: terminal, typing(" Somchai"))
        #expect(back.contains("Bjørnstad") && back.contains("Anan Somchai"))
    }

    @Test func withoutColourTheSelectedRowIsStillMarked() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(theme: .monochrome)
        let terminal = VirtualTerminal(hasColor: false)
        fixture.run(app, on: terminal, [.down])
        let row = 5
        #expect(terminal.frame.line(row).hasPrefix(">"))
        #expect(terminal.frame[3, row].style.reverse)
        #expect(terminal.frame[3, row + 1].style == Style.plain)
        #expect(terminal.cursor?.y == row, "the hardware cursor sits on the selected row")
        for y in 0..<24 {
            for x in 0..<80 {
                let style = terminal.frame[x, y].style
                #expect(style.foreground == .default && style.background == .default)
            }
        }
    }

    @Test func helpAndTheBarComeFromTheKeyTable() throws {
        let fixture = try UIFixture()
        let keys = try KeyMap(overrides: [
            KeyOverride(command: "client.new", keys: ["<f7>"], file: "test.toml", line: 3)
        ])
        let app = try fixture.app(keys: keys)
        let terminal = VirtualTerminal(width: 100, height: 30)
        let list = fixture.run(app, on: terminal)
        #expect(list.contains("F7 New"))
        #expect(fixture.run(app, on: terminal, [.character("n")]).contains("n does nothing here"))
        let help = fixture.run(app, on: terminal, [.function(1)])
        #expect(help.contains("F7") && help.contains("Register a new client"))
        fixture.run(app, on: terminal, [.escape, .function(7)])
        #expect(app.top is FormScreen<ClientDraft>)
    }

    @Test func quittingWithUnsavedChangesAsksAndCtrlCQuits() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal()
        fixture.run(app, on: terminal, [.control("c")])
        #expect(app.isFinished)
        let second = try fixture.app()
        fixture.run(second, on: terminal, [.character("n"), .tab] + typing("X") + [.control("c")])
        #expect(!second.isFinished && second.top is ConfirmDialog)
        fixture.run(second, on: terminal, [.character("y")])
        #expect(second.isFinished)
        let third = try fixture.app()
        third.handle(.terminate)
        #expect(third.isFinished)
    }
}
