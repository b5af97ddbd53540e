import CasebookCore
import CasebookL10n
import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookConfig

/// The shipped presets as Casebook uses them: parsed, imported into a fresh database, read back,
/// and asked the questions the screens will ask.
@Suite struct ShippedPresetTests {
    static func preset(_ id: String) throws -> (programme: Programme, path: String, text: String) {
        let path = ProgrammeFileTests.folder.appendingPathComponent(id + ".toml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return (try ProgrammeFile.parse(path: path, text: text), path, text)
    }

    static let ids = ProgrammeFileTests.shipped.filter { $0 != "template.toml" }.map {
        $0.replacingOccurrences(of: ".toml", with: "")
    }

    @Test(arguments: ids)
    func everyPresetImportsAndReadsBackWhole(_ id: String) throws {
        let fixture = try Fixture()
        let (programme, path, text) = try Self.preset(id)
        let stored = try #require(
            try fixture.store.importShippedProgramme(
                programme, sourceFile: path, sourceText: text, actor: fixture.admin.id))
        var expected = programme
        expected.version = 1
        #expect(stored == expected)
        // Another connection reads it from the tables, not from a cache.
        #expect(try fixture.secondConnection().programme(id: id, version: 1) == expected)
        #expect(programme.validFrom != nil, "every preset says from when its rules are in force")
    }

    /// Where the programme's country speaks a language Casebook speaks, every obligation has its
    /// words in that language too, and the Store gives them by the English text (issue 19).
    @Test(arguments: ids)
    func theObligationsComeInTheCountrysLanguageWhereCasebookSpeaksIt(_ id: String) throws {
        let (programme, path, text) = try Self.preset(id)
        let language = programme.languageCode
        guard LanguageChoice.shipped.contains(language) else {
            #expect(programme.obligations.allSatisfy { $0.translations.isEmpty }, "\(id) translates into a language Casebook does not speak")
            return
        }
        for obligation in programme.obligations {
            #expect(obligation.translations[language] != nil, "\(id): \"\(obligation.description)\" has no description.\(language)")
        }
        let fixture = try Fixture()
        try fixture.store.importShippedProgramme(programme, sourceFile: path, sourceText: text, actor: fixture.admin.id)
        let texts = try fixture.store.obligationTexts(programmeID: id, language: language)
        #expect(texts.count == Set(programme.obligations.map(\.description)).count)
        #expect(try fixture.store.obligationTexts(programmeID: id, language: "xx").isEmpty)
    }

    @Test func norwaySaysNotSetByLawInsteadOfABudget() throws {
        let norway = try Self.preset("no-introduction").programme
        for profile in norway.profiles { #expect(norway.languageBudget(profile: profile.id) == .notSetByLaw) }
        #expect(norway.civicBudget == .hours(75, basis: .law))
        #expect(norway.languageBudget(profile: nil).remaining(after: 120) == nil)
    }

    @Test func theLisbonFourMonthsAreANormWhereNoNationalDeadlineExists() throws {
        for id in [
            "no-introduction", "fr-cir", "nl-inburgering-2021", "dk-selvforsorgelse-hjemrejse", "fi-kotoutumisohjelma",
        ] {
            let programme = try Self.preset(id).programme
            #expect(programme.recognitionDecision.text == "4m" && programme.recognitionDecisionBasis == .norm, "\(id)")
            for obligation in programme.obligations where obligation.category == .recognition {
                #expect(
                    obligation.dueBasis == .norm && obligation.legalBasis.contains("norm"),
                    "\(id): \(obligation.description)")
            }
        }
        // Germany's three months and Austria's four are national law.
        #expect(try Self.preset("de-integrationskurs").programme.recognitionDecisionBasis == .law)
        #expect(try Self.preset("at-integrationsgesetz").programme.recognitionDecisionBasis == .law)
    }

    @Test func germanyHasTheAcceleratedProcedureAsAVariant() throws {
        let germany = try Self.preset("de-integrationskurs").programme
        let fast = germany.recognitionDeadlines(variant: "beschleunigtes-fachkraefteverfahren")
        #expect(fast.decision.text == "2m" && fast.acknowledgement.text == "2w")
        let standard = germany.recognitionDeadlines(variant: nil)
        #expect(standard.decision.text == "3m" && standard.acknowledgement.text == "1m")
    }

