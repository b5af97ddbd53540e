import CasebookCore
import Foundation
import Testing

@testable import CasebookTUI

/// The main screens at the two sizes officers use, against checked-in goldens.
@Suite struct GoldenScreenTests {
    @Test(arguments: GoldenSize.allCases)
    func clientList(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let terminal = size.terminal
        expectGolden("list-mine-\(size.rawValue)", fixture.run(try fixture.app(), on: terminal))
        let all = size.terminal
        expectGolden("list-all-\(size.rawValue)", fixture.run(try fixture.app(as: fixture.base.admin), on: all))
    }

    @Test(arguments: GoldenSize.allCases)
    func clientRecord(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        app.push(try ClientRecordScreen(app: app, clientID: fixture.client("Haddad").id))
        expectGolden("record-\(size.rawValue)", fixture.run(app, on: size.terminal))
    }

    @Test(arguments: GoldenSize.allCases)
    func newClientFormWithValidationMessages(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = size.terminal
        // Family name left empty, a birth date that does not exist, an arrival before it.
        let keys: [Key] =
            [.character("n"), .tab] + typing("") + [.tab, .tab, .tab] + typing("1990-02-30")
            + [.tab, .tab, .tab, .tab, .tab, .tab] + typing("1980-01-01") + [.control("s")]
        expectGolden("form-validation-\(size.rawValue)", fixture.run(app, on: terminal, keys))
    }

    @Test(arguments: GoldenSize.allCases)
    func help(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        expectGolden("help-\(size.rawValue)", fixture.run(app, on: size.terminal, [.character("?")]))
    }
}

/// The programme tracks' tabs and forms, against goldens.
@Suite struct TrackGoldenTests {
    @Test(arguments: GoldenSize.allCases)
    func languageTabAndAssessmentForm(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .language)
        expectGolden("language-\(size.rawValue)", fixture.run(app, on: size.terminal))
        // The assessment form, saved without a level or instrument.
        let form = fixture.run(app, on: size.terminal, [.character("a"), .control("s")])
        expectGolden("language-form-\(size.rawValue)", form)
    }

    @Test(arguments: GoldenSize.allCases)
    func qualificationsTabAndStepForm(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .qualifications)
        expectGolden("qualifications-\(size.rawValue)", fixture.run(app, on: size.terminal))
        let form = fixture.run(app, on: size.terminal, [.character("s"), .control("s")])
        expectGolden("qualifications-form-\(size.rawValue)", form)
    }

    @Test(arguments: GoldenSize.allCases)
    func civicTabAndSessionForm(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .civic)
        expectGolden("civic-\(size.rawValue)", fixture.run(app, on: size.terminal))
        let form = fixture.run(
            app, on: size.terminal, [.character("s"), .tab, .tab, .control("u")] + typing("99") + [.control("s")])
        expectGolden("civic-form-\(size.rawValue)", form)
    }
}

/// The contract, My day, notes and history, against goldens.
@Suite struct ContractGoldenTests {
    @Test(arguments: GoldenSize.allCases)
    func contractTabAndWaiverForm(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .contract)
        expectGolden("contract-\(size.rawValue)", fixture.run(app, on: size.terminal))
        // A waiver of the authority's overdue course place, saved without its reason.
        let form = fixture.run(app, on: size.terminal, [.down, .down, .down, .character("w"), .control("s")])
        expectGolden("contract-waive-form-\(size.rawValue)", form)
    }

    @Test(arguments: GoldenSize.allCases)
    func worklist(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.app(onList: false)
        expectGolden("worklist-\(size.rawValue)", fixture.run(app, on: size.terminal))
    }

    @Test(arguments: GoldenSize.allCases)
    func notesTabAndNoteForm(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .notes)
        expectGolden("notes-\(size.rawValue)", fixture.run(app, on: size.terminal))
        let form = fixture.run(app, on: size.terminal, [.character("a"), .control("s")])
        expectGolden("notes-form-\(size.rawValue)", form)
    }

    @Test(arguments: GoldenSize.allCases)
    func historyTab(_ size: GoldenSize) throws {
        // Audit times are shown in local time; the goldens are recorded in UTC.
        setenv("TZ", "UTC", 1)
        tzset()
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .history)
        expectGolden("history-\(size.rawValue)", fixture.run(app, on: size.terminal))
    }
}

/// The supervisor's dashboard, against goldens.
@Suite struct DashboardGoldenTests {
    @Test(arguments: GoldenSize.allCases)
    func dashboard(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        expectGolden("dashboard-\(size.rawValue)", fixture.run(app, on: size.terminal, [.character("D")]))
    }
}

/// The Intake and Participation tabs, their forms, and the partner register, against goldens.
@Suite struct IntakeGoldenTests {
    @Test(arguments: GoldenSize.allCases)
    func intakeTabAndMappingForm(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .intake)
        expectGolden("intake-\(size.rawValue)", fixture.run(app, on: size.terminal))
        // The work experience form, saved without the title or the years.
        let form = fixture.run(app, on: size.terminal, [.character("a"), .control("s")])
        expectGolden("intake-work-form-\(size.rawValue)", form)
    }

    @Test(arguments: GoldenSize.allCases)
    func participationTabAndActivityForm(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .participation)
        expectGolden("participation-\(size.rawValue)", fixture.run(app, on: size.terminal))
        let form = fixture.run(app, on: size.terminal, [.character("a"), .control("s")])
        expectGolden("participation-form-\(size.rawValue)", form)
    }

    @Test(arguments: GoldenSize.allCases)
    func partnerRegister(_ size: GoldenSize) throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        expectGolden("partners-\(size.rawValue)", fixture.run(app, on: size.terminal, [.character("O")]))
    }
}
