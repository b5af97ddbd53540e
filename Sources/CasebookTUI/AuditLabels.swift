import CasebookCore
import CasebookL10n
import CasebookStore
import CasebookText

/// The words the History tab shows for the audit's machine names. The audit itself, and
/// `casebook audit --format json`, keep the machine values (`AuditEntity`, `AuditField`): these
/// are for reading only. (They live here rather than in CasebookText because the Store, which
/// defines the audit's names, itself depends on CasebookText.)
extension AuditEntity {
    /// The kind of record an audit row is about, as a heading ("Obligation").
    var label: String {
        // TRANSLATORS: the kinds of record in a client's history (the History tab's "What" column).
        switch self {
        case .client: return tr("Client")
        case .case: return tr("Case")
        case .enrolment: return tr("Course enrolment")
        case .assessment: return tr("Language assessment")
        case .target: return tr("Language target")
        case .course: return tr("Course")
        case .attendance: return tr("Attendance")
        case .qualification: return tr("Qualification")
        case .civic: return tr("Civic orientation")
        case .civicSession: return tr("Civic session")
        case .civicTest: return tr("Civic test")
        case .contract: return tr("Contract")
        case .obligation: return tr("Obligation")
        case .note: return tr("Note")
        case .staff: return tr("Staff")
        case .programme: return tr("Programme")
        case .legalHold: return tr("Legal hold")
        case .restriction: return tr("Restriction of processing")
        case .erasure: return tr("Erasure")
        case .importBatch: return tr("Import batch")
        case .intake: return tr("Intake mapping")
        case .workExperience: return tr("Work experience")
        case .partner: return tr("Partner")
        case .participation: return tr("Participation")
        case .outcome: return tr("Outcome")
        case .office: return tr("Office")
        case .transfer: return tr("Office transfer")
        }
    }
}

enum AuditLabels {
    /// "Obligation: status", "Note: Meeting"; a field named as its entity (a course, an
    /// attendance, a qualification added) says it once.
    static func what(_ entry: AuditEntry) -> String {
        let entity = AuditEntity(rawValue: entry.entity)?.label ?? entry.entity.replacingUnderscores
        let field = fieldLabel(entry)
        // TRANSLATORS: what changed in a record's history: the kind of record, then its field ("Case: phase").
        return entry.field == entry.entity ? entity : tr("{entity}: {field}", ["entity": entity, "field": field])
    }

    /// A field's name as people read it: the field of a record, or the code it stands for (a
    /// skill, a kind of contact or activity); a field no table knows shows its machine name.
    static func fieldLabel(_ entry: AuditEntry) -> String {
        switch AuditEntity(rawValue: entry.entity) {
        case .client: if let field = ClientField(rawValue: entry.field) { return field.label }
        case .assessment, .target: if let skill = Skill(rawValue: entry.field) { return skill.label }
        case .note: if let contact = ContactType(rawValue: entry.field) { return contact.label }
        case .participation: if let kind = ActivityKind(rawValue: entry.field) { return kind.label }
        case .outcome: if let stage = OutcomeStage(rawValue: entry.field) { return stage.label }
        case .intake: if let field = IntakeDraft.Field(rawValue: entry.field) { return intakeField(field) }
        default: break
        }
        return commonField(entry.field) ?? entry.field.replacingUnderscores
    }

    /// A stored value in words where it is a code (a phase, a stage, the intake's levels);
    /// other values are the audit's own text, kept as written.
    static func value(_ value: String, of entry: AuditEntry) -> String {
        let label: String?
        switch (entry.entity, entry.field) {
        case ("case", "phase"): label = CasePhase(rawValue: value)?.label
        case ("qualification", "stage"): label = RecognitionStage(rawValue: value)?.label
        case ("intake", "first_language_literacy"), ("intake", "latin_literacy"):
            label = Literacy(rawValue: value)?.label
        case ("intake", "digital_skills"): label = DigitalSkills(rawValue: value)?.label
        case ("intake", "driving_licence"): label = DrivingLicence(rawValue: value)?.label
        case ("intake", "highest_level"): label = Int(value).flatMap(ISCEDLevel.init(rawValue:))?.label
        case ("intake", "level_completed"): label = Choices.yesNo.first { ($0.0 ? "yes" : "no") == value }?.1
        default: label = nil
        }
        return label ?? value
    }

    /// The intake mapping's fields, in the words of its form.
    private static func intakeField(_ field: IntakeDraft.Field) -> String {
        switch field {
        case .mappedOn: return tr("Date of the mapping")
        case .schoolingYears: return tr("Years at school")
        case .highestLevel: return tr("Highest level (ISCED 2011)")
        case .schoolingCountry: return tr("Country of that schooling")
        case .levelCompleted: return tr("Level completed")
        case .firstLanguageLiteracy: return tr("Literacy, first language")
        case .latinLiteracy: return tr("Literacy, Latin script")
        case .digitalSkills: return tr("Digital skills")
        case .drivingLicence: return tr("Driving licence")
        case .careerGoal: return tr("Career goal")
        case .trainingNeeds: return tr("Training needs")
        }
    }

    /// The audit's own fields (`AuditField`): a column, or a step in a record's life.
    private static func commonField(_ field: String) -> String? {
        // TRANSLATORS: the names of changed fields and steps in a record's history ("Obligation: status").
        switch field {
        case "record": return tr("record")
        case "officer": return tr("officer")
        case "phase": return tr("phase")
        case "exit_reason": return tr("exit reason")
        case "programme": return tr("programme")
        case "role": return tr("role")
        case "import": return tr("imported")
        case "undo": return tr("undone")
        case "course": return tr("course")
        case "attendance": return tr("attendance")
        case "added": return tr("added")
        case "stage": return tr("stage")
        case "requirement": return tr("requirement")
        case "attested_on": return tr("attested")
        case "result": return tr("result")
        case "status": return tr("status")
        case "reviewed_on": return tr("reviewed")
        case "version": return tr("version")
        case "terms": return tr("terms")
        case "removed": return tr("removed")
        case "due_on": return tr("due date")
        case "follow_up_done": return tr("follow-up done")
        case "placed": return tr("placed")
        case "lifted": return tr("lifted")
        case "erased": return tr("erased")
        case "name": return tr("name")
        case "office": return tr("office")
        case "proposed": return tr("proposed")
        case "decision": return tr("decision")
        // TRANSLATORS: the recognition procedure of a qualification (standard or accelerated).
        case "procedure": return tr("procedure")
        default: return nil
        }
    }
}
