import CasebookConfig
import CasebookCore
import Testing

@testable import CasebookImport

@Suite struct VocabularyTests {
    static let everyTargetInEveryLanguage: [(ImportTarget, ImportLanguage)] = ImportTarget.all.flatMap { target in
        ImportLanguage.allCases.map { (target, $0) }
    }

    @Test(arguments: everyTargetInEveryLanguage)
    func everyFieldHasHeadersInEveryLanguage(_ target: ImportTarget, _ language: ImportLanguage) throws {
        let words = try #require(Vocabulary.headers[target]?[language])
        #expect(!words.isEmpty)
        for word in words {
            let recognised = try #require(ClientImport.recognisedTarget(word), "\(word)")
            #expect(recognised.target == target, "\(word) is read as \(recognised.target)")
        }
    }

    @Test func noHeaderWordNamesTwoTargets() {
        var seen: [String: ImportTarget] = [:]
        for (target, languages) in Vocabulary.headers {
            for word in languages.values.joined() {
                let key = Vocabulary.normalized(word)
                #expect(
                    seen[key] == nil || seen[key] == target, "\(word): \(seen[key].map { "\($0)" } ?? "") and \(target)"
                )
                seen[key] = target
            }
        }
    }

    /// The issue's examples, written as spreadsheets write them.
    @Test(arguments: [
        ("Etternavn", ClientField.familyName), ("Nachname", .familyName), ("Nom", .familyName),
        ("Achternaam", .familyName),
        ("Fødselsdato", .dateOfBirth), ("Geburtsdatum", .dateOfBirth), ("Date de naissance", .dateOfBirth),
        ("Geboortedatum", .dateOfBirth), ("FØDSELSDATO", .dateOfBirth), ("date_of_birth", .dateOfBirth),
        ("Date of birth", .dateOfBirth), ("Prénom", .givenNames), ("E-post", .email),
        ("Staatsangehörigkeit", .nationality),
        ("Date d'arrivée", .arrivalDate), ("Kjønn", .sex), ("Språk", .languages), ("Tolkespråk", .interpreterLanguage),
        ("Rett og plikt", .programmeStatus), ("Sårbarhet", .vulnerabilities), ("Gültig bis", .permitExpiry),
    ])
    func headersAreRecognisedWhateverTheirCaseAndAccents(_ header: String, _ field: ClientField) {
        #expect(ClientImport.recognisedTarget(header)?.target == .field(field))
    }

    @Test func externalIDsAndUnknownHeaders() {
        #expect(ClientImport.recognisedTarget("ID")?.target == .externalID)
        #expect(ClientImport.recognisedTarget("Intern merknad") == nil)
        #expect(ClientImport.recognisedTarget("Name") == nil)  // full name in English, family name in German
    }

    @Test(arguments: ImportLanguage.allCases)
    func everyCodedValueHasWordsInEveryLanguage(_ language: ImportLanguage) {
        for sex in Sex.allCases { #expect(Vocabulary.sex[sex]?[language]?.isEmpty == false, "\(sex) \(language)") }
        for category in ResidenceCategory.allCases {
            #expect(Vocabulary.residenceCategory[category]?[language]?.isEmpty == false, "\(category) \(language)")
        }
        for status in ProgrammeStatus.allCases {
            #expect(Vocabulary.programmeStatus[status]?[language]?.isEmpty == false, "\(status) \(language)")
        }
        for flag in Vulnerability.allCases {
            #expect(Vocabulary.vulnerabilities[flag]?[language]?.isEmpty == false, "\(flag) \(language)")
        }
        #expect(Vocabulary.statelessOrUnknown[language]?.isEmpty == false)
    }

    @Test func noValueWordNamesTwoValuesOfOneKind() {
        func check<Value: Hashable>(_ words: [Value: Vocabulary.Words]) {
            var seen: [String: Value] = [:]
            for (value, languages) in words {
                for word in languages.values.joined() {
                    let key = Vocabulary.normalized(word)
                    #expect(seen[key] == nil || seen[key] == value, "\(word)")
                    seen[key] = value
                }
            }
        }
        check(Vocabulary.sex)
        check(Vocabulary.residenceCategory)
        check(Vocabulary.programmeStatus)
        check(Vocabulary.vulnerabilities)
    }

    @Test(arguments: [
        ("Date d'arrivée", "date d arrivee"), ("E-post", "e post"), ("  FØDSELSDATO ", "fodselsdato"),
        ("Staats­angehörigkeit", "staatsangehorigkeit"), ("Nr.", "nr"), ("", ""),
    ])
    func normalizingIgnoresCaseAccentsAndPunctuation(_ text: String, _ normalized: String) {
        #expect(Vocabulary.normalized(text) == normalized)
    }
}

