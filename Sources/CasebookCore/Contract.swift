import CasebookL10n

/// Where an integration contract stands.
///
/// draft → active (signed by both parties) → amending (a new version being drafted; the
/// earlier one is kept) → active (signed again) … → ended.
package enum ContractStatus: String, CaseIterable, Sendable {
    case draft
    case active
    case amending
    case ended

    package var label: String {
        switch self {
        case .draft: return tr("Draft")
        case .active: return tr("In force")
        case .amending: return tr("Being amended")
        case .ended: return tr("Ended")
        }
    }

    /// True while the officer may change the obligations' terms.
    package var isEditable: Bool { self == .draft || self == .amending }
}

/// What a contract's obligations count their due dates from.
package struct AnchorDates: Hashable, Sendable {
    package var arrival: Day?
    package var settlement: Day?
    package var signature: Day?
    package var courseEnd: Day?
    package var recognitionComplete: Day?
    /// The variant procedure of the recognition file `recognitionComplete` is the day of (nil
    /// for the standard procedure): the authority's decision on it runs to that procedure's time.
    package var recognitionVariant: String?
    package var enrolment: Day?

    package init(
        arrival: Day? = nil, settlement: Day? = nil, signature: Day? = nil, courseEnd: Day? = nil,
        recognitionComplete: Day? = nil, recognitionVariant: String? = nil, enrolment: Day? = nil
    ) {
        self.recognitionVariant = recognitionVariant
        self.arrival = arrival
        self.settlement = settlement
        self.signature = signature
        self.courseEnd = courseEnd
        self.recognitionComplete = recognitionComplete
        self.enrolment = enrolment
    }

    package subscript(anchor: Anchor) -> Day? {
        switch anchor {
        case .arrival: return arrival
        case .settlement: return settlement
        case .signature: return signature
        case .courseEnd: return courseEnd
        case .recognitionComplete: return recognitionComplete
        case .enrolment: return enrolment
        }
    }
}

extension ObligationTemplate {
    /// The due date: the offset after the anchor date, or nil while the anchor is not known yet
    /// (an unsigned contract, a course without an end date).
    package func dueDate(from anchors: AnchorDates) -> Day? {
        anchors[anchor].map(due.after)
    }

    /// The offset and due date under `programme`'s rules for the recognition procedure the
    /// anchors name (`Programme.due(of:recognitionVariant:)`).
    package func rule(under programme: Programme, anchors: AnchorDates) -> (offset: TimeSpan, dueOn: Day?) {
        let offset = programme.due(of: self, recognitionVariant: anchors.recognitionVariant)
        return (offset, anchors[anchor].map(offset.after))
    }
}

/// How an obligation ended up.
package enum ObligationStatus: String, CaseIterable, Sendable {
    case pending
    case met
    /// Waived, with the reason recorded.
    case waived
    case breached

    package var isOpen: Bool { self == .pending }
}

/// Where a pending obligation stands in time. One rule for the contract tab, the worklist, the
/// dashboard and the queries behind them.
package enum ObligationTiming: String, Sendable {
    /// Due before today and still pending.
    case overdue
    /// Due today or within the next seven days, and pending.
    case dueSoon = "due_soon"
    /// Pending, due later (or when its anchor is known).
    case later
    /// Met, waived or breached.
    case settled

    /// Days ahead that count as due soon.
    package static let soonDays = 7

    package static func of(due: Day?, status: ObligationStatus, today: Day) -> ObligationTiming {
        guard status.isOpen else { return .settled }
        guard let due else { return .later }
        if due < today { return .overdue }
        if due <= today.adding(days: soonDays) { return .dueSoon }
        return .later
    }

    /// True when a pending obligation due on `due` was overdue at the end of `day` (for the
    /// month-by-month history): due before it and not settled by it.
    package static func wasOverdue(due: Day?, settledOn: Day?, on day: Day) -> Bool {
        guard let due else { return false }
        return wasOverdue(due: due.ordinal, settledOn: settledOn?.ordinal, on: day.ordinal)
    }

    /// The same rule on day numbers (`Day.ordinal`), for counting many obligations quickly.
    package static func wasOverdue(due: Int, settledOn: Int?, on day: Int) -> Bool {
        guard due < day else { return false }
        guard let settled = settledOn else { return true }
        return settled > day
    }
}

