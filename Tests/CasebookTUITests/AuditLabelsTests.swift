import CasebookCore
import CasebookL10n
import CasebookTestSupport
import CasebookText
import Foundation
import Testing

@testable import CasebookStore
@testable import CasebookTUI

/// The History tab names what changed in words, while the audit keeps its machine values.
@Suite struct AuditLabelsTests {
    private func entry(_ entity: String, _ field: String) -> AuditEntry {
        AuditEntry(
            id: 1, at: Instant(secondsSinceEpoch: 0), staff: "okarlsen", entity: entity, entityID: 1, field: field,
            oldValue: nil, newValue: nil)
    }

    @Test(arguments: AuditEntity.allCases)
    func everyKindOfRecordHasAName(entity: AuditEntity) {
        #expect(!entity.label.isEmpty)
        #expect(entity.label != entity.rawValue, "\(entity) shows its machine name")
    }

    @Test func whatChangedReadsAsTheKindOfRecordAndItsField() {
        #expect(AuditLabels.what(entry("case", "phase")) == "Case: phase")
        #expect(AuditLabels.what(entry("legal_hold", "placed")) == "Legal hold: placed")
        #expect(AuditLabels.what(entry("client", "date_of_birth")) == "Client: \(ClientField.dateOfBirth.label)")
        #expect(AuditLabels.what(entry("note", "meeting")) == "Note: \(ContactType.meeting.label)")
        #expect(AuditLabels.what(entry("intake", "career_goal")) == "Intake mapping: Career goal")
        // A field named as its record says it once; one no table knows shows its machine name.
        #expect(AuditLabels.what(entry("course", "course")) == "Course")
        #expect(AuditLabels.what(entry("civic_session", "local_democracy")) == "Civic session: local democracy")
        #expect(AuditLabels.what(entry("future_kind", "some_field")) == "future kind: some field")
    }

    @Test func codesInTheIntakeAreShownInWords() {
        #expect(AuditLabels.value("functional", of: entry("intake", "latin_literacy")) == Literacy.functional.label)
        #expect(AuditLabels.value("yes", of: entry("intake", "level_completed")) == "Yes")
        #expect(AuditLabels.value("6", of: entry("intake", "highest_level")) == ISCEDLevel.bachelor.label)
        #expect(AuditLabels.value("valid", of: entry("intake", "driving_licence")) == DrivingLicence.valid.label)
        // The audit's own text is kept as written.
        #expect(AuditLabels.value("pending → met", of: entry("obligation", "status")) == "pending → met")
    }

    /// Each shape is one message whose English is the text the audit stored, so an English
    /// screen reads as it always did; an outcome's codes are the exception, named in words.
    @Test(arguments: AuditValueSamples.plain + AuditValueSamples.awkward)
    func inEnglishAValueReadsAsStored(sample: AuditValueSample) {
        if case .outcome = sample.value { return }
        Messages.speaking(nil) {
            DateForm.$showsLocalOverride.withValue(true) { #expect(sample.value.text == sample.text) }
        }
    }

    @Test func anOutcomeNamesItsCodes() {
        let outcome = AuditValue.outcome(on: testDay, activity: .work, workTime: .part, iscoMajor: "5")
        #expect(outcome.text == "2026-11-23, Work, Part-time, ISCO-08 group 5")
    }

    @Test func aStoredValueIsShownThroughItsParts() {
        var row = entry("obligation", "status")
        row.newValue = "waived on 2024-03-01: moved: to Bergen"
        row.oldValue = "pending"
        #expect(AuditLabels.change(row) == "Pending → waived on 2024-03-01: moved: to Bergen")
        // A text of no known shape is shown as stored.
        row.newValue = "met on the first of March"
        #expect(AuditLabels.change(row) == "Pending → met on the first of March")
    }

    @Test func aCivicSessionIsNamedByTheModuleOfTheClientsProgramme() {
        let session = entry("civic_session", "social")
        #expect(
            AuditLabels.what(session, modules: ["social": "Samfunnet og velferdsstaten"])
                == "Civic session: Samfunnet og velferdsstaten")
        // A module the programme no longer has keeps its id.
        #expect(AuditLabels.what(session) == "Civic session: social")
    }

    /// Days in the officer's date setting and decimal commas, whatever the catalogue holds.
    @Test(
        .enabled(
            if: !msgfmtMissing || ProcessInfo.processInfo.environment["CI"] == "true",
            "Skipped: msgfmt is not installed (make deps installs gettext)."))
    func inGermanDaysAndHoursAreWrittenTheGermanWay() throws {
        let german = try #require(try shippedCatalogue("de"))
        let session = AuditValue.civicSession(hours: 1.5, on: day("2024-03-01"), language: "ar")
        let settled = AuditValue.settled(status: .met, on: day("2024-03-01"), reason: "")
        Messages.speaking(german) {
            DateForm.$showsLocalOverride.withValue(true) {
                #expect(session.text.contains("1,5") && session.text.contains("01.03.2024"), "\(session.text)")
                #expect(settled.text.contains("01.03.2024") && !settled.text.contains("2024-03-01"))
            }
        }
    }

    @Test(
        .enabled(
            if: !msgfmtMissing || ProcessInfo.processInfo.environment["CI"] == "true",
            "Skipped: msgfmt is not installed (make deps installs gettext)."))
    func inGermanTheNamesAreGerman() throws {
        let german = try #require(try shippedCatalogue("de"))
        Messages.speaking(german) {
            #expect(AuditLabels.what(entry("case", "phase")) == "Fall: Phase")
            #expect(AuditLabels.what(entry("note", "meeting")).hasPrefix("Vermerk"))
        }
    }
}

/// The sentences written whole for each code say in English what the spliced ones said.
@Suite struct CodeSentenceTests {
    @Test(arguments: Skill.allCases)
    func skills(skill: Skill) {
        #expect(skill.atOrAboveTarget == "At or above target in \(skill.label.lowercased())")
        #expect(skill.recorded(level: "B1") == "Recorded B1 in \(skill.label.lowercased()).")
    }

    @Test(arguments: ExitReason.allCases)
    func exits(reason: ExitReason) {
        #expect(reason.exitLegend == "Exit: \(reason.label.lowercased())")
    }

    @Test(arguments: CivicRequirement.allCases)
    func civicRequirements(requirement: CivicRequirement) {
        #expect(requirement.saved == "Civic orientation: \(requirement.label.lowercased()).")
    }

    @Test(arguments: AbsenceKind.allCases)
    func absences(kind: AbsenceKind) {
        #expect(kind.missed(hours: "4") == "\(kind.label.lowercased()) 4 h")
    }

    @Test(arguments: WorkTime.allCases)
    func workTimes(time: WorkTime) {
        #expect(time.with(activity: "In work") == "In work, \(time.label.lowercased())")
    }

    @Test(arguments: ContractStatus.allCases)
    func onlyADraftOrAnAmendmentIsSigned(status: ContractStatus) {
        #expect((status.notSignable == nil) == status.isEditable)
    }
}
