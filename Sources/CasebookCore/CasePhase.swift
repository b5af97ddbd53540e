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
        case .referred: return "Referred"
        case .eligibilityCheck: return "Eligibility check"
        case .notEligible: return "Not eligible"
        case .offered: return "Offered"
        case .intakeAssessment: return "Intake assessment"
        case .planDraft: return "Plan draft"
        case .contractSigned: return "Contract signed"
        case .active: return "Active"
        case .onLeave: return "On leave"
        case .suspended: return "Suspended"
        case .discontinued: return "Discontinued"
        case .completed: return "Completed"
        case .exempted: return "Exempted"
        case .transferredOut: return "Transferred out"
        case .closed: return "Closed"
        case .reopened: return "Reopened"
        case .archived: return "Archived"
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
package enum ExitReason: String, CaseIterable, Sendable, CustomStringConvertible {
    case work
    case education
    case both
    case neither
    case moved
    case other

    package var label: String {
        switch self {
        case .work: return "Work"
        case .education: return "Education"
        case .both: return "Work and education"
        case .neither: return "Neither work nor education"
        case .moved: return "Moved away"
        case .other: return "Other"
        }
    }

    package var description: String { label }
}

package enum PhaseError: Error, Equatable, CustomStringConvertible {
    case illegal(from: CasePhase, to: CasePhase)
    case unknown(String)

    package var description: String {
        switch self {
        case .illegal(let from, let to):
            let legal = from.next
            if legal.isEmpty {
                return "A case cannot move from \(from.label) to \(to.label): \(from.label) is final."
            }
            return "A case cannot move from \(from.label) to \(to.label); from \(from.label) it can move to "
                + listing(legal.map(\.label)) + "."
        case .unknown(let text):
            return "\"\(Sanitized.inline(text))\" is not a case phase; use one of "
                + listing(CasePhase.allCases.map(\.rawValue)) + "."
        }
    }
}

/// "a", "a or b", "a, b or c".
package func listing(_ items: [String], conjunction: String = "or") -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }
}
