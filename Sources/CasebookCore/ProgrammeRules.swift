/// What stands behind a figure of a programme. An officer treats a missed statutory deadline
/// differently from a missed guideline, so a preset says which is which.
package enum RuleBasis: String, CaseIterable, Sendable {
    /// The country's statute or regulation sets the figure.
    case law
    /// An international norm the country follows where its law sets none (the Lisbon
    /// Recognition Convention's Recommendation: a decision within four months).
    case norm
    /// An official expectation, a commentary's figure or a casework default: it binds nobody.
    case guidance
}

/// An hour budget as a screen must tell it: a number of hours (or teaching units) with what
/// stands behind it, or no budget at all because the law sets none. Norway's integreringsloven
/// has no hour budget (training runs until the level is reached), and a file writes that as 0;
/// this type keeps a screen from ever showing it as "budget 0".
package enum HourBudget: Hashable, Sendable {
    case notSetByLaw
    case hours(Int, basis: RuleBasis)

    /// 0 means "not set by law", as the preset files write it.
    package init(hours: Int, basis: RuleBasis) {
        self = hours > 0 ? .hours(hours, basis: basis) : .notSetByLaw
    }

    /// The number of hours, or nil when the law sets none.
    package var hours: Int? {
        if case .hours(let hours, _) = self { return hours }
        return nil
    }

    /// Hours still to go after `attended`, never below zero; nil when there is no budget to count down.
    package func remaining(after attended: Double) -> Double? {
        hours.map { max(0, Double($0) - attended) }
    }
}

/// A faster recognition procedure beside the standard one (Germany: the accelerated
/// skilled-worker procedure of § 81a AufenthG, two months instead of three).
package struct RecognitionVariant: Hashable, Sendable {
    package var id: String
    package var name: String
    package var legalBasis: String
    package var decisionWithin: TimeSpan
    package var acknowledgeWithin: TimeSpan

    package init(id: String, name: String, legalBasis: String, decisionWithin: TimeSpan, acknowledgeWithin: TimeSpan) {
        self.id = id
        self.name = name
        self.legalBasis = legalBasis
        self.decisionWithin = decisionWithin
        self.acknowledgeWithin = acknowledgeWithin
    }
}

/// A period in which the programme admits nobody of certain right-or-obligation statuses
/// (Germany 2026: BAMF grants no admissions under § 44 Abs. 4 AufenthG, the places left over
/// for people neither entitled nor obliged). Clients with another status are not concerned.
package struct AdmissionStop: Hashable, Sendable {
    package var id: String
    package var description: String
    package var legalBasis: String
    package var statuses: [ProgrammeStatus]
    package var from: Day
    /// The last day of the stop; nil while no end is known.
    package var until: Day?

    package init(
        id: String, description: String, legalBasis: String, statuses: [ProgrammeStatus], from: Day, until: Day?
    ) {
        self.id = id
        self.description = description
        self.legalBasis = legalBasis
        self.statuses = statuses
        self.from = from
        self.until = until
    }

    package func isInForce(on day: Day) -> Bool { from <= day && until.map { day <= $0 } ?? true }

    /// Whether the stop keeps a client of `status` out of a start on `day`.
    package func concerns(_ status: ProgrammeStatus, on day: Day) -> Bool {
        statuses.contains(status) && isInForce(on: day)
    }
}

/// Why a client need not sit the civic test (France: beneficiaries of international protection
/// and people of 65 or more).
package enum CivicTestExemption: Hashable, Sendable {
    case residence(ResidenceCategory)
    /// Exempt by age; the age the exemption starts at.
    case age(Int)
}

/// Something an officer must see on a client's enrolment before acting on it.
package enum ProgrammeWarning: Hashable, Sendable {
    /// The programme admits nobody of the client's status at present.
    case admissionStopped(AdmissionStop)
    /// The client's learner profile is a discontinued course type: only courses started
    /// before `since` run on.
    case profileDiscontinued(profileID: String, since: Day)
}

/// The imported versions of one programme and the day each took effect: which one is in
/// force on a day, and which one replaced another.
package struct ProgrammeTimeline: Hashable, Sendable {
    package struct Entry: Hashable, Sendable {
        package var version: Int
        /// The day the version took effect; nil for a version imported before Casebook recorded it.
        package var validFrom: Day?

        package init(version: Int, validFrom: Day?) {
            self.version = version
            self.validFrom = validFrom
        }
    }

    /// Oldest first.
    package let entries: [Entry]

    package init(_ entries: [Entry]) { self.entries = entries.sorted { $0.version < $1.version } }

    /// The version in force on `day`: the newest one that took effect on or before it. A
    /// correction with the same `validFrom` replaces the version it corrects; an undated
    /// version counts as in force from the start. Nil when every version takes effect later.
    package func inForce(on day: Day) -> Entry? {
        entries.last { $0.validFrom.map { $0 <= day } ?? true }
    }

    /// The version imported after `version`, if any.
    package func successor(of version: Int) -> Entry? { entries.first { $0.version > version } }

    /// Whether a new version taking effect on `validFrom` may follow the newest one: a version
    /// never takes effect before the one it replaces, so "in force on a day" stays one answer.
    package func admits(validFrom: Day?) -> Bool {
        guard let validFrom, let latest = latestDated?.validFrom else { return true }
        return latest <= validFrom
    }

    /// The newest version that says when it took effect.
    package var latestDated: Entry? { entries.last { $0.validFrom != nil } }
}