/// One promise of an integration contract.
package struct Obligation: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var contractID: Int64
    package var clientID: Int64
    package var position: Int
    package var party: Party
    package var category: ObligationCategory
    package var description: String
    package var legalBasis: String
    /// The rule the due date came from (nil for an obligation the officer wrote in).
    package var anchor: Anchor?
    package var offset: TimeSpan?
    package var dueOn: Day?
    package var status: ObligationStatus
    package var waivedReason: String
    package var evidence: String
    /// When it was met, waived or breached.
    package var settledOn: Day?
    package var version: Int

    package init(
        id: Int64 = 0, contractID: Int64 = 0, clientID: Int64 = 0, position: Int = 0, party: Party,
        category: ObligationCategory, description: String, legalBasis: String, anchor: Anchor? = nil,
        offset: TimeSpan? = nil, dueOn: Day?, status: ObligationStatus = .pending, waivedReason: String = "",
        evidence: String = "", settledOn: Day? = nil, version: Int = 1
    ) {
        self.id = id
        self.contractID = contractID
        self.clientID = clientID
        self.position = position
        self.party = party
        self.category = category
        self.description = description
        self.legalBasis = legalBasis
        self.anchor = anchor
        self.offset = offset
        self.dueOn = dueOn
        self.status = status
        self.waivedReason = waivedReason
        self.evidence = evidence
        self.settledOn = settledOn
        self.version = version
    }

    package func timing(today: Day) -> ObligationTiming { ObligationTiming.of(due: dueOn, status: status, today: today) }

    /// "3 months after settlement" for an obligation drafted from a template.
    package var dueRule: String? {
        guard let anchor, let offset else { return nil }
        // TRANSLATORS: a due rule, "3 months after settlement"; {anchor} is a lower-case event.
        return tr("{offset} after {anchor}", ["offset": offset.description, "anchor": anchor.label])
    }

    /// Why an obligation that is `old` cannot be marked `new`, or nil: only a pending obligation
    /// is settled, as met, waived or breached.
    package static func settlementProblem(from old: ObligationStatus, to new: ObligationStatus) -> String? {
        guard old == .pending, new != .pending else {
            return tr(
                "Only a pending obligation can be marked met, waived or breached; this one is {status}.",
                ["status": old.rawValue])
        }
        return nil
    }
}

/// Counts of one side's obligations.
package struct Compliance: Hashable, Sendable {
    package var met = 0
    package var pending = 0
    package var overdue = 0
    package var breached = 0
    package var waived = 0

    package init() {}

    package init(_ obligations: [Obligation], party: Party, today: Day) {
        for obligation in obligations where obligation.party == party || (party == .authority && obligation.party == .provider) {
            switch obligation.status {
            case .met: met += 1
            case .waived: waived += 1
            case .breached: breached += 1
            case .pending:
                if obligation.timing(today: today) == .overdue { overdue += 1 } else { pending += 1 }
            }
        }
    }

    package var total: Int { met + pending + overdue + breached + waived }
}

/// An integration contract: one per client, with numbered versions.
package struct Contract: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var clientID: Int64
    package var programmeID: String
    package var programmeVersion: Int
    package var status: ContractStatus
    /// The version in force or being drafted.
    package var number: Int
    package var settledOn: Day?
    package var newcomerSignedOn: Day?
    package var authoritySignedOn: Day?
    package var reviewedOn: Day?
    package var endedOn: Day?
    package var endReason: String
    package var version: Int

    package init(
        id: Int64, clientID: Int64, programmeID: String, programmeVersion: Int, status: ContractStatus, number: Int,
        settledOn: Day?, newcomerSignedOn: Day?, authoritySignedOn: Day?, reviewedOn: Day?, endedOn: Day?,
        endReason: String, version: Int
    ) {
        self.id = id
        self.clientID = clientID
        self.programmeID = programmeID
        self.programmeVersion = programmeVersion
        self.status = status
        self.number = number
        self.settledOn = settledOn
        self.newcomerSignedOn = newcomerSignedOn
        self.authoritySignedOn = authoritySignedOn
        self.reviewedOn = reviewedOn
        self.endedOn = endedOn
        self.endReason = endReason
        self.version = version
    }

    /// The later of the two signatures: when the version came into force.
    package var signedOn: Day? {
        guard let newcomer = newcomerSignedOn, let authority = authoritySignedOn else { return nil }
        return max(newcomer, authority)
    }
}

