import CasebookCore
import Dispatch

/// The rows behind the dashboard's flow figures, before they are matched to the clients in scope.
struct DashboardFlows: Sendable {
    struct Overdue: Sendable {
        var clientID: Int64
        var isNewcomers: Bool
        var due: Int
        var settled: Int?
        /// Overdue today by `RuleSQL.overdue` (the case and contract are checked by the caller).
        var isOverdueNow: Bool
    }

    struct Exit: Sendable {
        var clientID: Int64
        var reason: Int
    }

    struct Start: Sendable {
        var clientID: Int64
        var days: Int
    }

    struct Activity: Sendable {
        var clientID: Int64
        /// The kind's position in `ActivityKind.allCases`.
        var kind: Int
    }

    struct Outcome: Sendable {
        var clientID: Int64
        var isFollowUp: Bool
        /// The activity's position in `MainActivity.allCases`.
        var activity: Int
    }

    var overdue: [Overdue] = []
    var exits: [Exit] = []
    var starts: [Start] = []
    var activities: [Activity] = []
    var outcomes: [Outcome] = []

    private enum ActivityColumn: Int32, ColumnSet {
        case clientID, kind
    }

    private static let activityKinds = CodePositions(ActivityKind.allCases)
    private static let activitySelection = ActivityColumn.selection()

    private enum OutcomeColumn: Int32, ColumnSet {
        case clientID, isFollowUp, activity

        var expression: String? { self == .isFollowUp ? "stage = 'follow_up'" : nil }
    }

    private static let mainActivities = CodePositions(MainActivity.allCases)

    private static let outcomeSelection = OutcomeColumn.selection()

    private enum OverdueColumn: Int32, ColumnSet {
        case clientID, flags, dueOn, settledOn

        var expression: String? {
            // 1: the newcomer's, 2: overdue today. One integer, read without making a string.
            self == .flags ? "(party = 'newcomer') | (\(RuleSQL.overdue("")) << 1)" : nil
        }
    }

    private static let overdueSelection = OverdueColumn.selection()

    private enum ExitColumn: Int32, ColumnSet {
        case clientID, exitReason
    }

    private static let exitReasons = CodePositions(ExitReason.allCases)

    private static let exitSelection = ExitColumn.selection()

    private enum StartColumn: Int32, ColumnSet {
        case clientID, offeredOn, startedOn
    }

    private static let startSelection = StartColumn.selection()

    /// The obligations that were ever overdue, due before the second `?` and not settled by the
    /// third, with whether they are overdue on the first: read whole from the partial index of
    /// the obligations ever overdue, since the condition is that index's (`RuleSQL.everOverdue`).
    static let overdueQuery = """
        SELECT \(overdueSelection) FROM obligations
        WHERE (\(RuleSQL.everOverdue)) AND due_on < ? AND (status = 'pending' OR settled_on > ?)
        """

    /// The flows' reads, to share out between the two connections.
    enum Read: CaseIterable, Sendable {
        case overdue, exits, starts, activities, outcomes
    }

    /// What the second connection reads while the store's own reads the facts and the
    /// qualifications; the store's connection reads the rest after its own, so that the two
    /// cores' work comes out about even (docs/PERFORMANCE.md, "Where the dashboard's time goes").
    static let inBackground: [Read] = [.overdue, .exits, .starts, .activities]

    /// The reads the store's connection makes itself while the other reads `inBackground`.
    static let inForeground = Read.allCases.filter { !inBackground.contains($0) }

    /// These flows and `other`'s, which another connection read: each read is made on one of
    /// the two, so that every list stays whole and in its order.
    mutating func add(_ other: DashboardFlows) {
        overdue += other.overdue
        exits += other.exits
        starts += other.starts
        activities += other.activities
        outcomes += other.outcomes
    }

