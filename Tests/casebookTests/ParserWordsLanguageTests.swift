import CasebookTestSupport
import Foundation
import Testing

/// ArgumentParser's own words in the officer's language, through the real executable (issue 19):
/// the help's headings, the built-in flag's help, "(default: …)", and each kind of message about
/// the arguments. The catalogues are the test's own: each of ArgumentParser's words is its English
/// with the language's code before it ("[de] USAGE:"), so that the check holds whatever the
/// translators write and shows that values, option names and value names stay as typed.
@Suite(.enabled(if: !msgfmtMissing || isCI, "Skipped: msgfmt is not installed (make deps installs gettext)."))
struct ParserWordsLanguageTests {
    static let languages = ["de", "nb", "fr", "nl"]

    /// The messages of ParserWords.swift this test reads; the lists' joining words come from Core.
    static let messages = [
        "OVERVIEW:", "USAGE:", "ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:", "See '{command}' for detailed help.",
        "Show help information.", "(default)", "(default: {value})", "(values: {values}; default: {value})",
        "Missing expected argument '{argument}'", "Unknown option '{option}'",
        "Unknown option '{option}'. Did you mean '{suggestion}'?", "Missing value for '{option}'",
        "The option '{option}' does not take any value, but '{value}' was specified.",
        "Unexpected argument '{argument}'", "The value '{value}' is invalid for '{option}'",
        "The value '{value}' is invalid for '{option}'. Please provide one of {values}.", "{items} or {last}",
        "{items} and {last}", "Error: {message}",
    ]
    static let plural = ("{count} unexpected argument: '{arguments}'", "{count} unexpected arguments: '{arguments}'")

    let scratch: Scratch
    let locale: String

    init() throws {
        scratch = try Scratch()
        locale = scratch.path("locale")
        for language in ParserWordsLanguageTests.languages {
            var translations: [String: String] = [:]
            for message in ParserWordsLanguageTests.messages { translations[message] = "[\(language)] " + message }
            let (one, other) = ParserWordsLanguageTests.plural
            try compileCatalogue(
                language, translations, plurals: [(one, other, "[\(language)] " + one, "[\(language)] " + other)],
                into: locale, scratch: scratch)
        }
    }

    func run(_ arguments: [String], _ language: String) throws -> Casebook.Result {
        try Casebook.run(
            ["--language", language] + arguments, environment: ["CASEBOOK_LOCALE_DIR": locale, "COLUMNS": "80"])
    }

    @Test(arguments: languages)
    func theRootsHelpHasTranslatedHeadings(language: String) throws {
        let result = try run(["--help"], language)
        #expect(result.status == 0, "\(result.error)")
        let text = result.output
        let mark = "[\(language)] "
        for line in [
            mark + "USAGE: casebook <subcommand>", mark + "OPTIONS:", mark + "SUBCOMMANDS:",
            "  -h, --help              " + mark + "Show help information.",
            "  open " + mark + "(default)",
            "  " + mark + "See 'casebook help <subcommand>' for detailed help.",
        ] {
            #expect(text.contains("\n" + line), "\(line)\n\(text)")
        }
        #expect(text.hasPrefix(mark + "OVERVIEW: Follow newcomers"), "\(text)")
        // Wrapped again to the terminal's width after the words changed length.
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(text)")
        for english in ["USAGE:", "OPTIONS:", "SUBCOMMANDS:", "Show help information."] {
            #expect(!text.contains("\n" + english), "\(english)")
        }
    }

