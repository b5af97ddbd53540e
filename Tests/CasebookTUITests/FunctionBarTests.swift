import Foundation
import CasebookL10n
import CasebookTestSupport
import Testing

@testable import CasebookTUI

struct FunctionBarTests {
    private let entries = [
        FunctionBar.Entry(key: "?", label: "Help"), FunctionBar.Entry(key: "n", label: "New"),
        FunctionBar.Entry(key: "m", label: "Mine"), FunctionBar.Entry(key: "q", label: "Quit"),
    ]
    private func width(of shown: [FunctionBar.Shown]) -> Int {
        zip(entries, shown).map { entry, shown in
            switch shown {
            case .full: return entry.key.count + 1 + entry.label.count + 2
            case .keyOnly: return entry.key.count + 2
            case .hidden: return 0
            }
        }.reduce(0, +)
    }

    @Test func whatFitsIsShownWhole() {
        let shown = FunctionBar.fit(entries, width: 80, measure: \.count)
        #expect(shown == [.full, .full, .full, .full])
    }

    @Test func descriptionsGoBeforeKeysTheLeastImportantFirst() {
        // Whole, the bar takes 8 + 7 + 8 + 8 = 31 columns.
        #expect(FunctionBar.fit(entries, width: 30, measure: \.count) == [.full, .full, .keyOnly, .full])
        #expect(FunctionBar.fit(entries, width: 24, measure: \.count) == [.full, .keyOnly, .keyOnly, .full])
        #expect(FunctionBar.fit(entries, width: 20, measure: \.count) == [.keyOnly, .keyOnly, .keyOnly, .full])
        #expect(FunctionBar.fit(entries, width: 12, measure: \.count) == [.keyOnly, .keyOnly, .keyOnly, .keyOnly])
    }

    @Test func keysGoOnlyWhenEveryKeyStandsAloneAndTheWayOutGoesLast() {
        #expect(FunctionBar.fit(entries, width: 10, measure: \.count) == [.keyOnly, .keyOnly, .hidden, .keyOnly])
        #expect(FunctionBar.fit(entries, width: 7, measure: \.count) == [.keyOnly, .hidden, .hidden, .keyOnly])
        #expect(FunctionBar.fit(entries, width: 3, measure: \.count) == [.hidden, .hidden, .hidden, .keyOnly])
    }

    @Test(arguments: [0, 3, 7, 10, 12, 20, 24, 30, 31, 80])
    func theBarNeverOverflows(width: Int) {
        #expect(self.width(of: FunctionBar.fit(entries, width: width, measure: \.count)) <= width)
    }
}

/// In every language at 80 columns, the bars of the list, of every record tab and of a form show
/// every key they offer (a description may go, a key may not).
@Suite(
    .enabled(
        if: !msgfmtMissing || ProcessInfo.processInfo.environment["CI"] == "true",
        "Skipped: msgfmt is not installed (make deps installs gettext)."))
struct FunctionBarLanguageTests {
    @Test(arguments: LanguageChoice.shipped)
    func everyKeyOfTheBarIsShownAt80Columns(language: String) throws {
        let catalogue = try #require(try shippedCatalogue(language))
        let fixture = try UIFixture()
        try Messages.speaking(catalogue) {
            var apps = [("the client list", try fixture.app())]
            for tab in RecordTabID.allCases {
                apps.append(("the \(tab) tab", try fixture.record("Haddad", tab: tab)))
            }
            let form = try fixture.record("Haddad", tab: .overview)
            _ = fixture.run(form, on: GoldenSize.small.terminal, [.character("e")])
            apps.append(("the edit form", form))
            for (name, app) in apps {
                let screen = try #require(app.top)
                let entries = app.barCommands(for: screen).compactMap { id -> FunctionBar.Entry? in
                    guard let key = app.keys.keys(for: id).first, let label = id.info.barLabel else { return nil }
                    return FunctionBar.Entry(key: key.label, label: label)
                }
                let shown = FunctionBar.fit(entries, width: 80, measure: TextWidth.of)
                let hidden = zip(entries, shown).filter { $0.1 == .hidden }.map(\.0.key)
                #expect(hidden.isEmpty, "\(language), \(name): the keys \(hidden) do not fit the bar")
            }
        }
    }
}
