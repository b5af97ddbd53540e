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
