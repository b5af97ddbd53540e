/// Which part of the caseload the supervisor's figures cover.
package struct DashboardFilter: Hashable, Sendable {
    package var programmeID: String?
    package var officerID: Int64?
    /// Only this office's clients (one of the viewer's); nil for every office the viewer may see.
    package var officeID: Office.ID?
    /// Whose figures they are: only the clients of the offices where the policy lets them see the
    /// dashboard (`Action.seeDashboard`). Nil only for the whole file's own checks and
    /// measurements, which no screen or command builds.
    package var viewer: Staff.ID?
    /// The period of the flow figures (decisions, exits, starts, the month-by-month series).
    package var from: Day
    package var to: Day

    package init(
        programmeID: String? = nil, officerID: Int64? = nil, officeID: Office.ID? = nil, viewer: Staff.ID? = nil,
        from: Day, to: Day
    ) {
        self.programmeID = programmeID
        self.officerID = officerID
        self.officeID = officeID
        self.viewer = viewer
        self.from = from
        self.to = to
    }

    /// The twelve months up to `today`: from the first day of the month eleven months back.
    package static func lastTwelveMonths(today: Day) -> DashboardFilter {
        let start = today.adding(months: -11)
        return DashboardFilter(from: Day(year: start.year, month: start.month, day: 1) ?? start, to: today)
    }

    /// The days the month-by-month series is counted on: the last day of each month of the
    /// period (at most the last twelve), the last one being `to` itself.
    package var monthEnds: [Day] {
        var ends: [Day] = []
        var month = Day(year: to.year, month: to.month, day: 1) ?? to
        while ends.count < 12 {
            let end = min(to, month.adding(months: 1).adding(days: -1))
            if end < from { break }
            ends.append(end)
            month = month.adding(months: -1)
        }
        return ends.reversed()
    }

    /// Checks the period by the dashboard's period form's rules (`PeriodDraft`).
    package func validate() throws(ValidationFailure<PeriodDraft.Field>) {
        _ = try PeriodDraft(from: from, to: to).validated()
    }
}

/// One officer's caseload: open cases, overdue obligations by side, clients not contacted.
package struct OfficerLoad: Hashable, Sendable {
    package var officerID: Int64?
    package var username: String
    package var openCases = 0
    package var overdueNewcomer = 0
    package var overdueAuthority = 0
    package var noContact = 0

    package init(officerID: Int64?, username: String) {
        self.officerID = officerID
        self.username = username
    }
}

/// Overdue obligations by side, on one day.
package struct OverduePoint: Hashable, Sendable {
    package var day: Day
    package var newcomer = 0
    package var authority = 0

    package init(day: Day) { self.day = day }
}

/// A numerator over a denominator, with the share when there is one.
package struct Share: Hashable, Sendable {
    package var count: Int
    package var of: Int

    package init(_ count: Int, of: Int) {
        self.count = count
        self.of = of
    }

    package var fraction: Double? { of > 0 ? Double(count) / Double(of) : nil }

    /// "62% (31 of 50)", or "— (0 of 0)".
    package var text: String {
        guard let fraction else { return "— (0 of 0)" }
        return "\(Int((fraction * 100).rounded()))% (\(count) of \(of))"
    }
}

/// Where a dashboard bar's clients come from: the figure and the part of it.
package enum DashboardBar: Hashable, Sendable {
    case officerOpen(Int64?)
    case officerOverdue(Int64?, Party)
    case officerNoContact(Int64?)
    case phase(CasePhase)
    case overdueNow(Party)
    case overdueOn(Day, Party)
    case skillAtTarget(Skill)
    case level(Int?)
    case recognitionStage(RecognitionStage)
    case decidedInTime
    case decidedLate
    /// Submitted files the authority has not acknowledged by the day their procedure sets.
    case acknowledgementLate
    case civicComplete
    case civicIncomplete
    case exit(ExitReason)
    /// Open cases with an interaction activity in the period: any kind (nil), or one kind.
    case participating(ActivityKind?)
    /// Outcomes recorded in the period in work or education, at exit or at the follow-up.
    case outcomeInWorkOrEducation(OutcomeStage)
}

/// Every figure of the supervisor's dashboard and of `casebook report`: one computation, in
/// the store, for both.
package struct Dashboard: Equatable, Sendable {
    package var filter: DashboardFilter
    package var today: Day

    /// Open cases per officer (nil: not assigned), by user name.
    package var officers: [OfficerLoad] = []
    /// Clients per phase (all phases, open or not).
    package var phases: [CasePhase: Int] = [:]
    /// Overdue now, by the worklist's rule: pending, due before today, open case, contract in force.
    package var overdueNow = OverduePoint(day: Day(ordinal: 0))
    /// Overdue at each month end of the period: due before the day and not settled by it, in a
    /// contract that had not ended by then.
    package var overdueByMonth: [OverduePoint] = []
    /// Open, enrolled clients at or above their target, over those with a target, per skill.
    package var language: [Skill: Share] = [:]
    /// Open, enrolled clients by their lowest current level over the five skills (rank 0 Pre-A1
    /// … 9 C2); nil: not yet assessed in all five.
    package var levels: [Int?: Int] = [:]
    /// Qualifications of open cases by stage.
    package var recognitionStages: [RecognitionStage: Int] = [:]
    /// Decisions taken in the period: within the deadline over all with a deadline.
    package var decidedInTime = Share(0, of: 0)
    /// Files of open cases still Submitted after the day their procedure's acknowledgement was
    /// due (`Qualification.isAcknowledgementLate`), today.
    package var acknowledgementsLate = 0
    /// Days from the complete file to the decision, for decisions taken in the period.
    package var medianDaysToDecision: Double?
    /// The decisions that median is taken over (those with the day the file was complete).
    package var decisionsTimed = 0
    /// Open, enrolled clients for whom civic orientation is required: completed over required.
    package var civic = Share(0, of: 0)
    /// Cases closed in the period, by exit reason.
    package var exits: [ExitReason: Int] = [:]
    /// The share in work or education the programme shown aims for (the site's own when it
    /// sets one); nil when none is set, or the programmes shown differ (`OutcomeTarget.shared`).
    package var target: OutcomeTarget?
    /// Days from the programme offer to its start, for starts in the period.
    package var medianDaysOfferToStart: Double?
    package var starts = 0
    /// The active-citizenship indicator: open cases with at least one interaction activity in
    /// the period, over the open cases; and the same per kind of activity.
    package var participation = Share(0, of: 0)
    package var participationByKind: [ActivityKind: Share] = [:]
    /// Main activities recorded in the period at exit and twelve months after: in work or
    /// education over those with an outcome of the programme (`MainActivity.countsAsOutcome`).
    package var outcomes: [OutcomeStage: Share] = [:]
    /// The clients behind each bar, for opening the list of exactly them.
    package var members: [DashboardBar: [Int64]] = [:]

    package init(filter: DashboardFilter, today: Day, target: OutcomeTarget? = nil) {
        self.filter = filter
        self.today = today
        self.target = target
        overdueNow = OverduePoint(day: today)
    }

    /// Exits to work, to education or to both, over exits with one of the four outcomes
    /// (moves and other reasons are not outcomes of the programme and are left out).
    package var workOrEducation: Share {
        let outcomes = exits[.work, default: 0] + exits[.education, default: 0] + exits[.both, default: 0]
        return Share(outcomes, of: outcomes + exits[.neither, default: 0])
    }

    package func clients(behind bar: DashboardBar) -> [Int64] { members[bar] ?? [] }
}

/// The median of whole numbers (the mean of the two middle ones for an even count).
package func median(_ values: [Int]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
}
