import CasebookCore
import CasebookL10n
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookTUI

/// My day, the client list, every record tab, a form with its problems, the dashboard and help
/// in each language at both sizes, against goldens: long German and French words must keep the
/// layout (and `expectReadable` holds every line within the terminal).
@Suite(
    .enabled(
        if: !msgfmtMissing || ProcessInfo.processInfo.environment["CI"] == "true",
        "Skipped: msgfmt is not installed (make deps installs gettext)."))
struct LanguageGoldenTests {
    @Test(arguments: LanguageChoice.shipped, GoldenSize.allCases)
    func myDay(language: String, size: GoldenSize) throws {
        let catalogue = try #require(try shippedCatalogue(language))
        let fixture = try UIFixture()
        try Messages.speaking(catalogue) {
            let app = try fixture.app(onList: false)
            let terminal = size.terminal
            expectGolden("worklist-\(language)-\(size.rawValue)", fixture.run(app, on: terminal))
            expectReadable(terminal)
        }
    }

    @Test(arguments: LanguageChoice.shipped, GoldenSize.allCases)
    func clientList(language: String, size: GoldenSize) throws {
        let catalogue = try #require(try shippedCatalogue(language))
        let fixture = try UIFixture()
        try Messages.speaking(catalogue) {
            let terminal = size.terminal
            expectGolden("list-\(language)-\(size.rawValue)", fixture.run(try fixture.app(), on: terminal))
            expectReadable(terminal)
        }
    }

    /// Every tab of a record, each in its own golden.
    @Test(arguments: LanguageChoice.shipped, GoldenSize.allCases)
    func recordTabs(language: String, size: GoldenSize) throws {
        let catalogue = try #require(try shippedCatalogue(language))
        let fixture = try UIFixture()
        try Messages.speaking(catalogue) {
            for tab in RecordTabID.allCases {
                let terminal = size.terminal
                let app = try fixture.record("Haddad", tab: tab)
                expectGolden("record-\(tab)-\(language)-\(size.rawValue)", fixture.run(app, on: terminal))
                expectReadable(terminal)
            }
        }
    }

    /// The History and Contract tabs with the dates as the language writes them
    /// (`date_format = "locale"`): the audit's composite values and the contract's events said
    /// through their parts, in the officer's language.
    @Test(arguments: LanguageChoice.shipped, GoldenSize.allCases)
    func historyAndContractInTheLanguagesDates(language: String, size: GoldenSize) throws {
        let catalogue = try #require(try shippedCatalogue(language))
        let fixture = try UIFixture()
        try Messages.speaking(catalogue) {
            try DateForm.$showsLocalOverride.withValue(true) {
                for tab in [RecordTabID.history, .contract] {
                    let terminal = size.terminal
                    let app = try fixture.record("Haddad", tab: tab)
                    expectGolden("record-\(tab)-dates-\(language)-\(size.rawValue)", fixture.run(app, on: terminal))
                    expectReadable(terminal)
                }
            }
        }
    }

    /// The new-client form with its problems beside their fields: the longest labels and sentences.
    @Test(arguments: LanguageChoice.shipped, GoldenSize.allCases)
    func formWithProblems(language: String, size: GoldenSize) throws {
        let catalogue = try #require(try shippedCatalogue(language))
        let fixture = try UIFixture()
        try Messages.speaking(catalogue) {
            let terminal = size.terminal
            let keys: [Key] =
                [.character("n"), .tab] + typing("") + [.tab, .tab, .tab] + typing("1990-02-30")
                + [.tab, .tab, .tab, .tab, .tab, .tab] + typing("1980-01-01") + [.control("s")]
            expectGolden(
                "form-validation-\(language)-\(size.rawValue)", fixture.run(try fixture.app(), on: terminal, keys))
            expectReadable(terminal)
        }
    }

    @Test(arguments: LanguageChoice.shipped, GoldenSize.allCases)
    func dashboard(language: String, size: GoldenSize) throws {
        let catalogue = try #require(try shippedCatalogue(language))
        let fixture = try UIFixture()
        try Messages.speaking(catalogue) {
            let terminal = size.terminal
            let app = try fixture.app(as: fixture.base.admin)
            expectGolden("dashboard-\(language)-\(size.rawValue)", fixture.run(app, on: terminal, [.character("D")]))
            expectReadable(terminal)
        }
    }

    /// The civic test form: the longest label of any form ("Richtige Antworten (von 34)") keeps
    /// its words at 80 columns.
    @Test(arguments: LanguageChoice.shipped)
    func civicTestForm(language: String) throws {
        let catalogue = try #require(try shippedCatalogue(language))
        let fixture = try UIFixture()
        try Messages.speaking(catalogue) {
            let terminal = GoldenSize.small.terminal
            let app = try fixture.record("Haddad", tab: .civic)
            expectGolden("civic-test-form-\(language)-80x24", fixture.run(app, on: terminal, [.character("t")]))
            expectReadable(terminal)
        }
    }

    @Test(arguments: LanguageChoice.shipped)
    func help(language: String) throws {
        let catalogue = try #require(try shippedCatalogue(language))
        let fixture = try UIFixture()
        try Messages.speaking(catalogue) {
            let app = try fixture.app()
            let terminal = GoldenSize.small.terminal
            expectGolden("help-\(language)-80x24", fixture.run(app, on: terminal, [.character("?")]))
            expectReadable(terminal)
        }
    }

    @Test func datesAsTheLanguageWritesThemWhenTheSettingsAskForIt() throws {
        let catalogue = try #require(try shippedCatalogue("de"))
        let fixture = try UIFixture()
        try Messages.speaking(catalogue) {
            try DateForm.$showsLocalOverride.withValue(true) {
                let app = try fixture.app(onList: false)
                let screen = fixture.run(app, on: GoldenSize.small.terminal)
                // The fixture's clock stands at 2026-11-23; case numbers keep their dash.
                #expect(screen.contains("23.11.2026") && !screen.contains("2026-11-23"), "\(screen)")
            }
        }
    }
}
