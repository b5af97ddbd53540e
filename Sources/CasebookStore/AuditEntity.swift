import CasebookCore

/// What an audit row is about (`audit.entity`). The raw values are stored in every file and
/// read back by the History tab, so they never change; a new kind of record adds a case.
package enum AuditEntity: String, CaseIterable, Sendable {
    case client
    /// The case's phase and exit (`changePhase`).
    case `case`
    case enrolment
    case assessment
    /// A language target an officer set for one skill.
    case target
    case course
    case attendance
    case qualification
    /// Civic orientation: the requirement and the attestation.
    case civic
    case civicSession = "civic_session"
    case civicTest = "civic_test"
    case contract
    case obligation
    case note
    case staff
    case programme
    case legalHold = "legal_hold"
    /// A restriction of processing (GDPR Art. 18).
    case restriction
    /// The client's personal data erased under the retention rule.
    case erasure
    /// A spreadsheet import (`import_batches`): made, and undone.
    case importBatch = "import_batch"
    /// The intake mapping (one per client: its id is the client's).
    case intake
    case workExperience = "work_experience"
    case partner
    case participation
    /// The main activity at exit or at the follow-up twelve months later (id: the client's).
    case outcome
    case office
    /// A proposal to move a client to another office, and its decision.
    case transfer
}

/// What changed in the record (`audit.field`): a column, or a step in the record's life. Like
/// the entities, the stored names never change.
package struct AuditField: RawRepresentable, Hashable, Sendable {
    package let rawValue: String

    package init(rawValue: String) { self.rawValue = rawValue }

    /// A client added in bulk, as a whole (the demo).
    static let record = AuditField(rawValue: "record")
    static let officer = AuditField(rawValue: "officer")
    static let phase = AuditField(rawValue: "phase")
    static let exitReason = AuditField(rawValue: "exit_reason")
    static let programme = AuditField(rawValue: "programme")
    static let role = AuditField(rawValue: "role")
    /// A programme version imported.
    static let `import` = AuditField(rawValue: "import")
    /// An import batch undone.
    static let undo = AuditField(rawValue: "undo")
    static let course = AuditField(rawValue: "course")
    static let attendance = AuditField(rawValue: "attendance")
    /// A qualification added to the recognition track.
    static let qualification = AuditField(rawValue: "qualification")
    static let stage = AuditField(rawValue: "stage")
    /// The procedure a recognition file runs under ("standard" or a variant's id).
    static let procedure = AuditField(rawValue: "procedure")
    static let requirement = AuditField(rawValue: "requirement")
    static let attestedOn = AuditField(rawValue: "attested_on")
    /// A civic test's result.
    static let result = AuditField(rawValue: "result")
    static let status = AuditField(rawValue: "status")
    static let reviewedOn = AuditField(rawValue: "reviewed_on")
    /// The contract's version number (an amendment).
    static let version = AuditField(rawValue: "version")
    /// An obligation added to, edited in or removed from a contract.
    static let added = AuditField(rawValue: "added")
    static let terms = AuditField(rawValue: "terms")
    static let removed = AuditField(rawValue: "removed")
    static let dueOn = AuditField(rawValue: "due_on")
    static let followUpDone = AuditField(rawValue: "follow_up_done")
    /// A legal hold or restriction placed, or lifted.
    static let placed = AuditField(rawValue: "placed")
    static let lifted = AuditField(rawValue: "lifted")
    /// The client's personal data erased (the row holds no value).
    static let erased = AuditField(rawValue: "erased")
    static let name = AuditField(rawValue: "name")
    /// A staff member's role in an office ("office id:role"), or a client's office.
    static let office = AuditField(rawValue: "office")
    /// A transfer proposed, accepted or declined.
    static let proposed = AuditField(rawValue: "proposed")
    static let decision = AuditField(rawValue: "decision")

    /// A field of the client record.
    static func client(_ field: ClientField) -> AuditField { AuditField(rawValue: field.rawValue) }
    /// An assessment, or a target, of one skill.
    static func skill(_ skill: Skill) -> AuditField { AuditField(rawValue: skill.rawValue) }
    /// A session of one civic module.
    static func module(_ id: String) -> AuditField { AuditField(rawValue: id) }
    /// A contact of one type (a note).
    static func contact(_ type: ContactType) -> AuditField { AuditField(rawValue: type.rawValue) }
}