/// A superseded version of a contract, kept as it was.
package struct ContractVersion: Hashable, Sendable {
    package var number: Int
    package var startedOn: Day
    package var reason: String
    package var newcomerSignedOn: Day?
    package var authoritySignedOn: Day?
    package var obligations: [Obligation]

    package init(
        number: Int, startedOn: Day, reason: String, newcomerSignedOn: Day?, authoritySignedOn: Day?, obligations: [Obligation]
    ) {
        self.number = number
        self.startedOn = startedOn
        self.reason = reason
        self.newcomerSignedOn = newcomerSignedOn
        self.authoritySignedOn = authoritySignedOn
        self.obligations = obligations
    }
}

/// A fact Casebook already knows that fulfils a pending obligation: proposed, the officer confirms.
package struct FulfilmentProposal: Hashable, Sendable {
    package var obligationID: Int64
    package var evidence: String
    package var on: Day
}

/// What the tracks say, for proposing to mark obligations met.
package struct TrackFacts: Sendable {
    package var languageTargetMetOn: Day?
    package var civicCompletedOn: Day?
    package var recognitionDecidedOn: Day?
    /// The day of the intake mapping.
    package var mappedOn: Day?

    package init(
        languageTargetMetOn: Day? = nil, civicCompletedOn: Day? = nil, recognitionDecidedOn: Day? = nil,
        mappedOn: Day? = nil
    ) {
        self.languageTargetMetOn = languageTargetMetOn
        self.civicCompletedOn = civicCompletedOn
        self.recognitionDecidedOn = recognitionDecidedOn
        self.mappedOn = mappedOn
    }

    /// Proposals for the pending obligations these facts fulfil: a language obligation of the
    /// newcomer by the target met, a civic one by the course completed, a recognition one of the
    /// authority by a decision taken.
    package func proposals(for obligations: [Obligation]) -> [FulfilmentProposal] {
        obligations.compactMap { obligation in
            guard obligation.status == .pending else { return nil }
            switch (obligation.category, obligation.party) {
            case (.language, .newcomer):
                return languageTargetMetOn.map {
                    FulfilmentProposal(
                        obligationID: obligation.id,
                        evidence: tr("Language target met in every skill (latest assessment {day})", ["day": $0.iso]),
                        on: $0)
                }
            case (.civic, .newcomer):
                return civicCompletedOn.map {
                    FulfilmentProposal(
                        obligationID: obligation.id,
                        evidence: tr("Civic orientation completed on {day}", ["day": $0.iso]), on: $0)
                }
            case (.recognition, .authority), (.recognition, .provider):
                return recognitionDecidedOn.map {
                    FulfilmentProposal(
                        obligationID: obligation.id,
                        evidence: tr("Recognition decision taken on {day}", ["day": $0.iso]), on: $0)
                }
            case (.mapping, _):
                return mappedOn.map {
                    FulfilmentProposal(
                        obligationID: obligation.id, evidence: tr("Intake mapping done on {day}", ["day": $0.iso]),
                        on: $0)
                }
            default:
                return nil
            }
        }
    }
}

package enum ContractError: Error, Equatable, CustomStringConvertible {
    case illegal(from: ContractStatus, action: String)

    package var description: String {
        switch self {
        case .illegal(let from, let action):
            // One sentence per action, so that a translator has the whole sentence.
            let status = ["status": from.label.lowercased()]
            switch action {
            case "signed": return tr("A contract that is {status} cannot be signed.", status)
            case "reviewed": return tr("A contract that is {status} cannot be reviewed.", status)
            case "amended": return tr("A contract that is {status} cannot be amended.", status)
            case "ended": return tr("A contract that is {status} cannot be ended.", status)
            default: return "A contract that is \(from.label.lowercased()) cannot be \(action)."
            }
        }
    }
}
