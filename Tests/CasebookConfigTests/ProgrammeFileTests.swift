import CasebookCore
import Foundation
import Testing

@testable import CasebookConfig

@Suite struct ProgrammeFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/programmes")

    static var shipped: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".toml") }
            .sorted()
    }

    @Test func theShippedPresetsAreThere() {
        #expect(
            Self.shipped == [
                "at-integrationsgesetz.toml", "de-integrationskurs.toml", "dk-selvforsorgelse-hjemrejse.toml",
                "fi-kotoutumisohjelma.toml", "fr-cir.toml", "nl-inburgering-2021.toml", "no-introduction.toml",
                "template.toml",
            ])
    }

    @Test(arguments: shipped)
    func everyShippedPresetParsesAndCitesItsSources(_ name: String) throws {
        let path = Self.folder.appendingPathComponent(name).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let programme = try ProgrammeFile.parse(path: path, text: text)
        #expect(!programme.profiles.isEmpty)
        #expect(programme.id == name.replacingOccurrences(of: ".toml", with: "") || name == "template.toml")
        if name != "template.toml" {
            #expect(text.lowercased().contains("source"), "every preset names its sources")
            #expect(
                programme.obligations.contains { $0.party == .authority }
                    && programme.obligations.contains { $0.party == .newcomer },
                "obligations bind both sides")
            for profile in programme.profiles { #expect(!profile.targets.isEmpty, "\(profile.id) has targets") }
        }
    }

    @Test func norwaySetsTargetsByPriorEducation() throws {
        let path = Self.folder.appendingPathComponent("no-introduction.toml").path
        let programme = try ProgrammeFile.parse(path: path, text: try String(contentsOfFile: path, encoding: .utf8))
        #expect(programme.profiles.count >= 3)
        #expect(Set(programme.profiles.map { $0.targets[.reading] }).count > 1, "targets differ by profile")
        #expect(programme.recognitionDecision.text == "4m")
        #expect(programme.civicTest?.passMark != nil)
    }

    static let minimal = """
        id = "test"
        name = "Test programme"
        country = "NO"
        language = "nb"
        valid_from = "2021-01-01"

        [hours]
        language = 550
        civic = 50

        [recognition]
        decision_within = "4m"
        acknowledge_within = "1m"
        qualifications_passport_valid = "5y"

        [civic]
        required = true

        [[civic.modules]]
        id = "social"
        name = "Social studies"
        hours = 50

        [civic.test]
        name = "Test"
        questions = 34
        pass_mark = 26

        [[profiles]]
        id = "basic"
        name = "Basic"

        [profiles.targets]
        reading = "A2"
        writing = "A2"

        [[profiles]]
        id = "advanced"
        name = "Advanced"

        [profiles.targets]
        reading = "B1"

        [[obligations]]
        party = "authority"
        category = "language"
        description = "Offer a course"
        legal_basis = "§ 1"
        anchor = "settlement"
        due = "3m"
        """

    func error(replacing old: String, with new: String) -> ConfigError? {
        let text = Self.minimal.replacingOccurrences(of: old, with: new)
        #expect(text != Self.minimal, "the test changes the file")
        do {
            _ = try ProgrammeFile.parse(path: "p.toml", text: text)
            return nil
        } catch { return error }
    }

    @Test func anObligationsDescriptionMayComeInTheLanguagesCasebookSpeaks() throws {
        let text = Self.minimal.replacingOccurrences(
            of: "description = \"Offer a course\"",
            with: "description.en = \"Offer a course\"\ndescription.nb = \"Tilby kurs\"")
        let obligation = try #require(try ProgrammeFile.parse(path: "p.toml", text: text).obligations.first)
        #expect(obligation.description == "Offer a course")
        #expect(obligation.translations == ["nb": "Tilby kurs"])
        let plain = try #require(try ProgrammeFile.parse(path: "p.toml", text: Self.minimal).obligations.first)
        #expect(plain.translations.isEmpty)
    }

    @Test func theMinimalFileParses() throws {
        let programme = try ProgrammeFile.parse(path: "p.toml", text: Self.minimal)
        #expect(programme.profile("advanced")?.targets == [.reading: .b1])
        #expect(programme.civicModules.first?.hours == 50)
        #expect(programme.obligations.first?.due.text == "3m")
    }

    @Test(arguments: [
        ("reading = \"B1\"", "reading = \"B3\"", 42, "\"B3\" is not a CEFR level"),
        ("writing = \"A2\"", "speaking = \"A2\"", 35, "\"speaking\" is not a skill"),
        ("party = \"authority\"", "party = \"state\"", 45, "\"state\" is not a known party"),
        ("anchor = \"settlement\"", "anchor = \"birthday\"", 49, "\"birthday\" is not a known anchor"),
        ("due = \"3m\"", "due = \"soon\"", 50, "\"soon\" is not a duration"),
        ("language = 550", "language = \"many\"", 8, "must be a whole number"),
        ("pass_mark = 26", "pass_mark = 40", 27, "exceeds the number of questions"),
        ("country = \"NO\"", "country = \"Norway\"", 3, "not an ISO 3166"),
        ("hours = 50", "hours = 50\ncolour = \"red\"", 23, "unknown key"),
        ("[civic]", "[civics]", 16, "civics: unknown key"),
        // The keys of issue 18, one case per kind.
        ("valid_from = \"2021-01-01\"", "valid_from = \"1 January 2021\"", 5, "valid_from: must be a day written"),
        ("valid_from = \"2021-01-01\"\n", "", 1, "valid_from is missing"),
        (
            "language = 550", "language = 550\nlanguage_basis = \"custom\"", 9,
            "\"custom\" is not a known language_basis"
        ),
        ("due = \"3m\"", "due = \"3m\"\ndue_basis = \"statute\"", 51, "\"statute\" is not a known due_basis"),
        (
            "name = \"Advanced\"", "name = \"Advanced\"\nlanguage_hours_basis = \"guidance\"", 40,
            "which is not given here"
        ),
        ("due = \"3m\"", "due = \"3m\"\nprofiles = [\"expert\"]", 51, "\"expert\" is not a profile of this programme"),
        ("hours = 50", "hours = 50\nprofiles = \"basic\"", 23, "must be a list of strings"),
        (
            "hours = 50", "hours = 50\nprofiles = [\"nobody\"]", 23,
            "civic.modules[0].profiles: \"nobody\" is not a profile"
        ),
        ("name = \"Advanced\"", "name = \"Advanced\"\nextension = \"long\"", 40, "\"long\" is not a duration"),
        (
            "name = \"Advanced\"", "name = \"Advanced\"\nrepeat_hours = 0", 40,
            "repeat_hours: must lie between 1 and 2000"
        ),
        ("name = \"Advanced\"", "name = \"Advanced\"\ndiscontinued_from = \"2025-02-30\"", 40, "must be a day written"),
        (
            "pass_mark = 26", "pass_mark = 26\nexempt_residence = [\"tourist\"]", 28,
            "\"tourist\" is not a residence category"
        ),
        ("pass_mark = 26", "pass_mark = 26\nexempt_from_age = 5", 28, "exempt_from_age: must lie between 16 and 120"),
        (
            "qualifications_passport_valid = \"5y\"",
            "qualifications_passport_valid = \"5y\"\n\n[[recognition.variants]]\nid = \"fast\"\nname = \"Fast\"\nlegal_basis = \"§ 2\"\ndecision_within = \"two months\"\nacknowledge_within = \"2w\"",
            20, "recognition.variants[0].decision_within: \"two months\" is not a duration"
        ),
        (
            "due = \"3m\"",
            "due = \"3m\"\n\n[[admission_stops]]\nid = \"stop\"\ndescription = \"No admissions\"\nlegal_basis = \"§ 3\"\nstatuses = [\"tourists\"]\nfrom = \"2026-02-09\"",
            56, "admission_stops[0].statuses: \"tourists\" is not a known status"
        ),
        (
            "due = \"3m\"",
            "due = \"3m\"\n\n[[admission_stops]]\nid = \"stop\"\ndescription = \"No admissions\"\nlegal_basis = \"§ 3\"\nstatuses = [\"voluntary\"]\nfrom = \"2026-02-09\"\nuntil = \"2026-01-01\"",
            58, "ends (2026-01-01) before it starts (2026-02-09)"
        ),
        // An obligation's description in the languages Casebook speaks (issue 19).
        (
            "description = \"Offer a course\"", "description.en = \"Offer a course\"\ndescription.sv = \"Erbjud en kurs\"",
            48, "obligations[0].description.sv: is not a language Casebook speaks"
        ),
        ("description = \"Offer a course\"", "description.nb = \"Tilby kurs\"", 47, "obligations[0].description.en is missing"),
        ("description = \"Offer a course\"", "description.en = \"Offer a course\"\ndescription.nb = 5", 48, "must be a string"),
        // [retention] (issue 16): a programme's own period needs the law that sets it.
        (
            "due = \"3m\"", "due = \"3m\"\n\n[retention]\nerase_after = \"10y\"", 52,
            "retention.legal_source: a programme's retention period needs the law that sets it"
        ),
        (
            "due = \"3m\"", "due = \"3m\"\n\n[retention]\nerase_after = \"forever\"\nlegal_source = \"§ 9\"", 53,
            "retention.erase_after: \"forever\" is not a retention period"
        ),
        (
            "due = \"3m\"", "due = \"3m\"\n\n[retention]\nerase_after = \"0y\"\nlegal_source = \"§ 9\"", 53,
            "is not a retention period"
        ),
        ("due = \"3m\"", "due = \"3m\"\n\n[retention]\nlegal_source = \"§ 9\"", 52, "retention.erase_after is missing"),
        (
            "due = \"3m\"", "due = \"3m\"\n\n[retention]\nerase_after = \"10y\"\nlegal_source = \" \"", 54,
            "retention.legal_source: must be a non-empty line"
        ),
        (
            "due = \"3m\"",
            "due = \"3m\"\n\n[retention]\nerase_after = \"10y\"\nlegal_source = \"§ 9\"\nkeep = true", 55,
            "retention.keep: unknown key"
        ),
        // [outcomes] (issue 18): a target needs its source and is a share.
        (
            "due = \"3m\"", "due = \"3m\"\n\n[outcomes]\nwork_or_education = 0.7", 52,
            "outcomes.source: an outcome target needs its source"
        ),
        (
            "due = \"3m\"", "due = \"3m\"\n\n[outcomes]\nwork_or_education = 70\nsource = \"Budget\"", 53,
            "outcomes.work_or_education: must be a share between 0 and 1"
        ),
        (
            "due = \"3m\"", "due = \"3m\"\n\n[outcomes]\nsource = \"Budget\"", 52,
            "outcomes.work_or_education is missing"
        ),
        (
            "due = \"3m\"", "due = \"3m\"\n\n[outcomes]\nwork_or_education = 0.7\nsource = \"B\"\nin_work = 0.5", 55,
            "outcomes.in_work: unknown key"
        ),
    ])
    func mistakesAreRefusedWithFileLineAndKey(_ old: String, _ new: String, _ line: Int, _ phrase: String) {
        let failure = error(replacing: old, with: new)
        #expect(failure?.path == "p.toml")
        #expect(failure?.line == line, "\(failure?.description ?? "no error")")
        #expect(failure?.message.contains(phrase) == true, "\(failure?.description ?? "no error")")
    }

    @Test func aProgrammesOwnRetentionPeriodIsReadWithItsLegalSource() throws {
        #expect(try ProgrammeFile.parse(path: "p.toml", text: Self.minimal).retention == nil, "the site's rule applies")
        let text = Self.minimal.replacingOccurrences(
            of: "due = \"3m\"",
            with: "due = \"3m\"\n\n[retention]\nerase_after = \"10y\"\nlegal_source = \"Archives Act § 9\"")
        let programme = try ProgrammeFile.parse(path: "p.toml", text: text)
        #expect(
            programme.retention == ProgrammeRetention(eraseAfter: TimeSpan(10, .years), legalSource: "Archives Act § 9")
        )
    }

    @Test func anOutcomeTargetIsReadWithItsSourceAndIsAbsentWithoutTheTable() throws {
        #expect(try ProgrammeFile.parse(path: "p.toml", text: Self.minimal).outcomeTarget == nil)
        let text = Self.minimal.replacingOccurrences(
            of: "due = \"3m\"",
            with: "due = \"3m\"\n\n[outcomes]\nwork_or_education = 0.75\nsource = \"Budget, goal 2\"")
        #expect(
            try ProgrammeFile.parse(path: "p.toml", text: text).outcomeTarget
                == OutcomeTarget(share: 0.75, source: "Budget, goal 2"))
        let whole = Self.minimal.replacingOccurrences(
            of: "due = \"3m\"", with: "due = \"3m\"\n\n[outcomes]\nwork_or_education = 1\nsource = \"All\"")
        #expect(try ProgrammeFile.parse(path: "p.toml", text: whole).outcomeTarget?.share == 1)
    }

    @Test func theKeysOfIssue18AreRead() throws {
        let text =
            Self.minimal
            .replacingOccurrences(of: "language = 550", with: "language = 0")
            .replacingOccurrences(
                of: "decision_within = \"4m\"", with: "decision_within = \"4m\"\ndecision_within_basis = \"norm\""
            )
            .replacingOccurrences(
                of: "qualifications_passport_valid = \"5y\"",
                with:
                    "qualifications_passport_valid = \"5y\"\n\n[[recognition.variants]]\nid = \"fast\"\nname = \"Fast\"\nlegal_basis = \"§ 2\"\ndecision_within = \"2m\"\nacknowledge_within = \"2w\""
            )
            .replacingOccurrences(of: "hours = 50", with: "hours = 50\nprofiles = [\"advanced\"]")
            .replacingOccurrences(
                of: "pass_mark = 26",
                with:
                    "pass_mark = 26\nexempt_residence = [\"subsidiary_protection\", \"refugee\"]\nexempt_from_age = 65"
            )
            .replacingOccurrences(
                of: "name = \"Basic\"",
                with:
                    "name = \"Basic\"\nduration = \"2y\"\nextension = \"1y\"\nlanguage_hours = 900\nlanguage_hours_basis = \"guidance\"\nrepeat_hours = 300\ndiscontinued_from = 2025-05-01"
            )
            .replacingOccurrences(
                of: "due = \"3m\"", with: "due = \"3m\"\ndue_basis = \"guidance\"\nprofiles = [\"basic\"]")
            + "\n[[admission_stops]]\nid = \"stop\"\ndescription = \"No admissions\"\nlegal_basis = \"§ 3\"\nstatuses = [\"voluntary\"]\nfrom = \"2026-02-09\"\n"
        let programme = try ProgrammeFile.parse(path: "p.toml", text: text)
        #expect(programme.validFrom == Day(year: 2021, month: 1, day: 1))
        #expect(programme.languageBudget(profile: "advanced") == .notSetByLaw)
        #expect(programme.languageBudget(profile: "basic") == .hours(900, basis: .guidance))
        #expect(programme.recognitionDecisionBasis == .norm && programme.recognitionAcknowledgementBasis == .law)
        #expect(programme.recognitionVariants.map(\.id) == ["fast"])
        #expect(programme.civicModules.first?.profiles == ["advanced"])
        #expect(
            programme.civicTest?.exemptResidence == [.refugee, .subsidiaryProtection], "in the order of the categories")
        #expect(programme.civicTest?.exemptFromAge == 65)
        let basic = try #require(programme.profile("basic"))
        #expect(basic.duration?.text == "2y" && basic.extendableBy?.text == "1y" && basic.repeatHours == 300)
        #expect(basic.discontinuedFrom == Day(year: 2025, month: 5, day: 1), "a bare TOML date is read too")
        #expect(
            programme.obligations.first?.dueBasis == .guidance && programme.obligations.first?.profiles == ["basic"])
        #expect(programme.obligations(forProfile: "advanced").isEmpty && programme.obligations(forProfile: nil).isEmpty)
        #expect(
            programme.admissionStops.first?.statuses == [.voluntary] && programme.admissionStops.first?.until == nil)
    }

    @Test func syntaxErrorsNameTheLine() {
        let failure = error(replacing: "[hours]", with: "[hours")
        #expect(failure?.line == 7)
    }

    @Test func aProfileWithoutItsNameIsRefusedAtItsHeader() {
        let failure = error(replacing: "name = \"Advanced\"\n", with: "")
        #expect(failure?.message == "profiles[1].name is missing.")
        #expect(failure?.line == 37)
    }
}
