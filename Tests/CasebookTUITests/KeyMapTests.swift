import Testing

@testable import CasebookTUI

@Suite struct KeyMapTests {
    @Test func theDefaultTableHasNoKeyThatRunsTwoCommandsOnOneScreen() throws {
        for group in KeyContext.activeTogether {
            var seen: [Key: CommandID] = [:]
            for info in CommandTable.all where group.contains(info.context) || info.context == .global {
                for key in info.defaultKeys {
                    #expect(seen[key] == nil, "\(key.notation) is bound twice in \(group)")
                    seen[key] = info.id
                }
            }
        }
        #expect(CommandTable.all.count == CommandID.allCases.count)
        #expect(Set(KeyContext.activeTogether.flatMap { $0 }).union([.global]) == Set(KeyContext.allCases))
    }

    @Test func everyKeyNotationRoundTrips() {
        for info in CommandTable.all {
            for key in info.defaultKeys { #expect(Key(notation: key.notation) == key, "\(key.notation)") }
        }
    }

    @Test func anOverrideReplacesTheDefaults() throws {
        let map = try KeyMap(overrides: [KeyOverride(command: "form.save", keys: ["<c-o>"], file: "a.toml", line: 2)])
        #expect(map.keys(for: .save) == [.control("o")])
        #expect(map.command(for: .control("o"), in: [.form]) == .save)
        #expect(map.command(for: .control("s"), in: [.form]) == nil)
        #expect(map.command(for: .function(2), in: [.form]) == nil)
    }

    @Test func disabledRemovesEveryKey() throws {
        let map = try KeyMap(overrides: [KeyOverride(command: "app.quit", keys: ["<disabled>"], file: "a.toml", line: 4)])
        #expect(map.keys(for: .quit).isEmpty)
        #expect(map.command(for: .character("q"), in: [.list]) == nil)
        #expect(map.label(for: .quit) == "(no key)")
    }

    @Test func anUnknownCommandIsRefusedWithFileAndLine() {
        #expect(throws: KeyMapError.unknownCommand(file: "/home/a/casebook.toml", line: 7, command: "form.explode")) {
            try KeyMap(overrides: [KeyOverride(command: "form.explode", keys: ["x"], file: "/home/a/casebook.toml", line: 7)])
        }
    }

    @Test(arguments: ["<c-ß>", "<f13>", "ctrl-s", "<>", "", "ab", "<c-i>"])
    func aMalformedKeyIsRefusedWithFileLineAndKey(_ key: String) {
        #expect(throws: KeyMapError.malformedKey(file: "c.toml", line: 3, command: "form.save", key: key)) {
            try KeyMap(overrides: [KeyOverride(command: "form.save", keys: [key], file: "c.toml", line: 3)])
        }
    }

    @Test func aKeyThatWouldRunTwoCommandsIsRefused() {
        #expect {
            try KeyMap(overrides: [KeyOverride(command: "list.sort", keys: ["n"], file: "c.toml", line: 9)])
        } throws: { error in
            guard case .clash(let file, let line, let key, _, _) = error as? KeyMapError else { return false }
            return file == "c.toml" && line == 9 && key == "n"
        }
    }

    @Test func messagesNameTheFileLineAndKey() {
        let error = KeyMapError.malformedKey(file: "casebook.toml", line: 12, command: "form.save", key: "<c-ß>")
        #expect(error.description.hasPrefix("casebook.toml, line 12:"))
        #expect(error.description.contains("<c-ß>") && error.description.contains("form.save"))
    }
}