@Suite struct NameCatalogueTests {
    @Test(arguments: [
        "Syria", "Syrien", "Syrie", "Syrië", "SY", "SYR", "sy", "Syrian Arab Republic", "Den arabiske republikk Syria",
        "syria ",
    ])
    func syriaInEveryLanguageAndCode(_ text: String) throws {
        #expect(try Fixture.names().country(text) == .code("SY"))
    }

    @Test(arguments: [
        ("Iran", "IR"), ("Afghanistan", "AF"), ("Eritrea", "ER"), ("Érythrée", "ER"), ("Ukraine", "UA"),
        ("Oekraïne", "UA"),
        ("Somalia", "SO"), ("Somalie", "SO"), ("Irak", "IQ"), ("Türkei", "TR"), ("Turkije", "TR"), ("Russie", "RU"),
        ("Russia", "RU"), ("Palestina", "PS"), ("Vietnam", "VN"), ("statsløs", "XX"), ("staatenlos", "XX"),
        ("Ukjent", "XX"),
        ("ERI", "ER"), ("AFG", "AF"), ("Norge", "NO"), ("Niederlande", "NL"), ("Pays-Bas", "NL"),
    ])
    func countriesByNameOrCode(_ text: String, _ code: String) throws {
        #expect(try Fixture.names().country(text) == .code(code))
    }

    @Test func anAbbreviationOfSeveralCountriesIsAmbiguous() throws {
        guard case .ambiguous(let codes) = try Fixture.names().country("Guin") else {
            Issue.record("Guin should be ambiguous")
            return
        }
        #expect(Set(codes).isSuperset(of: ["GN", "GW", "GQ"]))
        #expect(try Fixture.names().country("Congo") == .code("CG"))  // the exact name wins over a part
        #expect(try Fixture.names().country("Ira") == .unknown)  // too short to be a start; SYR is a code
        #expect(try Fixture.names().country("Atlantis") == .unknown)
    }

    @Test(arguments: [
        ("Arabic", "ar"), ("Arabisk", "ar"), ("Arabisch", "ar"), ("arabe", "ar"), ("ar", "ar"), ("ara", "ar"),
        ("Tigrinya", "ti"), ("Tigrinja", "ti"), ("tigrigna", "ti"), ("Dari", "prs"), ("prs", "prs"), ("Deutsch", "de"),
        ("ger", "de"), ("Tysk", "de"), ("Paschtu", "ps"), ("Swahili", "sw"), ("Central Kurdish", "ckb"),
        ("Zentralkurdisch", "ckb"),
        ("Kurdisch", "ku"), ("Somali", "so"), ("somalisk", "so"), ("Ukrainisch", "uk"), ("Oekraïens", "uk"),
        ("Persan", "fa"),
        ("Vietnamesisk", "vi"),  // iso-codes gives Walloon and Dong this Norwegian name too
    ])
    func languagesByNameOrCode(_ text: String, _ code: String) throws {
        #expect(try Fixture.names().language(text) == .code(code))
    }