    /// The obligations that were ever overdue up to the period's end, and the exits, starts,
    /// activities and outcomes of the period: those of `reads`. Run on either connection, inside
    /// a read transaction.
    static func read(
        _ database: Database, filter: DashboardFilter, today: Day, earliest: Day, only reads: [Read] = Read.allCases
    ) throws -> DashboardFlows {
        var flows = DashboardFlows()
        if reads.contains(.overdue) {
            try database.forEach(overdueQuery, [today, max(today, filter.to), earliest]) { row in
                let row = NamedRow<OverdueColumn>(row)
                guard let due = row.dayOrdinal(.dueOn) else { return }
                let flags = row.int(.flags)
                flows.overdue.append(
                    Overdue(
                        clientID: row.int64(.clientID), isNewcomers: flags & 1 != 0, due: due,
                        settled: row.dayOrdinal(.settledOn), isOverdueNow: flags & 2 != 0))
            }
            // In client order (the index yields them by due day), for the lists of clients behind the bars.
            flows.overdue.sort { $0.clientID < $1.clientID }
        }
        if reads.contains(.exits) {
            try database.forEach(
                """
                SELECT \(exitSelection) FROM phase_history
                WHERE to_phase = 'closed' AND effective_on >= ? AND effective_on <= ?
                """, [filter.from, filter.to]
            ) { row in
                let row = NamedRow<ExitColumn>(row)
                guard let reason = exitReasons.position(of: row.bytes(.exitReason)) else { return }
                flows.exits.append(Exit(clientID: row.int64(.clientID), reason: reason))
            }
        }
        if reads.contains(.starts) {
            try database.forEach(
                """
                SELECT \(startSelection) FROM enrolments
                WHERE started_on IS NOT NULL AND started_on >= ? AND started_on <= ?
                """, [filter.from, filter.to]
            ) { row in
                let row = NamedRow<StartColumn>(row)
                guard let offered = row.dayOrdinal(.offeredOn), let started = row.dayOrdinal(.startedOn) else { return }
                flows.starts.append(Start(clientID: row.int64(.clientID), days: started - offered))
            }
        }
        if reads.contains(.activities) {
            // Activities that took place (at least in part) in the period (`ParticipationActivity.overlaps`).
            try database.forEach(
                """
                SELECT \(activitySelection) FROM participation
                WHERE starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?) ORDER BY client_id
                """, [filter.to, filter.from]
            ) { row in
                let row = NamedRow<ActivityColumn>(row)
                guard let kind = activityKinds.position(of: row.bytes(.kind)) else { return }
                flows.activities.append(Activity(clientID: row.int64(.clientID), kind: kind))
            }
        }
        if reads.contains(.outcomes) {
            try database.forEach(
                "SELECT \(outcomeSelection) FROM outcomes WHERE recorded_on >= ? AND recorded_on <= ? ORDER BY client_id",
                [filter.from, filter.to]
            ) { row in
                let row = NamedRow<OutcomeColumn>(row)
                guard let activity = mainActivities.position(of: row.bytes(.activity)) else { return }
                flows.outcomes.append(
                    Outcome(clientID: row.int64(.clientID), isFollowUp: row.bool(.isFollowUp), activity: activity))
            }
        }
        return flows
    }
}

/// Reads `DashboardFlows.inBackground` on a second connection, on another thread, in its own read
/// transaction. The connection is used by that thread alone until `result` returns.
final class BackgroundFlows: @unchecked Sendable {
    private let done = DispatchGroup()
    private let database: Database
    private let filter: DashboardFilter
    private let today: Day
    private let earliest: Day
    private var outcome: Result<DashboardFlows, Error> = .failure(CancellationError())

    init(database: Database, filter: DashboardFilter, today: Day, earliest: Day) {
        self.database = database
        self.filter = filter
        self.today = today
        self.earliest = earliest
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            outcome = Result {
                try self.database.read {
                    try DashboardFlows.read(
                        self.database, filter: self.filter, today: self.today, earliest: self.earliest,
                        only: DashboardFlows.inBackground)
                }
            }
            done.leave()
        }
    }

    /// Waits for the reading thread; its flows, or its error.
    func result() throws -> DashboardFlows {
        done.wait()
        return try outcome.get()
    }
}
