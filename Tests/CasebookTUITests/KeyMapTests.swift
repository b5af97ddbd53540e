import Testing

@testable import CasebookTUI

@Suite struct KeyMapTests {
    @Test func theDefaultTableHasNoKeyThatRunsTwoCommandsInAnyStateOfAnyScreen() throws {
        let clash = KeyMap.standard.firstClash()
        #expect(
            clash == nil, "\(clash.map { "\($0.key.label) runs \($0.first) and \($0.second) on \($0.screen)" } ?? "")")
        #expect(CommandTable.all.count == CommandID.allCases.count)
    }

    @Test func everyCommandIsOfferedBySomeScreen() {
        let offered = Set(BindingSet.everyScreen.flatMap(\.commands) + App.bindings.commands())
        #expect(offered == Set(CommandID.allCases), "never offered: \(Set(CommandID.allCases).subtracting(offered))")
    }

    @Test func everyKeyNotationRoundTrips() {
        for info in CommandTable.all {
            for key in info.defaultKeys { #expect(Key(notation: key.notation) == key, "\(key.notation)") }
        }
    }

    @Test func anOverrideReplacesTheDefaults() throws {
        let map = try KeyMap(overrides: [KeyOverride(command: "form.save", keys: ["<c-o>"], file: "a.toml", line: 2)])
        #expect(map.keys(for: .save) == [.control("o")])
        #expect(map.hint(.save) == "Ctrl-O")
        #expect(map.label(for: .save) == "Ctrl-O")
    }

    @Test func disabledRemovesEveryKey() throws {
        let map = try KeyMap(overrides: [
            KeyOverride(command: "app.quit", keys: ["<disabled>"], file: "a.toml", line: 4)
        ])
        #expect(map.keys(for: .quit).isEmpty)
        #expect(map.label(for: .quit) == "(no key)")
        #expect(map.hint(.quit) == "(no key)")
    }

    @Test func anUnknownCommandIsRefusedWithFileAndLine() {
        #expect(throws: KeyMapError.unknownCommand(file: "/home/a/casebook.toml", line: 7, command: "form.explode")) {
            try KeyMap(overrides: [
                KeyOverride(command: "form.explode", keys: ["x"], file: "/home/a/casebook.toml", line: 7)
            ])
        }
    }

    @Test(arguments: ["<c-ß>", "<f13>", "ctrl-s", "<>", "", "ab", "<c-i>"])
    func aMalformedKeyIsRefusedWithFileLineAndKey(_ key: String) {
        #expect(throws: KeyMapError.malformedKey(file: "c.toml", line: 3, command: "form.save", key: key)) {
            try KeyMap(overrides: [KeyOverride(command: "form.save", keys: [key], file: "c.toml", line: 3)])
        }
    }

    /// `command` given `key` clashes with `other` on `screen`; the error blames the file's line.
    @Test(arguments: [
        ("list.sort", "n", "client.new", "the client list"),
        // Only a pick list offers both moving to the top and deleting a word of the filter.
        ("move.top", "<c-w>", "edit.delete_word", "a pick list"),
        // The contract tab, not any other tab, drafts with d.
        ("record.reload", "d", "contract.draft", "the Contract tab of a record"),
        ("dialog.yes", "<enter>", "dialog.accept", "a question"),
    ])
    func aKeyThatWouldRunTwoCommandsOnOneScreenIsRefused(
        _ command: String, _ key: String, _ other: String, _ screen: String
    ) {
        #expect {
            try KeyMap(overrides: [KeyOverride(command: command, keys: [key], file: "c.toml", line: 9)])
        } throws: { error in
            guard case .clash(let file, let line, let clashing, let first, let second, let on) = error as? KeyMapError
            else {
                return false
            }
            return file == "c.toml" && line == 9 && clashing == key && Set([first, second]) == [command, other]
                && on == screen
        }
    }

    /// A key taken on one screen is free on the others.
    @Test(arguments: [("list.sort", "X"), ("record.reload", "/"), ("dashboard.reset", "e"), ("contract.draft", "z")])
    func aKeyTakenOnlyOnOtherScreensIsAccepted(_ command: String, _ key: String) throws {
        let map = try KeyMap(overrides: [KeyOverride(command: command, keys: [key], file: "c.toml", line: 1)])
        #expect(map.keys(for: try #require(CommandID(rawValue: command))) == [try #require(Key(notation: key))])
    }

    @Test func messagesNameTheFileLineKeyAndScreen() {
        let error = KeyMapError.malformedKey(file: "casebook.toml", line: 12, command: "form.save", key: "<c-ß>")
        #expect(error.description.hasPrefix("casebook.toml, line 12:"))
        #expect(error.description.contains("<c-ß>") && error.description.contains("form.save"))
        let clash = KeyMapError.clash(
            file: "casebook.toml", line: 3, key: "n", first: "client.new", second: "list.sort",
            screen: "the client list")
        #expect(
            clash.description
                == "casebook.toml, line 3: n would run both client.new and list.sort on the client list; give one of them another key."
        )
    }
}