    @Test(arguments: languages)
    func aSubcommandsHelpHasTranslatedHeadingsAndDefaults(language: String) throws {
        let result = try run(["staff", "add", "--help"], language)
        #expect(result.status == 0, "\(result.error)")
        let text = result.output
        let mark = "[\(language)] "
        for line in [
            mark + "USAGE: casebook staff add [--db <path>] <username>", mark + "ARGUMENTS:", mark + "OPTIONS:",
            "  <username>              Their operating-system user name.",
        ] {
            #expect(text.contains(line), "\(line)\n\(text)")
        }
        // The default's words translated, the value as typed, wherever the width wraps the line.
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("officer, supervisor or admin. " + mark + "(default: officer)"), "\(text)")
        let report = try run(["report", "--help"], language).output.split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
        #expect(report.contains(mark + "(values: text, csv, json; default: text)"), "\(report)")
    }

    /// Each kind of ArgumentParser's messages, the values in it as typed.
    @Test(arguments: languages)
    func eachKindOfArgumentErrorIsTranslated(language: String) throws {
        let mark = "[\(language)] "
        let cases: [([String], String)] = [
            (["backup"], "Missing expected argument '<file>'"),
            (["backup", "copy.db", "--bogus"], "Unknown option '--bogus'"),
            (["backup", "copy.db", "--forse"], "Unknown option '--forse'. Did you mean '--force'?"),
            (["backup", "--db"], "Missing value for '--db <path>'"),
            (["demo", "--clients", "abc"], "The value 'abc' is invalid for '--clients <clients>'"),
            (["backup", "a", "b"], "Unexpected argument 'b'"),
            (["check", "--repair=3"], "The option '--repair' does not take any value, but '3' was specified."),
        ]
        for (arguments, english) in cases {
            let result = try run(arguments, language)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.error == mark + "Error: " + mark + english + "\n", "\(arguments)")
        }
        let several = try run(["backup", "a", "b", "c"], language)
        #expect(several.error == mark + "Error: " + mark + "2 unexpected arguments: 'b', 'c'\n")
        let choice = try run(["report", "--format", "xml"], language)
        #expect(
            choice.error
                == mark + "Error: " + mark
                + "The value 'xml' is invalid for '--format <format>'. Please provide one of "
                + mark
                + "'text', 'csv' or 'json'.\n")
        let two = try run(["contract", "print", "2026-000001", "--format", "pdf"], language)
        #expect(two.error.contains(mark + "'text' and 'html'."), "\(two.error)")
    }

    /// English stays as ArgumentParser writes it, byte for byte, the catalogue or not.
    @Test func englishIsArgumentParsersOwn() throws {
        let cases: [([String], String)] = [
            (["backup"], "Error: Missing expected argument '<file>'\n"),
            (["backup", "copy.db", "--forse"], "Error: Unknown option '--forse'. Did you mean '--force'?\n"),
            (["backup", "--db"], "Error: Missing value for '--db <path>'\n"),
            (["demo", "--clients", "abc"], "Error: The value 'abc' is invalid for '--clients <clients>'\n"),
            (["backup", "a", "b", "c"], "Error: 2 unexpected arguments: 'b', 'c'\n"),
            (
                ["report", "--format", "xml"],
                "Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'csv' or 'json'.\n"
            ),
        ]
        for (arguments, expected) in cases {
            #expect(try run(arguments, "en").error == expected, "\(arguments)")
        }
        let help = try run(["staff", "add", "--help"], "en").output
        #expect(help.hasPrefix("OVERVIEW: Register a staff member (admins only).\n\nUSAGE: casebook staff add"))
        #expect(help.contains("\n  --role <role>           officer, supervisor or admin. (default: officer)\n"))
        #expect(help.contains("\n  -h, --help              Show help information.\n"))
    }
}

/// Compiles a catalogue of `language` from `messages` (English to translated) and plural entries
/// (singular, plural, and their translations) into `folder`/LANG/LC_MESSAGES/casebook.mo with
/// msgfmt, as `make` compiles po/*.po.
func compileCatalogue(
    _ language: String, _ messages: [String: String], plurals: [(String, String, String, String)] = [],
    into folder: String, scratch: Scratch
) throws {
    let target = "\(folder)/\(language)/LC_MESSAGES"
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    var po =
        "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\nPlural-Forms: nplurals=2; plural=(n != 1);\\n\"\n"
    for (english, translated) in messages { po += "\nmsgid \(quoted(english))\nmsgstr \(quoted(translated))\n" }
    for (one, other, translatedOne, translatedOther) in plurals {
        po +=
            "\nmsgid \(quoted(one))\nmsgid_plural \(quoted(other))\nmsgstr[0] \(quoted(translatedOne))\nmsgstr[1] \(quoted(translatedOther))\n"
    }
    let source = scratch.path("\(language).po")
    try po.write(toFile: source, atomically: true, encoding: .utf8)
    _ = try shell("msgfmt", "-o", target + "/casebook.mo", source)
    try #require(FileManager.default.fileExists(atPath: target + "/casebook.mo"), "msgfmt failed")
}
