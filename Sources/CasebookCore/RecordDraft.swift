/// What an import of records for clients already held brings in (`casebook import assessments`,
/// `casebook import qualifications`). The raw value is the import batch's kind.
package enum RecordKind: String, CaseIterable, Sendable {
    case assessments
    case qualifications
}

/// A record for a client as its form holds it: what a row of such an import becomes, validated
/// again by the Store with the form's own rules.
package enum RecordDraft: Sendable, Hashable {
    case assessment(AssessmentDraft)
    case qualification(QualificationDraft)
}
