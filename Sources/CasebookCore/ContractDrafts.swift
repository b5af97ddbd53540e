import CasebookL10n

/// A client's first contract, drafted from the obligations of their programme.
package struct NewContractDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case settledOn = "settled", draftedOn = "drafted"
    }

    package var settledOn: Day?
    /// Today, unless an officer enters an earlier paper contract.
    package var draftedOn: Day?

    package init(settledOn: Day? = nil, draftedOn: Day? = nil) {
        self.settledOn = settledOn
        self.draftedOn = draftedOn
    }

    package var requiredFields: Set<Field> { [.settledOn, .draftedOn] }

    @discardableResult
    package func validated(today: Day) throws(ValidationFailure<Field>) -> (settledOn: Day, draftedOn: Day) {
        var issues = FieldIssues<Field>()
        let settled = issues.pastDay(settledOn, .settledOn, today: today)
        let drafted = issues.pastDay(draftedOn, .draftedOn, today: today)
        guard let settled, let drafted, issues.isEmpty else { throw issues.failure }
        return (settled, drafted)
    }
}

/// The terms of one obligation, as an officer writes them into a draft or an amendment.
package struct ObligationDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case party, category, description, legalBasis = "basis", dueOn = "due"

        package var characterLimit: Int? {
            switch self {
            case .description: return 300
            case .legalBasis: return 120
            default: return nil
            }
        }
    }

    package var party: Party?
    package var category: ObligationCategory?
    package var description: String
    package var legalBasis: String
    package var dueOn: Day?

    package init(
        party: Party? = .newcomer, category: ObligationCategory? = .other, description: String = "",
        legalBasis: String = "", dueOn: Day? = nil
    ) {
        self.party = party
        self.category = category
        self.description = description
        self.legalBasis = legalBasis
        self.dueOn = dueOn
    }

    /// The terms of an obligation as they stand.
    package init(_ obligation: Obligation) {
        self.init(
            party: obligation.party, category: obligation.category, description: obligation.description,
            legalBasis: obligation.legalBasis, dueOn: obligation.dueOn)
    }

    package var requiredFields: Set<Field> { [.party, .category, .description] }

    /// A pending obligation with these terms (its contract and position are the Store's).
    @discardableResult
    package func validated() throws(ValidationFailure<Field>) -> Obligation {
        var issues = FieldIssues<Field>()
        let party = issues.require(party, .party, tr("Choose who is bound."))
        let category = issues.require(category, .category, tr("Choose a category."))
        let description = issues.text(description, .description, required: tr("Required."))
        let basis = issues.text(legalBasis, .legalBasis)
        guard let party, let category, issues.isEmpty else { throw issues.failure }
        return Obligation(party: party, category: category, description: description, legalBasis: basis, dueOn: dueOn)
    }
}

/// A pending obligation marked met, waived (with the reason) or breached.
package struct SettlementDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case on, reason, evidence

        package var characterLimit: Int? { self == .reason ? 300 : 500 }
    }

    /// Met, waived or breached: which form this is, not a field of it.
    package var status: ObligationStatus
    package var on: Day?
    package var reason: String
    /// What shows it was met, or what happened when it was breached.
    package var evidence: String

    package init(_ status: ObligationStatus, on day: Day? = nil, evidence: String = "", reason: String = "") {
        self.status = status
        self.on = day
        self.evidence = evidence
        self.reason = reason
    }

    package var requiredFields: Set<Field> { status == .waived ? [.on, .reason] : [.on] }

    package struct Valid: Sendable {
        package let status: ObligationStatus
        package let on: Day
        package let evidence: String
        package let reason: String
    }

    @discardableResult
    package func validated(today: Day) throws(ValidationFailure<Field>) -> Valid {
        var issues = FieldIssues<Field>()
        let day = issues.pastDay(on, .on, today: today)
        let reason = issues.text(reason, .reason, required: status == .waived ? tr("Say why it is waived.") : nil)
        let evidence = issues.text(evidence, .evidence)
        guard let day, issues.isEmpty else { throw issues.failure }
        return Valid(status: status, on: day, evidence: evidence, reason: reason)
    }
}

/// Both signatures of a draft or an amendment.
package struct SignatureDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case newcomer, authority
    }

    package var newcomer: Day?
    package var authority: Day?

    package init(newcomer: Day? = nil, authority: Day? = nil) {
        self.newcomer = newcomer
        self.authority = authority
    }

    package var requiredFields: Set<Field> { [.newcomer, .authority] }

    package struct Valid: Sendable {
        package let newcomer: Day
        package let authority: Day
        /// The later signature: when the version comes into force.
        package var signedOn: Day { max(newcomer, authority) }
    }

    /// The signatures of a version drafted on `drafted` (nil where the form does not know it:
    /// the Store checks it).
    @discardableResult
    package func validated(drafted: Day?, today: Day) throws(ValidationFailure<Field>) -> Valid {
        var issues = FieldIssues<Field>()
        func signature(_ day: Day?, _ field: Field) -> Day? {
            let day = issues.pastDay(day, field, today: today, tr("A signature cannot lie in the future."))
            if let day, let drafted, day < drafted {
                issues.add(
                    field, tr("A signature cannot come before the version was drafted ({day}).", ["day": drafted.iso]))
            }
            return day
        }
        let newcomer = signature(newcomer, .newcomer)
        let authority = signature(authority, .authority)
        guard let newcomer, let authority, issues.isEmpty else { throw issues.failure }
        return Valid(newcomer: newcomer, authority: authority)
    }
}

/// A review of a contract in force.
package struct ContractReviewDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case on, note

        package var characterLimit: Int? { self == .note ? 500 : nil }
    }

    package var on: Day?
    package var note: String

    package init(on day: Day? = nil, note: String = "") {
        self.on = day
        self.note = note
    }

    package var requiredFields: Set<Field> { [.on] }

    @discardableResult
    package func validated(today: Day) throws(ValidationFailure<Field>) -> (on: Day, note: String) {
        var issues = FieldIssues<Field>()
        let day = issues.pastDay(on, .on, today: today)
        let note = issues.text(note, .note)
        guard let day, issues.isEmpty else { throw issues.failure }
        return (day, note)
    }
}

/// The reason a contract in force is amended (a new version, the one in force kept).
package struct AmendmentDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case reason

        package var characterLimit: Int? { 300 }
    }

    package var reason: String

    package init(reason: String = "") { self.reason = reason }

    package var requiredFields: Set<Field> { [.reason] }

    /// The reason, as stored.
    @discardableResult
    package func validated() throws(ValidationFailure<Field>) -> String {
        var issues = FieldIssues<Field>()
        let reason = issues.text(reason, .reason, required: tr("Required."))
        guard issues.isEmpty else { throw issues.failure }
        return reason
    }
}

/// The end of a contract in force.
package struct ContractEndDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case on, reason

        package var characterLimit: Int? { self == .reason ? 300 : nil }
    }

    package var on: Day?
    package var reason: String

    package init(on day: Day? = nil, reason: String = "") {
        self.on = day
        self.reason = reason
    }

    package var requiredFields: Set<Field> { [.on, .reason] }

    @discardableResult
    package func validated(today: Day) throws(ValidationFailure<Field>) -> (on: Day, reason: String) {
        var issues = FieldIssues<Field>()
        let day = issues.pastDay(on, .on, today: today)
        let reason = issues.text(reason, .reason, required: tr("Required."))
        guard let day, issues.isEmpty else { throw issues.failure }
        return (day, reason)
    }
}
