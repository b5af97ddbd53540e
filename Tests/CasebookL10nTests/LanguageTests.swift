import CasebookISOCodes
import Foundation
import Testing

@testable import CasebookL10n

@Suite struct PluralRuleTests {
    @Test(arguments: [
        // English, German, Norwegian, Dutch; French counts 0 as singular; Polish has three forms.
        ("nplurals=2; plural=(n != 1);", [0: 1, 1: 0, 2: 1, 21: 1]),
        ("nplurals=2; plural=(n > 1);", [0: 0, 1: 0, 2: 1, 100: 1]),
        ("nplurals=1; plural=0;", [0: 0, 1: 0, 7: 0]),
        (
            "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
            [1: 0, 2: 1, 4: 1, 5: 2, 12: 2, 22: 1, 25: 2, 0: 2]
        ),
        (
            "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
            [1: 0, 102: 1, 4: 2, 5: 3]
        ),
        ("nplurals=2; plural=!(n == 1);", [1: 0, 3: 1]),
    ])
    func aRulePicksTheFormGettextWould(header: String, forms: [Int: Int]) throws {
        let rule = try #require(PluralRule(header: header))
        for (n, form) in forms { #expect(rule.form(for: n) == form, "n = \(n) in \(header)") }
    }

    @Test(arguments: [
        "", "nplurals=2;", "plural=(n != 1);", "nplurals=2; plural=(n != );", "nplurals=2; plural=n ? 1;",
    ])
    func aRuleItCannotReadIsRefused(header: String) {
        #expect(PluralRule(header: header) == nil)
    }

    @Test func aFormBeyondTheDeclaredCountFallsBackToTheFirst() throws {
        let rule = try #require(PluralRule(header: "nplurals=2; plural=n;"))
        #expect(rule.form(for: 5) == 0)
        #expect(rule.form(for: 1) == 1)
    }
}

@Suite struct LanguageChoiceTests {
    let shipped: (String) -> Bool = { LanguageChoice.shipped.contains($0) }

