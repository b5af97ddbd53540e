import CasebookCore
import Foundation
import Testing

@testable import CasebookTUI

/// The main screens at the two sizes officers use, against checked-in goldens.
@Suite struct GoldenScreenTests {
    static let sizes = [(80, 24), (132, 43)]

    @Test(arguments: sizes)
    func clientList(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let terminal = VirtualTerminal(width: width, height: height)
        expectGolden("list-mine-\(width)x\(height)", fixture.run(try fixture.app(), on: terminal))
        let all = VirtualTerminal(width: width, height: height)
        expectGolden("list-all-\(width)x\(height)", fixture.run(try fixture.app(as: fixture.base.admin), on: all))
    }

    @Test(arguments: sizes)
    func clientRecord(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        app.push(try ClientRecordScreen(app: app, clientID: fixture.client("Haddad").id))
        expectGolden("record-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height)))
    }

    @Test(arguments: sizes)
    func newClientFormWithValidationMessages(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: width, height: height)
        // Family name left empty, a birth date that does not exist, an arrival before it.
        let keys: [Key] = [.character("n"), .tab] + typing("") + [.tab, .tab, .tab] + typing("1990-02-30")
            + [.tab, .tab, .tab, .tab, .tab, .tab] + typing("1980-01-01") + [.control("s")]
        expectGolden("form-validation-\(width)x\(height)", fixture.run(app, on: terminal, keys))
    }

    @Test(arguments: sizes)
    func help(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        expectGolden("help-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height), [.character("?")]))
    }
}

/// The programme tracks' tabs and forms, against goldens.
@Suite struct TrackGoldenTests {
    static let sizes = [(80, 24), (132, 43)]

    @Test(arguments: sizes)
    func languageTabAndAssessmentForm(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: "Language")
        expectGolden("language-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height)))
        // The assessment form, saved without a level or instrument.
        let form = fixture.run(app, on: VirtualTerminal(width: width, height: height), [.character("a"), .control("s")])
        expectGolden("language-form-\(width)x\(height)", form)
    }

    @Test(arguments: sizes)
    func qualificationsTabAndStepForm(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: "Qualifications")
        expectGolden("qualifications-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height)))
        let form = fixture.run(app, on: VirtualTerminal(width: width, height: height), [.character("s"), .control("s")])
        expectGolden("qualifications-form-\(width)x\(height)", form)
    }

    @Test(arguments: sizes)
    func civicTabAndSessionForm(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: "Civic")
        expectGolden("civic-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height)))
        let form = fixture.run(app, on: VirtualTerminal(width: width, height: height), [.character("s"), .tab, .tab, .control("u")] + typing("99") + [.control("s")])
        expectGolden("civic-form-\(width)x\(height)", form)
    }
}

/// The contract, My day, notes and history, against goldens.
@Suite struct ContractGoldenTests {
    static let sizes = [(80, 24), (132, 43)]

    @Test(arguments: sizes)
    func contractTabAndWaiverForm(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: "Contract")
        expectGolden("contract-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height)))
        // A waiver of the authority's overdue course place, saved without its reason.
        let form = fixture.run(app, on: VirtualTerminal(width: width, height: height), [.down, .down, .down, .character("w"), .control("s")])
        expectGolden("contract-waive-form-\(width)x\(height)", form)
    }

    @Test(arguments: sizes)
    func worklist(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.app(onList: false)
        expectGolden("worklist-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height)))
    }

    @Test(arguments: sizes)
    func notesTabAndNoteForm(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: "Notes")
        expectGolden("notes-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height)))
        let form = fixture.run(app, on: VirtualTerminal(width: width, height: height), [.character("a"), .control("s")])
        expectGolden("notes-form-\(width)x\(height)", form)
    }

    @Test(arguments: sizes)
    func historyTab(_ width: Int, _ height: Int) throws {
        // Audit times are shown in local time; the goldens are recorded in UTC.
        setenv("TZ", "UTC", 1)
        tzset()
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: "History")
        expectGolden("history-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height)))
    }
}

/// The supervisor's dashboard, against goldens.
@Suite struct DashboardGoldenTests {
    @Test(arguments: GoldenScreenTests.sizes)
    func dashboard(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        expectGolden("dashboard-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height), [.character("D")]))
    }
}
