import CasebookCore
import Foundation
import Testing

@testable import CasebookConfig

@Suite struct ProgrammeFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/programmes")

    static var shipped: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
    }

    @Test func theShippedPresetsAreThere() {
        #expect(Self.shipped == [
            "de-integrationskurs.toml", "fr-cir.toml", "nl-inburgering-2021.toml", "no-introduction.toml", "template.toml",
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
            #expect(programme.obligations.contains { $0.party == .authority } && programme.obligations.contains { $0.party == .newcomer },
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

    @Test func theMinimalFileParses() throws {
        let programme = try ProgrammeFile.parse(path: "p.toml", text: Self.minimal)
        #expect(programme.profile("advanced")?.targets == [.reading: .b1])
        #expect(programme.civicModules.first?.hours == 50)
        #expect(programme.obligations.first?.due.text == "3m")
    }

    @Test(arguments: [
        ("reading = \"B1\"", "reading = \"B3\"", 41, "\"B3\" is not a CEFR level"),
        ("writing = \"A2\"", "speaking = \"A2\"", 34, "\"speaking\" is not a skill"),
        ("party = \"authority\"", "party = \"state\"", 44, "\"state\" is not a known party"),
        ("anchor = \"settlement\"", "anchor = \"birthday\"", 48, "\"birthday\" is not a known anchor"),
        ("due = \"3m\"", "due = \"soon\"", 49, "\"soon\" is not a duration"),
        ("language = 550", "language = \"many\"", 7, "must be a whole number"),
        ("pass_mark = 26", "pass_mark = 40", 26, "exceeds the number of questions"),
        ("country = \"NO\"", "country = \"Norway\"", 3, "not an ISO 3166"),
        ("hours = 50", "hours = 50\ncolour = \"red\"", 22, "unknown key"),
        ("[civic]", "[civics]", 15, "civics: unknown key"),
    ])
    func mistakesAreRefusedWithFileLineAndKey(_ old: String, _ new: String, _ line: Int, _ phrase: String) {
        let failure = error(replacing: old, with: new)
        #expect(failure?.path == "p.toml")
        #expect(failure?.line == line, "\(failure?.description ?? "no error")")
        #expect(failure?.message.contains(phrase) == true, "\(failure?.description ?? "no error")")
    }

    @Test func syntaxErrorsNameTheLine() {
        let failure = error(replacing: "[hours]", with: "[hours")
        #expect(failure?.line == 6)
    }

    @Test func aProfileWithoutItsNameIsRefusedAtItsHeader() {
        let failure = error(replacing: "name = \"Advanced\"\n", with: "")
        #expect(failure?.message == "profiles[1].name is missing.")
        #expect(failure?.line == 36)
    }
}