    @Test(
        arguments: [
            // (requested, environment, expected language)
            (nil, ["LANG": "nb_NO.UTF-8"], "nb"),
            (nil, ["LANG": "C.UTF-8", "LANGUAGE": "de"], "de"),
            (nil, ["LANG": "C.UTF-8", "LANGUAGE": "sv:fr:nb"], "fr"),
            (nil, ["LANG": "C.UTF-8", "LANGUAGE": "en:nb"], nil),
            // glibc ignores LANGUAGE under the C locale, and so does Casebook.
            (nil, ["LANG": "C", "LANGUAGE": "de"], nil),
            (nil, ["LANGUAGE": "de"], nil),
            (nil, ["LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "de_DE.UTF-8", "LANG": "nl_NL.UTF-8"], "fr"),
            (nil, ["LC_MESSAGES": "de_AT.UTF-8", "LANG": "nl_NL.UTF-8"], "de"),
            (nil, ["LANG": "no_NO.UTF-8"], "nb"),
            (nil, ["LANG": "sv_SE.UTF-8"], nil),
            ("nl", ["LANG": "nb_NO.UTF-8", "LANGUAGE": "de"], "nl"),
            ("en", ["LANG": "nb_NO.UTF-8"], nil),
            ("fr_BE", [:], "fr"),
        ] as [(String?, [String: String], String?)])
    func theLanguageComesFromTheRequestThenTheEnvironment(
        requested: String?, environment: [String: String], expected: String?
    ) {
        let choice = LanguageChoice.settle(requested: requested, environment: environment, has: shipped)
        #expect(choice.language == expected)
        #expect(choice.warning == nil)
    }

    @Test func anUnknownRequestedLanguageSpeaksEnglishAndSaysSoOnce() {
        let choice = LanguageChoice.settle(requested: "sv", environment: ["LANG": "nb_NO.UTF-8"], has: shipped)
        #expect(choice.language == nil)
        #expect(choice.warning == "Casebook has no sv translation, so it speaks English; it knows en, nb, de, fr, nl.")
    }

    @Test(arguments: ["../../etc/x", "nb/../de", "\u{1B}[31m", ".hidden", String(repeating: "x", count: 41)])
    func aRequestThatIsNoLocaleNameIsNeitherUsedNorEchoed(requested: String) {
        var asked: [String] = []
        let choice = LanguageChoice.settle(requested: requested, environment: [:]) {
            asked.append($0)
            return true
        }
        #expect(choice.language == nil)
        #expect(asked.isEmpty)
        #expect(choice.warning?.contains(requested) == false)
    }
}

@Suite struct CatalogueTests {
    /// A catalogue compiled by msgfmt from `po`, loaded as the program loads it.
    func compiled(_ po: String, language: String = "xx") throws -> Catalogue {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let messages = folder + "/\(language)/LC_MESSAGES"
        try FileManager.default.createDirectory(atPath: messages, withIntermediateDirectories: true)
        try po.write(toFile: folder + "/in.po", atomically: true, encoding: .utf8)
        let result = try run(["msgfmt", "--check", "-o", messages + "/casebook.mo", folder + "/in.po"])
        try #require(result.status == 0, "\(result.error)")
        return try #require(try Catalogue.load(language: language, folder: folder))
    }

    static let french = #"""
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\n"
        "Plural-Forms: nplurals=2; plural=(n > 1);\n"

        msgid "Saved {name}."
        msgstr "{name} enregistré."

        msgid "{count} client"
        msgid_plural "{count} clients"
        msgstr[0] "{count} dossier"
        msgstr[1] "{count} dossiers"
        """#

    @Test(.enabled(if: gettextUnavailable == nil, "Skipped: \(gettextUnavailable ?? "")."))
    func aCatalogueTranslatesAndTakesItsPluralsFromItsHeader() throws {
        let catalogue = try compiled(CatalogueTests.french)
        #expect(catalogue.language == "xx")
        Messages.speaking(catalogue) {
            #expect(Messages.language == "xx")
            #expect(tr("Saved {name}.", ["name": "Haddad"]) == "Haddad enregistré.")
            // French says "0 dossier": the catalogue's rule, not English's.
            #expect(trn("{count} client", "{count} clients", 0) == "0 dossier")
            #expect(trn("{count} client", "{count} clients", 1) == "1 dossier")
            #expect(trn("{count} client", "{count} clients", 2) == "2 dossiers")
            #expect(tr("Not in the catalogue.") == "Not in the catalogue.")
            #expect(trn("{count} row", "{count} rows", 0) == "0 rows")
        }
        // Outside, the rest of the process still speaks English.
        #expect(tr("Saved {name}.", ["name": "Haddad"]) == "Saved Haddad.")
    }

    @Test func aFileThatIsNoCatalogueIsRefusedWithItsPath() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/nb/LC_MESSAGES", withIntermediateDirectories: true)
        try "not a catalogue".write(toFile: folder + "/nb/LC_MESSAGES/casebook.mo", atomically: true, encoding: .utf8)
        #expect(throws: CatalogueError.self) { try Catalogue.load(language: "nb", folder: folder) }
        #expect(try Catalogue.load(language: "de", folder: folder) == nil)
    }

    @Test(
        .enabled(if: gettextUnavailable == nil, "Skipped: \(gettextUnavailable ?? "")."),
        arguments: LanguageChoice.shipped)
    func eachShippedCatalogueCompilesAndDeclaresItsPlurals(language: String) throws {
        let text = try String(contentsOfFile: "\(packageRoot)/po/\(language).po", encoding: .utf8)
        let catalogue = try compiled(text, language: language)
        #expect(catalogue.messages.headerField("Plural-Forms") != nil)
        #expect(catalogue.plural.form(for: 1) == 0)
        #expect(catalogue.plural.form(for: 2) == 1)
        #expect(catalogue.plural.form(for: 0) == (language == "fr" ? 0 : 1))
    }
}
