/// How the officer was in touch with the client.
package enum ContactType: String, CaseIterable, Sendable {
    case meeting
    case phone
    case homeVisit = "home_visit"
    case letter
    case email
}

/// A case note: a contact with the client and what to do next.
package struct CaseNote: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var clientID: Int64
    package var contact: ContactType
    package var date: Day
    /// The interpreter's language, when one was used.
    package var interpreterLanguage: String?
    package var summary: String
    package var followUpOn: Day?
    package var followUpDone: Bool
    package var author: String

    package init(
        id: Int64 = 0, clientID: Int64, contact: ContactType, date: Day, interpreterLanguage: String? = nil, summary: String,
        followUpOn: Day? = nil, followUpDone: Bool = false, author: String = ""
    ) {
        self.id = id
        self.clientID = clientID
        self.contact = contact
        self.date = date
        self.interpreterLanguage = interpreterLanguage
        self.summary = summary
        self.followUpOn = followUpOn
        self.followUpDone = followUpDone
        self.author = author
    }
}

/// One line of an officer's day.
package struct WorkItem: Hashable, Sendable {
    package enum Kind: String, Sendable {
        case overdueObligation = "overdue"
        case dueSoonObligation = "due_soon"
        case followUp = "follow_up"
        case permitExpiring = "permit"
        case noContact = "no_contact"
        /// The main activity twelve months after exit is due to be recorded.
        case outcomeFollowUp = "outcome_follow_up"
        /// A recognition file the authority has not acknowledged by the day its procedure sets
        /// (`Qualification.isAcknowledgementLate`): one of the authority's overdue items.
        case lateAcknowledgement = "late_acknowledgement"

        /// True for the items overdue now, of either side.
        package var isOverdue: Bool { self == .overdueObligation || self == .lateAcknowledgement }
    }

    package var kind: Kind
    package var clientID: Int64
    package var caseNumber: String
    package var clientName: String
    /// The day the item is about: the due date, the follow-up, the permit's expiry, the last contact.
    package var day: Day?
    package var party: Party?
    package var text: String
    /// The obligation, for items about one.
    package var obligationID: Int64?

    package init(
        kind: Kind, clientID: Int64, caseNumber: String, clientName: String, day: Day?, party: Party? = nil, text: String,
        obligationID: Int64? = nil
    ) {
        self.kind = kind
        self.clientID = clientID
        self.caseNumber = caseNumber
        self.clientName = clientName
        self.day = day
        self.party = party
        self.text = text
        self.obligationID = obligationID
    }

    /// Permits expiring within this many days appear on the worklist.
    package static let permitWarningDays = 60
    /// Clients not contacted for this many days appear on the worklist.
    package static let contactGapDays = 30
    /// An outcome follow-up appears this many days before it is due.
    package static let outcomeNoticeDays = 7

    /// The order of the worklist: overdue first, then due soon, follow-ups, permits, silence;
    /// within a kind by day.
    package static func ordered(_ items: [WorkItem]) -> [WorkItem] {
        let rank: [Kind: Int] = [.overdueObligation: 0, .lateAcknowledgement: 0, .dueSoonObligation: 1, .followUp: 2, .permitExpiring: 3, .noContact: 4, .outcomeFollowUp: 5]
        return items.sorted {
            (rank[$0.kind] ?? 9, $0.day ?? Day(ordinal: 0), $0.caseNumber) < (rank[$1.kind] ?? 9, $1.day ?? Day(ordinal: 0), $1.caseNumber)
        }
    }
}
