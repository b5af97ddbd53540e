import ArgumentParser
import CasebookL10n
import Testing

@testable import casebook

/// ArgumentParser's words read back from its own text (issue 19): the help taken apart and
/// wrapped again gives ArgumentParser's help byte for byte, and each message template matches the
/// message ArgumentParser writes. HelpLanguageTests sees them translated through the executable.
struct ParserWordsTests {
    /// Every command Casebook has, the root first.
    static let commands: [ParsableCommand.Type] = {
        var all: [ParsableCommand.Type] = []
        func walk(_ command: ParsableCommand.Type) {
            all.append(command)
            command.configuration.subcommands.forEach(walk)
        }
        walk(Casebook.self)
        return all
    }()

    /// In English, the help rendered without line breaks, taken apart line by line and wrapped
    /// again, is what ArgumentParser wraps itself: the translated help is laid out as ArgumentParser
    /// lays it out, and English is never touched.
    @Test(arguments: [40, 60, 80, 132])
    func everyCommandsHelpWrapsAsArgumentParserWrapsIt(columns: Int) {
        Messages.speaking(nil) {
            for command in ParserWordsTests.commands {
                let own = Casebook.helpMessage(for: command, columns: columns)
                let wide = Casebook.helpMessage(for: command, columns: ParserWords.unwrapped)
                let rendered = ParserWords.render(unwrapped: wide, columns: columns)
                let ours = rendered.text.split(separator: "\n", omittingEmptySubsequences: false)
                let theirs = own.split(separator: "\n", omittingEmptySubsequences: false)
                let first =
                    zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(ours.count, theirs.count)
                #expect(
                    rendered.text == own,
                    "\(command._commandName) at \(columns) columns, line \(first + 1): \(ours.dropFirst(first).first ?? "(none)") | \(theirs.dropFirst(first).first ?? "(none)")"
                )
                #expect(!rendered.changed, "\(command._commandName)")
            }
        }
    }

    @Test func theCommandsHelpHasEveryKindOfLineTheTemplatesRead() {
        let root = Casebook.helpMessage(for: Casebook.self, columns: 80)
        for piece in [
            "OVERVIEW: ", "USAGE: ", "OPTIONS:", "SUBCOMMANDS:", "Show help information.", "open (default)",
            "  See 'casebook help <subcommand>' for detailed help.",
        ] {
            #expect(root.contains(piece), "\(piece)")
        }
        let add = Casebook.helpMessage(for: StaffCommand.Add.self, columns: 80)
        #expect(add.contains("ARGUMENTS:") && add.contains("(default: officer)"), "\(add)")
    }

    /// The messages as ArgumentParser writes them (HelpLanguageTests provokes each through the
    /// executable), each read by its template into its values.
    @Test(arguments: [
        ("Missing expected argument '<file>'", ["argument": "<file>"]),
        ("Unknown option '--bogus'", ["option": "--bogus"]),
        ("Unknown option '--forse'. Did you mean '--force'?", ["option": "--forse", "suggestion": "--force"]),
        ("Missing value for '--db <path>'", ["option": "--db <path>"]),
        ("Unexpected argument 'b'", ["argument": "b"]),
        ("2 unexpected arguments: 'b', 'c'", ["count": "2", "arguments": "b', 'c"]),
        ("The value 'abc' is invalid for '--clients <clients>'", ["value": "abc", "option": "--clients <clients>"]),
        (
            "The option '--repair' does not take any value, but '3' was specified.",
            ["option": "--repair", "value": "3"]
        ),
    ])
    func aMessageIsReadIntoItsValues(message: String, values: [String: String]) {
        let matched = Messages.speaking(nil) {
            ParserWords.messageTemplates.compactMap { $0.match(message) }.first
        }
        #expect(matched == values)
        // In English the message comes back as it was.
        #expect(Messages.speaking(nil) { ParserWords.message(message) } == message)
    }

    @Test func aMessageNoTemplateMatchesStaysAsItCame() {
        for text in [
            "Unknown option", "The value '' is invalid for ''", "A sentence of Casebook's own.",
            "Missing expected argument ''",
        ] {
            #expect(Messages.speaking(nil) { ParserWords.message(text) } == text)
        }
    }

    @Test func aTemplateTakesAtLeastOneCharacterForEachValue() {
        let template = Template(pattern: "The value '{value}' is invalid for '{option}'") { _ in "" }
        #expect(template.match("The value '' is invalid for '--x'") == nil)
        #expect(template.match("The value 'a' is invalid for '--x'") == ["value": "a", "option": "--x"])
        // A value that holds the words after it: the first place they appear ends it.
        #expect(
            template.match("The value 'a' is invalid for 'b' is invalid for '--x'")
                == ["value": "a", "option": "b' is invalid for '--x"])
    }
}
