import CasebookL10n

/// Where a client's case stands in the introduction programme (DOMAIN.md, "Case lifecycle").
package enum CasePhase: String, CaseIterable, Sendable, CustomStringConvertible {
    case referred
    case eligibilityCheck = "eligibility_check"
    case notEligible = "not_eligible"
    case offered
    case intakeAssessment = "intake_assessment"
    case planDraft = "plan_draft"
    case contractSigned = "contract_signed"
    case active
    case onLeave = "on_leave"
    case suspended
    case discontinued
    case completed
    case exempted
    case transferredOut = "transferred_out"
    case closed
    case reopened
    case archived

    package var description: String { label }

    /// The name officers read on screen.
    package var label: String {
        switch self {
        case .referred: return tr("Referred")
        case .eligibilityCheck: return tr("Eligibility check")
        case .notEligible: return tr("Not eligible")
        case .offered: return tr("Offered")
        case .intakeAssessment: return tr("Intake assessment")
        case .planDraft: return tr("Plan draft")
        case .contractSigned: return tr("Contract signed")
        case .active: return tr("Active")
        case .onLeave: return tr("On leave")
        case .suspended: return tr("Suspended")
        case .discontinued: return tr("Discontinued")
        case .completed: return tr("Completed")
        case .exempted: return tr("Exempted")
        case .transferredOut: return tr("Transferred out")
        case .closed: return tr("Closed")
        case .reopened: return tr("Reopened")
        case .archived: return tr("Archived")
        }
    }

    /// The phases a case may move to next.
    ///
    /// DOMAIN.md's lifecycle, with three readings made explicit: a case that is not eligible
    /// or discontinued is closed like any other ended case (it would otherwise never leave
    /// the caseload); a reopened case goes back to intake or straight to active; an archived
    /// case is final.
    package var next: [CasePhase] {
        switch self {
        case .referred: return [.eligibilityCheck]
        case .eligibilityCheck: return [.notEligible, .offered]
        case .notEligible: return [.closed]
        case .offered: return [.intakeAssessment]
        case .intakeAssessment: return [.planDraft]
        case .planDraft: return [.contractSigned]
        case .contractSigned: return [.active]
        case .active: return [.onLeave, .suspended, .completed, .exempted, .transferredOut]
        case .onLeave: return [.active]
        case .suspended: return [.active, .discontinued]
        case .discontinued: return [.closed]
        case .completed, .exempted, .transferredOut: return [.closed]
        case .closed: return [.reopened, .archived]
        case .reopened: return [.intakeAssessment, .active]
        case .archived: return []
        }
    }

    package func canMove(to target: CasePhase) -> Bool { next.contains(target) }

    /// A case in one of these phases is still followed by an officer (it counts in a caseload).
    package var isOpen: Bool {
        switch self {
        case .notEligible, .discontinued, .completed, .exempted, .transferredOut, .closed, .archived:
            return false
        default:
            return true
        }
    }

    package init(parsing text: String) throws(PhaseError) {
        let key = String(text.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
        guard let phase = CasePhase(rawValue: key) ?? CasePhase.allCases.first(where: { $0.label.lowercased() == text.lowercased() })
        else { throw PhaseError.unknown(text) }
        self = phase
    }
}

/// Why a case was closed; the exit outcome indicators count these.
package enum ExitReason: String, CaseIterable, Sendable {
    case work
    case education
    case both
    case neither
    case moved
    case other
}

package enum PhaseError: Error, Equatable, CustomStringConvertible {
    case illegal(from: CasePhase, to: CasePhase)
    case unknown(String)

    package var description: String {
        switch self {
        case .illegal(let from, let to):
            let legal = from.next
            let phases = ["from": from.label, "to": to.label, "next": listing(legal.map(\.label))]
            if legal.isEmpty { return tr("A case cannot move from {from} to {to}: {from} is final.", phases) }
            return tr("A case cannot move from {from} to {to}; from {from} it can move to {next}.", phases)
        case .unknown(let text):
            return tr(
                "\"{text}\" is not a case phase; use one of {phases}.",
                ["text": Sanitized.inline(text), "phases": listing(CasePhase.allCases.map(\.rawValue))])
        }
    }
}

/// "a", "a or b", "a, b or c" in the language `tr` speaks (`conjunction` "or" or "and").
package func listing(_ items: [String], conjunction: String = "or") -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default:
        let parts = ["items": items.dropLast().joined(separator: ", "), "last": items[items.count - 1]]
        // TRANSLATORS: the end of a list, "a, b or c"; {items} is "a, b".
        if conjunction == "or" { return tr("{items} or {last}", parts) }
        // TRANSLATORS: the end of a list, "a, b and c"; {items} is "a, b".
        if conjunction == "and" { return tr("{items} and {last}", parts) }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }
}
