import CasebookCore
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// What a screen's bindings decide: which command a key runs, what the bar and help offer,
/// and what a key that cannot run now says.
@Suite struct BindingTests {
    @Test func whileSearchingHomeAndEndMoveInTheSearchTextAndNothingElse() throws {
        let searching = try #require(BindingSet.everyScreen.first { $0.screen == "the client list while searching" })
        #expect(searching.commands.contains(.lineStart) && searching.commands.contains(.lineEnd))
        #expect(!searching.commands.contains(.top) && !searching.commands.contains(.bottom))

        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = GoldenSize.large.terminal
        let found = fixture.run(
            app, on: terminal, [.character("/")] + typing("rensen") + [.home] + typing("sø") + [.end])
        #expect(found.contains("Search: søren"), "Home went to the start of the search")
        #expect(found.contains("Sørensen, Wanida") && found.contains("1 match"))
    }

    @Test func aTypingMistakeInAPickListFilterCanBeCorrected() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = GoldenSize.large.terminal
        // The country of birth: typing opens its pick list, filtered.
        let form = fixture.run(app, on: terminal, [.character("n")] + Array(repeating: .tab, count: 6) + typing("syx"))
        let picker = try #require(app.top as? PickListDialog)
        #expect(form.contains("Filter: syx") && picker.shown.isEmpty)
        fixture.run(app, on: terminal, [.backspace])
        #expect(terminal.text.contains("Filter: sy ") && picker.shown.contains { $0.value == "SY" })
        fixture.run(app, on: terminal, typing("r") + [.left, .left, .delete])
        #expect(terminal.text.contains("Filter: sr "))
        fixture.run(app, on: terminal, [.control("w")])
        #expect(terminal.text.contains("Filter: r "))
        fixture.run(app, on: terminal, [.right, .control("u")] + typing("syr"))
        #expect(picker.shown.map(\.value) == ["SY"])
        fixture.run(app, on: terminal, [.enter])
        let screen = try #require(app.top as? FormScreen<ClientDraft>)
        #expect(screen.text(of: .countryOfBirth) == "SY")
    }

    @Test func aCommandThatCannotRunNowSaysWhyAndLeavesTheBar() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Ødegård", tab: .contract)
        let terminal = GoldenSize.large.terminal
        let tab = fixture.run(app, on: terminal)
        let bar = try #require(tab.split(separator: "\n").last)
        #expect(bar.contains("d Draft"))
        for label in ["m Met", "S Sign", "A Amend", "V Versions"] { #expect(!bar.contains(label), "\(label) offered") }
        for key: Character in ["a", "m", "S", "V"] {
            let said = fixture.run(app, on: terminal, [.character(key)])
            #expect(said.contains("No contract yet; d drafts one."), "\(key)")
            #expect(app.top is ClientRecordScreen)
        }
        // Once drafted, the draft's commands are there, and drafting again is not.
        fixture.run(app, on: terminal, [.character("d"), .control("s")])
        let drafted = try #require(fixture.run(app, on: terminal).split(separator: "\n").last)
        #expect(drafted.contains("S Sign") && !drafted.contains("d Draft"))
        #expect(fixture.run(app, on: terminal, [.character("d")]).contains("This client already has a contract."))
    }

    @Test func helpListsTheScreensOwnCommandsFirstAndDimsThoseThatCannotRunNow() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("احمدی", tab: .contract)
        let terminal = VirtualTerminal(width: 132, height: 100)
        fixture.run(app, on: terminal, [.character("?")])
        let lines = terminal.frame.lines
        let contract = try #require(lines.firstIndex { $0.hasPrefix(" Contract tab") })
        let record = try #require(lines.firstIndex { $0.hasPrefix(" Client record") })
        let list = try #require(lines.firstIndex { $0.hasPrefix(" Client list") })
        #expect(contract < list && record < list, "this screen's commands come first")
        let met = try #require(lines.firstIndex { $0.contains("Mark the selected obligation met") })
        let draft = try #require(lines.firstIndex { $0.contains("Draft the contract") })
        #expect(terminal.frame[30, met].style.dim, "not possible without a contract")
        #expect(!terminal.frame[30, draft].style.dim)
    }

    @Test func escOnTheFirstScreenSaysHowToQuit() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        #expect(
            fixture.run(app, on: GoldenSize.small.terminal, [.escape]).contains("This is the first screen; q quits."))
        #expect(!app.isFinished)
    }

    /// Every screen the tests open offers one of the sets the clash check walks.
    @Test func theClashCheckKnowsEveryStateOfEveryScreen() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = GoldenSize.large.terminal
        let known = BindingSet.everyScreen.map { Set($0.commands) }
        func check(_ keys: [Key], _ place: String) {
            fixture.run(app, on: terminal, keys)
            guard let top = app.top else { return }
            #expect(known.contains(Set(top.bindings(app: app).map(\.command))), "\(place)")
        }
        check([], "list")
        check([.character("/")], "list while searching")
        check(typing("ha") + [.enter], "list of a search")
        check([.escape, .character("p")], "pick list")
        check([.escape, .enter], "record")
        for tab in RecordTabID.allCases.dropFirst() { check([.tab], "\(tab) tab") }
        check([.character("a")], "note form")
        check([.tab, .tab, .enter], "interpreter pick list")
        check([.escape, .tab] + typing("x") + [.escape], "discard question")
        check([.character("y"), .escape, .character("?")], "help")
        check([.escape, .escape, .character("D")], "dashboard")
        check([.escape, .character("w")], "My day")
        check(
            [.escape, .character("n"), .tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab, .enter], "languages pick list")
    }
}
