import Testing

@testable import CasebookL10n

@Suite struct TranslateTests {
    @Test func placeholdersAreFilledByName() {
        #expect(tr("Saved {name} on {day}.", ["name": "Haddad", "day": "2026-11-23"]) == "Saved Haddad on 2026-11-23.")
    }

    @Test func aBraceThatNamesNoValueStaysAsWritten() {
        #expect(tr("{missing} and {name}", ["name": "x"]) == "{missing} and x")
        #expect(tr("{unclosed", ["name": "x"]) == "{unclosed")
    }

    @Test(arguments: [(0, "0 clients"), (1, "1 client"), (2, "2 clients")])
    func aCountPicksItsForm(count: Int, expected: String) {
        #expect(trn("{count} client", "{count} clients", count) == expected)
    }
}