    @Test(arguments: [
        ("Arabisk, tysk", ["ar", "de"]), ("ar en", ["ar", "en"]), ("ar; ti / en", ["ar", "ti", "en"]),
        ("arabisk og fransk", ["ar", "fr"]), ("arabe et anglais", ["ar", "en"]), ("Arabisch en Engels", ["ar", "en"]),
        ("Central Kurdish, Arabic", ["ckb", "ar"]), ("ar, ar", ["ar"]),
    ])
    func languageListsInOneCell(_ text: String, _ codes: [String]) throws {
        let found = try Fixture.names().languages(in: text)
        #expect(found.codes == codes)
        #expect(found.unknown.isEmpty)
    }

    /// The languages newcomers to Norway speak most, as a Norwegian spreadsheet writes them:
    /// iso-codes' Bokmål catalogue lacks these names, its Nynorsk one has them as Bokmål writes them.
    @Test(arguments: [
        ("ukrainsk", "uk"), ("persisk", "fa"), ("kurdisk", "ku"), ("amharisk", "am"), ("albansk", "sq"),
        ("engelsk", "en"), ("kroatisk", "hr"), ("bosnisk", "bs"), ("litauisk", "lt"),
    ])
    func norwegianLanguageNamesTheBokmalCatalogueLacks(_ text: String, _ code: String) throws {
        #expect(try Fixture.names().language(text) == .code(code))
    }

    @Test func partsOfAListThatNameNoLanguageAreReturned() throws {
        // iso-codes translates some language names into Norwegian (arabisk, fransk), not all.
        let found = try Fixture.names().languages(in: "arabisk, klingon og fransk")
        #expect(found.codes == ["ar", "fr"])
        #expect(found.unknown == ["klingon og"])
    }
}

@Suite struct ImportMappingTests {
    static let text = """
        # columns by their header as the file writes it
        [columns]
        "Saksnr." = "case_number"
        "Intern ID" = "external_id"
        "Merknad" = "ignore"

        [values.sex]
        "kv" = "F"

        [values.country]
        "Russland" = "RU"

        [values.language]
        "persisk" = "fa"

        [dates]
        "Født" = "day-first"
        """

    @Test func aMappingFileMapsColumnsValuesAndDateOrders() throws {
        let mapping = try ImportMapping(path: "mapping.toml", text: Self.text)
        #expect(mapping.choice(forHeader: "SAKSNR") == .target(.field(.caseNumber)))
        #expect(mapping.choice(forHeader: "intern id") == .target(.externalID))
        #expect(mapping.choice(forHeader: "Merknad") == .ignore)
        #expect(mapping.choice(forHeader: "Etternavn") == nil)
        #expect(mapping.code(for: "KV", kind: .sex) == "F")
        #expect(mapping.code(for: "russland", kind: .country) == "RU")
        #expect(mapping.code(for: "Persisk", kind: .language) == "fa")
        #expect(mapping.dateOrder(forHeader: "født") == .dayFirst)
    }

    @Test(arguments: [
        ("[columns]\n\"Saksnr\" = \"case_nummer\"\n", 2, "\"case_nummer\" is not a field; use one of case_number"),
        ("[columns]\n\"Saksnr\" = 3\n", 2, "\"Saksnr\" must be set to text in quotes."),
        ("[values.sex]\n\"kv\" = \"W\"\n", 2, "\"kv\" must be set to one of F, M, X, U."),
        ("[values.country]\n\"Russland\" = \"Russia\"\n", 2, "an ISO 3166 code such as SY"),
        ("[values.colour]\n\"red\" = \"r\"\n", 1, "[values.colour] is not a kind of value"),
        ("[dates]\n\"Født\" = \"day first\"\n", 2, "is not an order of dates; use day-first or month-first."),
        ("\n\n[colums]\n", 3, "\"colums\" is not a part of a mapping file"),
        ("[columns\n", 1, "is not valid TOML"),
    ])
    func mistakesAreNamedWithTheLineAndWhatToWrite(_ text: String, _ line: Int, _ message: String) {
        let error = #expect(throws: ConfigError.self) { try ImportMapping(path: "m.toml", text: text) }
        #expect(error?.line == line, "\(error?.description ?? "")")
        #expect(error?.message.contains(message) == true, "\(error?.description ?? "")")
    }
}
