import CasebookL10n

/// A case note as the note form holds it: a contact with the client and what to do next.
package struct NoteDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case contact, date, interpreter, summary, followUpOn = "follow"

        package var characterLimit: Int? { self == .summary ? 2000 : nil }
    }

    package var contact: ContactType?
    package var date: Day?
    /// The interpreter's language (ISO 639), when one was used.
    package var interpreter: String?
    package var summary: String
    package var followUpOn: Day?

    package init(
        contact: ContactType? = .meeting, date: Day? = nil, interpreter: String? = nil, summary: String = "",
        followUpOn: Day? = nil
    ) {
        self.contact = contact
        self.date = date
        self.interpreter = interpreter
        self.summary = summary
        self.followUpOn = followUpOn
    }

    package var requiredFields: Set<Field> { [.contact, .date, .summary] }

    @discardableResult
    package func validated(clientID: Int64, today: Day) throws(ValidationFailure<Field>) -> CaseNote {
        var issues = FieldIssues<Field>()
        let contact = issues.require(contact, .contact, tr("Choose how you were in touch."))
        let date = issues.pastDay(
            date, .date, today: today, tr("A contact cannot lie in the future; record it once it happened."))
        if let interpreter, !Languages.isKnown(interpreter) {
            issues.add(.interpreter, tr("The interpreter language is an ISO 639 code, e.g. ar."))
        }
        let summary = issues.text(summary, .summary, required: tr("Required."))
        if let date, let followUpOn, followUpOn < date {
            issues.add(.followUpOn, tr("The follow-up cannot come before the contact."))
        }
        guard let contact, let date, issues.isEmpty else { throw issues.failure }
        return CaseNote(
            clientID: clientID, contact: contact, date: date, interpreterLanguage: interpreter, summary: summary,
            followUpOn: followUpOn)
    }
}
