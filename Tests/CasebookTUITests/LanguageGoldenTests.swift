import CasebookCore
import CasebookL10n
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookTUI

/// My day and help in each language at both sizes, against goldens: long German and French
/// words must keep the layout.
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
