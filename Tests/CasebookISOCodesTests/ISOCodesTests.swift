import Foundation
import Testing

@testable import CasebookISOCodes

/// Writes a GNU `.mo` file the way msgfmt lays it out (no hash table), in either byte order.
func moFile(_ translations: [(String, String)], bigEndian: Bool = false) -> [UInt8] {
    let sorted = translations.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
    var out: [UInt8] = []
    func word(_ value: Int) {
        let v = UInt32(value)
        let bytes = [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
        out += bigEndian ? bytes.reversed() : bytes
    }
    let count = sorted.count
    let originals = 28
    let targets = originals + count * 8
    var data: [UInt8] = []
    var originalEntries: [(Int, Int)] = []
    var targetEntries: [(Int, Int)] = []
    let dataStart = targets + count * 8
    for (original, _) in sorted {
        originalEntries.append((original.utf8.count, dataStart + data.count))
        data += Array(original.utf8) + [0]
    }
    for (_, target) in sorted {
        targetEntries.append((target.utf8.count, dataStart + data.count))
        data += Array(target.utf8) + [0]
    }
    word(0x9504_12DE)
    word(0)
    word(count)
    word(originals)
    word(targets)
    word(0)
    word(dataStart)
    for (length, offset) in originalEntries + targetEntries {
        word(length)
        word(offset)
    }
    return out + data
}

@Suite struct MessageCatalogTests {
    @Test(arguments: [false, true])
    func readsEveryTranslationInEitherByteOrder(bigEndian: Bool) throws {
        let file = moFile(
            [
                ("", "Content-Type: text/plain; charset=UTF-8\n"), ("Syria", "Syrien"), ("Eritrea", "Eritrea"),
                ("Norway", "Norge"),
            ], bigEndian: bigEndian)
        let catalog = try MessageCatalog(bytes: file)
        #expect(catalog["Syria"] == "Syrien")
        #expect(catalog["Norway"] == "Norge")
        #expect(catalog[""] == nil)
        #expect(catalog.translations.count == 3)
    }

    @Test func keepsTheFirstPluralForm() throws {
        let catalog = try MessageCatalog(bytes: moFile([("one file\u{0}%d files", "én fil\u{0}%d filer")]))
        #expect(catalog["one file"] == "én fil")
    }

    @Test func refusesWhatIsNotACatalogue() {
        #expect(throws: CatalogFormatError.notACatalog) { try MessageCatalog(bytes: Array("msgid \"x\"".utf8)) }
        #expect(throws: CatalogFormatError.truncated) { try MessageCatalog(bytes: [0xDE, 0x12, 0x04]) }
    }

    @Test func refusesEntriesPointingOutsideTheFile() {
        var file = moFile([("Syria", "Syrien")])
        // The first original's offset (after the 28-byte header and its length word) points far away.
        file[32] = 0xFF
        file[33] = 0xFF
        #expect(throws: CatalogFormatError.truncated) { try MessageCatalog(bytes: file) }
        // A count larger than the file could hold.
        var counted = moFile([("Syria", "Syrien")])
        counted[8] = 0xFF
        counted[9] = 0xFF
        #expect(throws: CatalogFormatError.truncated) { try MessageCatalog(bytes: counted) }
    }

    @Test func refusesTextThatIsNotUTF8() {
        var file = moFile([("Syria", "Syrien")])
        let index = file.count - 3  // inside "Syrien"
        file[index] = 0xFF
        #expect(throws: CatalogFormatError.notUTF8) { try MessageCatalog(bytes: file) }
    }
}

@Suite struct ISOCodesTests {
    /// A catalogue made by the test: two countries, two languages, Norwegian translations.
    private static func fixture() throws -> (json: String, locale: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("isocodes-\(UUID().uuidString)").path
        let json = root + "/json"
        let messages = root + "/locale/nb/LC_MESSAGES"
        try FileManager.default.createDirectory(atPath: json, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: messages, withIntermediateDirectories: true)
        try
            #"{"3166-1": [{"alpha_2": "SY", "alpha_3": "SYR", "common_name": "Syria", "name": "Syrian Arab Republic", "numeric": "760"}, {"alpha_2": "ER", "alpha_3": "ERI", "name": "Eritrea", "numeric": "232", "official_name": "the State of Eritrea"}]}"#
            .write(toFile: json + "/iso_3166-1.json", atomically: true, encoding: .utf8)
        try
            #"{"639-3": [{"alpha_2": "ar", "alpha_3": "ara", "name": "Arabic", "scope": "M", "type": "L"}, {"alpha_3": "prs", "name": "Dari", "scope": "I", "type": "L"}]}"#
            .write(toFile: json + "/iso_639-3.json", atomically: true, encoding: .utf8)
        try Data(moFile([("Syria", "Syria"), ("Syrian Arab Republic", "Den arabiske republikk Syria")]))
            .write(to: URL(fileURLWithPath: messages + "/iso_3166-1.mo"))
        try Data(moFile([("Arabic", "Arabisk")])).write(to: URL(fileURLWithPath: messages + "/iso_639-3.mo"))
        return (json, root + "/locale")
    }

    @Test func readsEntriesAndTranslatesByLocale() throws {
        let (json, locale) = try Self.fixture()
        let codes = try ISOCodes(jsonDirectory: json, localeDirectory: locale)
        #expect(codes.countries.map(\.alpha2) == ["SY", "ER"])
        #expect(codes.countries[1].englishNames == ["Eritrea", "the State of Eritrea"])
        #expect(try codes.countryNames(locale: "nb_NO.UTF-8") == ["SY": "Syria", "ER": "Eritrea"])
        #expect(try codes.languageNames(locale: "nb") == ["ara": "Arabisk", "prs": "Dari"])
        #expect(try codes.languageNames(locale: "de_DE") == ["ara": "Arabic", "prs": "Dari"])
        #expect(try codes.translations(.countries, locale: "fr") == nil)
    }

    @Test func aMissingCatalogueSaysWhatToInstall() {
        let error = #expect(throws: ISOCodesError.self) { try ISOCodes(jsonDirectory: "/nonexistent/iso-codes") }
        #expect(error?.description.contains("apt-get install iso-codes") == true)
    }

    @Test func aBrokenTranslationIsRefusedWithItsPath() throws {
        let (json, locale) = try Self.fixture()
        try Data("not a catalogue".utf8).write(to: URL(fileURLWithPath: locale + "/nb/LC_MESSAGES/iso_639-3.mo"))
        let codes = try ISOCodes(jsonDirectory: json, localeDirectory: locale)
        #expect(
            throws: ISOCodesError.malformed(
                path: locale + "/nb/LC_MESSAGES/iso_639-3.mo", reason: "is not a gettext message catalogue")
        ) {
            try codes.languageNames(locale: "nb")
        }
    }

    @Test(arguments: [
        ("nb_NO.UTF-8", ["nb_NO", "nb"]), ("de", ["de"]), ("fr_FR@euro", ["fr_FR", "fr"]), ("no", ["no", "nb"]),
        ("no_NO", ["no_NO", "no", "nb"]), ("C", []), ("POSIX", []), ("C.UTF-8", []),
    ])
    func localeCandidatesGoFromTheFullLocaleToTheLanguage(_ locale: String, _ candidates: [String]) {
        #expect(ISOCodes.localeCandidates(locale) == candidates)
    }

    /// Debian's own catalogues, as `make test` installs them.
    @Test func debiansCataloguesNameCountriesInTheFiveLanguages() throws {
        let codes = try ISOCodes()
        #expect(codes.countries.count > 240)
        #expect(codes.languages.count > 7000)
        // The short name's translation where there is one, else the full name's: nb translates only that.
        let expected = [("nb", "Den arabiske republikk Syria"), ("de", "Syrien"), ("nl", "Syrië"), ("en", "Syria")]
        for (locale, name) in expected {
            #expect(try codes.countryNames(locale: locale)["SY"] == name, "\(locale)")
        }
        #expect(try codes.languageNames(locale: "de")["ara"] == "Arabisch")
        #expect(try codes.languageNames(locale: "fr")["tir"] == "tigrigna")
    }
}