    @Test func germanyRepeatsUnitsOnlyForLiteracyAndFoerderkurs() throws {
        let germany = try Self.preset("de-integrationskurs").programme
        #expect(
            Set(germany.profiles.filter { $0.repeatHours != nil }.map(\.id)) == ["alphabetisierung", "foerderkurs"])
        #expect(germany.profile("alphabetisierung")?.repeatHours == 300)
    }

    @Test func germanyKeepsTheDiscontinuedCoursesOnlyForCoursesStartedBefore() throws {
        let germany = try Self.preset("de-integrationskurs").programme
        let before = try Day(iso: "2025-04-30")
        let after = try Day(iso: "2025-05-01")
        #expect(germany.openProfiles(on: before).contains { $0.id == "eltern-frauen-jugend" })
        #expect(!germany.openProfiles(on: after).contains { $0.id == "eltern-frauen-jugend" })
        #expect(
            germany.warnings(profile: "eltern-frauen-jugend", status: .right, startedOn: before, today: testDay).isEmpty
        )
        #expect(
            germany.warnings(profile: "eltern-frauen-jugend", status: .right, startedOn: nil, today: testDay)
                == [.profileDiscontinued(profileID: "eltern-frauen-jugend", since: after)])
    }

    @Test(arguments: ProgrammeStatus.allCases)
    func germanyWarnsOfThe2026AdmissionStopOnlyForVoluntaryParticipants(_ status: ProgrammeStatus) throws {
        let germany = try Self.preset("de-integrationskurs").programme
        let warnings = germany.warnings(profile: "general", status: status, startedOn: nil, today: testDay)
        if status == .voluntary {
            let stop = try #require(germany.admissionStops.first)
            #expect(warnings == [.admissionStopped(stop)])
            #expect(stop.legalBasis.contains("§ 44 Abs. 4"))
        } else {
            #expect(warnings.isEmpty, "entitled (§ 44 Abs. 1) and obliged (§ 44a) participants are not affected")
        }
        // A course that started before the stop is not reached by it; after the budget year it ends.
        #expect(
            germany.warnings(profile: "general", status: status, startedOn: try Day(iso: "2025-10-01"), today: testDay)
                .isEmpty)
        #expect(
            germany.warnings(profile: "general", status: status, startedOn: nil, today: try Day(iso: "2027-01-04"))
                .isEmpty)
    }

    @Test func franceHasNoMoreHourBandsAndExemptsProtectionAndAge() throws {
        let france = try Self.preset("fr-cir").programme
        #expect(!france.profiles.contains { ["fl-100", "fl-200", "fl-400"].contains($0.id) })
        #expect(france.profiles.allSatisfy { $0.targets[.writing] == .a2 })
        #expect(france.languageBudget(profile: "fl-plateforme-numerique") == .notSetByLaw)
        #expect(france.languageBudget(profile: "fl-600-non-literate") == .hours(600, basis: .law))
        let test = try #require(france.civicTest)
        let born = try Day(iso: "1990-05-01")
        #expect(test.exemption(residence: .refugee, dateOfBirth: born, on: testDay) == .residence(.refugee))
        #expect(
            test.exemption(residence: .subsidiaryProtection, dateOfBirth: born, on: testDay)
                == .residence(.subsidiaryProtection))
        #expect(test.exemption(residence: .familyReunification, dateOfBirth: born, on: testDay) == nil)
        #expect(
            test.exemption(residence: .familyReunification, dateOfBirth: try Day(iso: "1961-11-23"), on: testDay)
                == .age(65))
        #expect(
            test.exemption(residence: .familyReunification, dateOfBirth: try Day(iso: "1961-11-24"), on: testDay) == nil
        )
        #expect(!france.obligations.contains { $0.description.contains("compulsory once prescribed") })
    }

    @Test func theDutchEducationRouteHasNoMAP() throws {
        let netherlands = try Self.preset("nl-inburgering-2021").programme
        let education = netherlands.obligations(forProfile: "onderwijsroute")
        #expect(!education.contains { $0.description.contains("module (MAP)") })
        #expect(education.contains { $0.description.contains("participation declaration track") })
        #expect(netherlands.obligations(forProfile: "b1-route").contains { $0.description.contains("module (MAP)") })
        #expect(!netherlands.civicModules(forProfile: "onderwijsroute").contains { $0.id == "map" })
        #expect(netherlands.civicModules(forProfile: "z-route").contains { $0.id == "map" })
        #expect(netherlands.languageBudget(profile: "onderwijsroute") == .hours(1000, basis: .guidance))
        #expect(netherlands.languageBudget(profile: "b1-route") == .hours(600, basis: .guidance))
    }

    @Test func norwayTrainingDeadlineFollowsEducation() throws {
        let norway = try Self.preset("no-introduction").programme
        func training(_ profile: String) -> [String] {
            norway.obligations(forProfile: profile).filter { $0.party == .newcomer && $0.category == .language }.map(
                \.due.text)
        }
        #expect(training("no-primary-school") == ["3y"])
        #expect(training("upper-secondary-b2") == ["18m"])
        #expect(norway.profile("primary-school-upper-secondary-goal")?.duration?.text == "3y")
    }
}
