import CasebookL10n

/// The kinds of interaction with the receiving society the Participation tab records, after
/// CM/Rec(2011)1 and the Congress' Recommendation 304 (mentoring, associations, local
/// participation, political rights at local level).
package enum ActivityKind: String, CaseIterable, Sendable {
    case mentoring
    case volunteering
    case association
    case sportCulture = "sport_culture"
    case parentsSchool = "parents_school"
    case consultativeBody = "consultative_body"
    case votingRightsSession = "voting_rights_session"
    case interculturalEvent = "intercultural_event"
    case other

    /// A short label for a table column.
    package var shortLabel: String {
        switch self {
        case .mentoring: return tr("Mentoring")
        case .volunteering: return tr("Volunteering")
        case .association: return tr("Association")
        case .sportCulture: return tr("Sport/culture")
        case .parentsSchool: return tr("Parents/school")
        case .consultativeBody: return tr("Consultative")
        case .votingRightsSession: return tr("Voting rights")
        case .interculturalEvent: return tr("Intercultural")
        case .other: return tr("Other")
        }
    }
}

/// One activity of a client's: a mentoring scheme, a club joined, a session attended.
package struct ParticipationActivity: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var clientID: Int64
    package var kind: ActivityKind
    package var partnerID: Int64?
    /// The partner's name as stored (read with the activity).
    package var partnerName: String?
    package var startsOn: Day
    package var endsOn: Day?
    package var hours: Double?
    package var note: String

    package init(
        id: Int64 = 0, clientID: Int64, kind: ActivityKind, partnerID: Int64?, partnerName: String? = nil,
        startsOn: Day, endsOn: Day?, hours: Double?, note: String
    ) {
        self.id = id
        self.clientID = clientID
        self.kind = kind
        self.partnerID = partnerID
        self.partnerName = partnerName
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.hours = hours
        self.note = note
    }

    /// Whether the activity took place (at least in part) between `from` and `to`, both included.
    package func overlaps(from: Day, to: Day) -> Bool {
        startsOn <= to && (endsOn ?? to) >= from
    }
}

package struct ParticipationDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case kind, partner, startsOn = "starts_on", endsOn = "ends_on", hours, note

        package var characterLimit: Int? { self == .note ? 500 : nil }
    }

    package var kind: ActivityKind?
    package var partner: Int64?
    package var startsOn: Day?
    package var endsOn: Day?
    package var hours: Double?
    package var note: String = ""

    package init(
        kind: ActivityKind? = nil, partner: Int64? = nil, startsOn: Day? = nil, endsOn: Day? = nil,
        hours: Double? = nil, note: String = ""
    ) {
        self.kind = kind
        self.partner = partner
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.hours = hours
        self.note = note
    }

    package var requiredFields: Set<Field> { kind == .other ? [.kind, .startsOn, .note] : [.kind, .startsOn] }

    /// The hours one activity may record (a year's weekly club evenings stay well inside).
    package static let hourRange = 0.5...2000.0

    /// The activity; `partners` are the ids of the partner organisations the client's office
    /// has, for the Store to hold the choice to.
    @discardableResult
    package func validated(clientID: Int64, partners: Set<Int64>, today: Day) throws(ValidationFailure<Field>)
        -> ParticipationActivity
    {
        var issues = FieldIssues<Field>()
        let kind = issues.require(kind, .kind, tr("Choose the kind of activity."))
        if let partner, !partners.contains(partner) {
            issues.add(
                .partner,
                tr("That partner organisation is not in the register of the client's office; choose one from the list.")
            )
        }
        if let start = issues.require(startsOn, .startsOn), start > today.adding(years: 1) {
            issues.add(.startsOn, tr("More than a year ahead; record an activity once it is agreed."))
        }
        if let start = startsOn, let end = endsOn, end < start {
            issues.add(.endsOn, tr("Ends before it starts."))
        }
        if let hours, !ParticipationDraft.hourRange.contains(hours) {
            issues.add(.hours, tr("From 0.5 to 2000 hours, or leave it empty."))
        }
        let note = issues.text(
            note, .note, required: kind == .other ? tr("Say what the activity is (the kind is Other).") : nil)
        guard let kind, let startsOn, issues.isEmpty else { throw issues.failure }
        return ParticipationActivity(
            clientID: clientID, kind: kind, partnerID: partner, startsOn: startsOn, endsOn: endsOn, hours: hours,
            note: note)
    }
}

/// What a local partner organisation is.
package enum PartnerKind: String, CaseIterable, Sendable {
    case association
    case sportsClub = "sports_club"
    case culture
    case faithCommunity = "faith_community"
    case volunteerCentre = "volunteer_centre"
    case school
    case publicBody = "public_body"
    case employer
    case other
}

/// A local organisation clients take part in activities with, in the office's register.
package struct PartnerOrganisation: Hashable, Sendable, Identifiable {
    package var id: Int64
    package var name: String
    package var kind: PartnerKind
    package var contact: String
    /// The office whose register holds it: only that office's clients' activities name it.
    package var officeID: Office.ID
    package var version: Int

    package init(
        id: Int64 = 0, name: String, kind: PartnerKind, contact: String, officeID: Office.ID = 0, version: Int = 1
    ) {
        self.id = id
        self.officeID = officeID
        self.name = name
        self.kind = kind
        self.contact = contact
        self.version = version
    }
}

package struct PartnerDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case name, kind, contact, office

        package var characterLimit: Int? {
            switch self {
            case .name: return 120
            case .contact: return 200
            case .kind, .office: return nil
            }
        }
    }

    package var name: String = ""
    package var kind: PartnerKind?
    package var contact: String = ""
    /// The office whose register a new organisation joins, where the person keeps several; the
    /// Store takes it apart (`addPartner(_:office:actor:)`) and an organisation never changes office.
    package var office: Office.ID?

    package init(name: String = "", kind: PartnerKind? = nil, contact: String = "") {
        self.name = name
        self.kind = kind
        self.contact = contact
    }

    package init(_ partner: PartnerOrganisation) {
        self.init(name: partner.name, kind: partner.kind, contact: partner.contact)
    }

    package var requiredFields: Set<Field> { [.name, .kind] }

    @discardableResult
    package func validated() throws(ValidationFailure<Field>) -> PartnerOrganisation {
        var issues = FieldIssues<Field>()
        let name = issues.text(name, .name, required: tr("The organisation's name."))
        let kind = issues.require(kind, .kind, tr("Choose what kind of organisation it is."))
        // A contact is a person's name, a phone number or an address: the organisation's, not a client's.
        let contact = issues.text(contact, .contact)
        guard let kind, issues.isEmpty else { throw issues.failure }
        return PartnerOrganisation(name: name, kind: kind, contact: contact)
    }
}
