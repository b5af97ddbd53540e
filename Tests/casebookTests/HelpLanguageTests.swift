import CasebookTestSupport
import Foundation
import Testing

/// `--help` and the lists in the officer's language (issue 19): the language is settled before
/// ArgumentParser reads the commands' help, so nothing English is cached before it is known. The
/// catalogues here are small ones of the test's own, compiled by msgfmt as `make` compiles
/// po/*.po, so that the check holds whatever words the translators choose; CatalogueCheckTests
/// holds every help text to the shipped catalogues.
@Suite(.enabled(if: !msgfmtMissing || isCI, "Skipped: msgfmt is not installed (make deps installs gettext)."))
struct HelpLanguageTests {
    let scratch: Scratch
    let locale: String

    /// The test's translations: `staff add`'s abstract, one option's help, the shared `--db`
    /// help, and two headings of `office list`.
    static let translations: [String: [String: String]] = [
        "de": [
            "Register a staff member (admins only).": "Eine Person als Mitarbeitende erfassen (nur Admins).",
            "Their full name as colleagues read it.": "Der volle Name, wie Kolleginnen und Kollegen ihn lesen.",
            "The case file.": "Die Falldatei.",
            "CODE": "KÜRZEL DER DIENSTSTELLE",
            "NAME": "BEZEICHNUNG",
        ],
        "nb": [
            "Register a staff member (admins only).": "Registrer en ansatt (bare administratorer).",
            "Their full name as colleagues read it.": "Fullt navn slik kollegene leser det.",
            "The case file.": "Saksfilen.",
            "CODE": "KONTORKODE",
            "NAME": "NAVN",
        ],
    ]

    init() throws {
        scratch = try Scratch()
        locale = scratch.path("locale")
        for (language, messages) in HelpLanguageTests.translations {
            try compileCatalogue(language, messages, into: locale, scratch: scratch)
        }
    }

    /// The help with ArgumentParser's line breaks taken out, so that a phrase is found wherever
    /// the terminal's width wrapped it.
    func help(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let result = try Casebook.run(
            arguments, environment: environment.merging(["CASEBOOK_LOCALE_DIR": locale, "COLUMNS": "80"]) { $1 })
        #expect(result.status == 0, "\(result.error)")
        return result.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(arguments: ["de", "nb"])
    func aCommandsHelpSpeaksTheLanguageAskedFor(language: String) throws {
        let words = try #require(HelpLanguageTests.translations[language])
        let text = try help(["--language", language, "staff", "add", "--help"])
        for english in [
            "Register a staff member (admins only).", "Their full name as colleagues read it.", "The case file.",
        ] {
            let translated = try #require(words[english])
            #expect(text.contains(translated), "\(text)")
            #expect(!text.contains(english), "\(text)")
        }
        // ArgumentParser's own words, which this catalogue does not translate, stay as it writes them.
        #expect(text.contains("USAGE:") && text.contains("OPTIONS:"), "\(text)")
    }

    @Test func theHelpFollowsTheEnvironmentWithoutLanguage() throws {
        let text = try help(
            ["staff", "add", "--help"], environment: ["LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "nb"])
        #expect(text.contains("Registrer en ansatt (bare administratorer)."), "\(text)")
        let english = try help(["--language", "en", "staff", "add", "--help"], environment: ["LANGUAGE": "nb"])
        #expect(english.contains("Register a staff member (admins only)."), "\(english)")
    }

    /// What `make install` generates from the help (the man page reads the dumped help) is English,
    /// whatever language the person who builds it works in.
    @Test func theManPageAndTheCompletionScriptsStayEnglish() throws {
        let environment = ["LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "de"]
        for arguments in [["--experimental-dump-help"], ["--generate-completion-script", "fish"]] {
            let text = try help(arguments, environment: environment)
            #expect(text.contains("Register a staff member (admins only)."), "\(arguments)")
            #expect(!text.contains("Eine Person als Mitarbeitende erfassen"), "\(arguments)")
        }
        let asked = try help(["--language", "de", "--generate-completion-script", "fish"], environment: environment)
        #expect(asked.contains("Eine Person als Mitarbeitende erfassen"))
    }

    /// A heading longer than its English one widens its column: every name starts where the
    /// heading NAME (translated) starts.
    @Test(arguments: ["de", "nb"])
    func aListsColumnsAreAsWideAsTheirTranslatedHeadings(language: String) throws {
        let words = try #require(HelpLanguageTests.translations[language])
        let db = scratch.path("\(language).db")
        #expect(try Casebook.run(["demo", "--db", db, "--clients", "30"]).status == 0)
        let result = try Casebook.run(
            ["--language", language, "office", "list", "--db", db], environment: ["CASEBOOK_LOCALE_DIR": locale])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        let heading = try #require(lines.first)
        let code = try #require(words["CODE"])
        let name = try #require(words["NAME"])
        #expect(heading.hasPrefix(code + "  "), "\(heading)")
        let column = try #require(heading.range(of: name)).lowerBound
        let offset = heading.distance(from: heading.startIndex, to: column)
        #expect(offset == code.count + 2, "\(heading)")
        for line in lines.dropFirst() {
            // The code, then spaces up to the name's column: nothing runs into the next column.
            let cells = Array(line)
            #expect(cells.count > offset && cells[offset - 1] == " " && cells[offset] != " ", "\(line)")
        }
    }
}
