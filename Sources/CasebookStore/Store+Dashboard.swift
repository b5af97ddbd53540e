import CasebookCore
import Dispatch

extension Store {
    /// Every figure of the dashboard and the report, over the clients `filter` selects, with the
    /// clients behind each bar.
    ///
    /// Two connections read at once, one per core: this one reads `client_facts` (one row per
    /// client, three packed integers) and the qualifications, while a second reads the
    /// obligations that were ever overdue and the exits and starts of the period
    /// (`DashboardFlows`). Both must see the same snapshot: when a colleague's save commits while
    /// they read, the figures are read again, and after three such tries on one connection alone.
    package func dashboard(_ filter: DashboardFilter, exitTarget: Double = 0.70, inParallel: Bool = true) throws
        -> Dashboard
    {
        // The packed facts came with schema 5; an older file opened read-only was not migrated.
        guard schemaVersion >= 5 else { throw StoreError.olderSchema(path: path, found: schemaVersion) }
        for _ in 0..<(inParallel ? 3 : 0) {
            guard let reader = flowReader() else { break }
            if let board = try dashboard(filter, exitTarget: exitTarget, flowsOn: reader) { return board }
        }
        return try dashboard(filter, exitTarget: exitTarget, flowsOn: nil)
            ?? Dashboard(filter: filter, today: clock.today, exitTarget: exitTarget)
    }

    /// The second connection the dashboard reads its flows on, opened on first use; nil when it
    /// cannot be opened, or when the path no longer names the file this store opened.
    func flowReader() -> Database? {
        if let reader = dashboardReader { return reader }
        guard DatabaseFile.identity(path) == fileIdentity,
            let reader = try? Database(path: path, mode: database.isReadOnly ? .readOnly : .readWrite)
        else { return nil }
        reader.waitWhenBusy(milliseconds: 5000)
        guard (try? reader.executeScript("PRAGMA query_only = 1; PRAGMA cache_size = -32768")) != nil else {
            return nil
        }
        dashboardReader = reader
        return reader
    }

    /// The figures, with the flows read on `reader` in parallel (nil: on this connection, after
    /// the facts). Nil when another connection committed while the two were reading, so that
    /// they may have seen different snapshots.
    private func dashboard(_ filter: DashboardFilter, exitTarget: Double, flowsOn reader: Database?) throws
        -> Dashboard?
    {
        let today = clock.today
        var board = Dashboard(filter: filter, today: today, exitTarget: exitTarget)
        let ends = filter.monthEnds
        let earliest = ends.first ?? today
        var snapshot: Int64?
        try read {
            let size = Int(try database.scalar("SELECT coalesce(max(id), 0) FROM clients") ?? 0) + 1
            // The snapshot is taken; the second connection starts after it, and a change of
            // `data_version` by the end shows whether anybody committed in between.
            snapshot = try database.scalar("PRAGMA data_version")
            let background = reader.map {
                BackgroundFlows(database: $0, filter: filter, today: today, earliest: earliest)
            }
            defer { _ = try? background?.result() }
            if background != nil, let hook = whileDashboardReads {
                whileDashboardReads = nil
                hook()
            }

            // Per client, by id: in the filter, open, officer (row in `officers`), contract end.
            var inScope = [Bool](repeating: false, count: size)
            var isOpen = [Bool](repeating: false, count: size)
            var officerRow = [Int32](repeating: -1, count: size)
            var contractEnd = [Int32](repeating: Int32.max, count: size)
            var officerIndex: [Int64?: Int32] = [:]
            let usernames = Dictionary(
                uniqueKeysWithValues: try database.query("SELECT id, username FROM staff") { ($0.int64(0), $0.text(1)) }
            )

            var conditions: [String] = []
            var arguments: [any SQLBindable] = []
            if let officer = filter.officerID {
                conditions.append("officer_id = ?")
                arguments.append(officer)
            }
            if let programme = filter.programmeID {
                conditions.append("programme_id = ?")
                arguments.append(programme)
            }
            let skills = Store.factSkills
            let phases = CasePhase.allCases
            var phaseMembers = [[Int64]](repeating: [], count: phases.count)
            var openMembers: [[Int64]] = []
            var silentMembers: [[Int64]] = []
            var withTarget = [Int](repeating: 0, count: skills.count)
            var targetMembers = [[Int64]](repeating: [], count: skills.count)
            var levelMembers = [[Int64]](repeating: [], count: CEFRLevel.allCases.count + 1)
            var civicMembers: [[Int64]] = [[], []]
            // One pass over every client, reading three integers that SQLite keeps packed
            // (`DashboardFacts`): the loop makes no strings.
            let silence = today.adding(days: -WorkItem.contactGapDays).ordinal
            let scope = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
            try database.forEach("SELECT client_id, dash_bits, dash_days FROM client_facts WHERE 1\(scope)", arguments)
            { row in
                let id = row.int64(0)
                let facts = DashboardFacts(bits: row.int64(1), days: row.int64(2))
                guard id < size, phases.indices.contains(facts.phase) else { return }
                phaseMembers[facts.phase].append(id)
                inScope[Int(id)] = true
                if let ended = facts.contractEndedOn { contractEnd[Int(id)] = Int32(clamping: ended) }
                guard facts.isOpen else { return }
                isOpen[Int(id)] = true
                let officer = facts.officerID
                let index: Int32
                if let known = officerIndex[officer] {
                    index = known
                } else {
                    index = Int32(board.officers.count)
                    officerIndex[officer] = index
                    board.officers.append(
                        OfficerLoad(officerID: officer, username: officer.flatMap { usernames[$0] } ?? "(unassigned)"))
                    openMembers.append([])
                    silentMembers.append([])
                }
                officerRow[Int(id)] = index
                board.officers[Int(index)].openCases += 1
                openMembers[Int(index)].append(id)
                if facts.contactSince <= silence {
                    board.officers[Int(index)].noContact += 1
                    silentMembers[Int(index)].append(id)
                }
                guard facts.isEnrolled else { return }
                let targets = facts.languageTargets
                let met = facts.languageMet
                for position in skills.indices where targets & (1 << position) != 0 {
                    withTarget[position] += 1
                    if met & (1 << position) != 0 { targetMembers[position].append(id) }
                }
                let level = facts.levelSlot
                if levelMembers.indices.contains(level) { levelMembers[level].append(id) }
                if facts.isCivicRequired { civicMembers[facts.isCivicComplete ? 0 : 1].append(id) }
            }
            for (index, phase) in phases.enumerated() where !phaseMembers[index].isEmpty {
                board.phases[phase] = phaseMembers[index].count
                board.members[.phase(phase)] = phaseMembers[index]
            }
            for (index, officer) in board.officers.enumerated() {
                board.members[.officerOpen(officer.officerID)] = openMembers[index]
                board.members[.officerNoContact(officer.officerID)] = silentMembers[index]
            }
            for (position, skill) in skills.enumerated() {
                board.language[skill] = Share(targetMembers[position].count, of: withTarget[position])
                board.members[.skillAtTarget(skill)] = targetMembers[position]
            }
            for (slot, ids) in levelMembers.enumerated() where !ids.isEmpty {
                let level: Int? = slot == 0 ? nil : slot - 1
                board.levels[level] = ids.count
                board.members[.level(level)] = ids
            }
            board.civic = Share(civicMembers[0].count, of: civicMembers[0].count + civicMembers[1].count)
            board.members[.civicComplete] = civicMembers[0]
            board.members[.civicIncomplete] = civicMembers[1]

            // Recognition: files of open cases by stage (read here while the other connection
            // reads the flows); decisions taken in the period.
            let stages = RecognitionStage.allCases
            let stageIndex = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1.rawValue, $0) })
            var stageMembers = [[Int64]](repeating: [], count: stages.count)
            try database.forEach("SELECT client_id, stage FROM qualifications") { row in
                let id = row.int64(0)
                guard id < size, isOpen[Int(id)], inScope[Int(id)], let stage = stageIndex[row.text(1)] else { return }
                stageMembers[stage].append(id)
            }
            var decisionDays: [Int] = []
            var timely: [[Int64]] = [[], []]
            try database.forEach(
                """
                SELECT client_id, complete_on, decided_on, decision_due IS NOT NULL, decided_on <= decision_due
                FROM qualifications WHERE decided_on >= ? AND decided_on <= ?
                """, [filter.from, filter.to]
            ) { row in
                let id = row.int64(0)
                guard id < size, inScope[Int(id)] else { return }
                if let complete = row.dayOrdinal(1), let decided = row.dayOrdinal(2) {
                    decisionDays.append(decided - complete)
                }
                if row.int(3) == 1 { timely[row.int(4) == 1 ? 0 : 1].append(id) }
            }
            for (index, stage) in stages.enumerated() where !stageMembers[index].isEmpty {
                board.recognitionStages[stage] = stageMembers[index].count
                board.members[.recognitionStage(stage)] = stageMembers[index]
            }
            board.decidedInTime = Share(timely[0].count, of: timely[0].count + timely[1].count)
            board.members[.decidedInTime] = timely[0]
            board.members[.decidedLate] = timely[1]
            board.medianDaysToDecision = median(decisionDays)

            let flows =
                try background?.result()
                ?? Store.dashboardFlows(database, filter: filter, today: today, earliest: earliest)

            // Obligations that were ever overdue (pending, or settled after their due date):
            // overdue now by the worklist's rule, and at each month end by `ObligationTiming.wasOverdue`.
            board.overdueByMonth = ends.map { OverduePoint(day: $0) }
            // Index 0 newcomer, 1 authority.
            var monthMembers = [[[Int64]]](repeating: [[], []], count: ends.count)
            var nowMembers: [[Int64]] = [[], []]
            var nowCounts = [0, 0]
            var monthCounts = [[Int]](repeating: [0, 0], count: ends.count)
            var officerOverdue = [[[Int64]]](repeating: [[Int64]](repeating: [], count: board.officers.count), count: 2)
            let endOrdinals = ends.map(\.ordinal)
            let todayOrdinal = today.ordinal
            // The obligations come in client order, so each list stays sorted and a client
            // already at its end is not added again.
            func add(_ id: Int64, to list: inout [Int64]) { if list.last != id { list.append(id) } }
            for obligation in flows.overdue {
                let id = obligation.clientID
                guard id < size, inScope[Int(id)] else { continue }
                let slot = obligation.isNewcomers ? 0 : 1
                let due = obligation.due
                let ended = Int(contractEnd[Int(id)])
                if obligation.isPending, due < todayOrdinal, isOpen[Int(id)], ended == Int(Int32.max) {
                    nowCounts[slot] += 1
                    add(id, to: &nowMembers[slot])
                    let index = Int(officerRow[Int(id)])
                    if index >= 0 {
                        if slot == 0 {
                            board.officers[index].overdueNewcomer += 1
                        } else {
                            board.officers[index].overdueAuthority += 1
                        }
                        add(id, to: &officerOverdue[slot][index])
                    }
                }
                for (month, end) in endOrdinals.enumerated()
                where ObligationTiming.wasOverdue(due: due, settledOn: obligation.settled, on: end) && ended > end {
                    monthCounts[month][slot] += 1
                    add(id, to: &monthMembers[month][slot])
                }
            }
            board.overdueNow.newcomer = nowCounts[0]
            board.overdueNow.authority = nowCounts[1]
            for month in ends.indices {
                board.overdueByMonth[month].newcomer = monthCounts[month][0]
                board.overdueByMonth[month].authority = monthCounts[month][1]
            }
            for (slot, side) in [Party.newcomer, .authority].enumerated() {
                if !nowMembers[slot].isEmpty { board.members[.overdueNow(side)] = nowMembers[slot] }
                for (month, day) in ends.enumerated() where !monthMembers[month][slot].isEmpty {
                    board.members[.overdueOn(day, side)] = monthMembers[month][slot]
                }
                for (index, officer) in board.officers.enumerated() where !officerOverdue[slot][index].isEmpty {
                    board.members[.officerOverdue(officer.officerID, side)] = officerOverdue[slot][index]
                }
            }

            // Exits: cases closed in the period, by reason.
            let reasons = ExitReason.allCases
            var exitMembers = [[Int64]](repeating: [], count: reasons.count)
            for exit in flows.exits
            where exit.clientID < size && inScope[Int(exit.clientID)] && reasons.indices.contains(exit.reason) {
                exitMembers[exit.reason].append(exit.clientID)
            }
            for (index, reason) in reasons.enumerated() where !exitMembers[index].isEmpty {
                board.exits[reason] = exitMembers[index].count
                board.members[.exit(reason)] = exitMembers[index]
            }

            // Days from the offer to the start, for programme starts in the period.
            let waits = flows.starts.filter { $0.clientID < size && inScope[Int($0.clientID)] }.map(\.days)
            board.starts = waits.count
            board.medianDaysOfferToStart = median(waits)
            board.officers.sort {
                ($0.officerID == nil ? 1 : 0, $0.username) < ($1.officerID == nil ? 1 : 0, $1.username)
            }
        }
        guard reader != nil else { return board }
        return try database.scalar("PRAGMA data_version") == snapshot ? board : nil
    }

    /// The rows behind the flow figures, read without the facts: the obligations that were ever
    /// overdue up to the period's end, and the exits and starts of the period. Run on either
    /// connection, inside a read transaction.
    static func dashboardFlows(_ database: Database, filter: DashboardFilter, today: Day, earliest: Day) throws
        -> DashboardFlows
    {
        var flows = DashboardFlows()
        try database.forEach(
            """
            SELECT client_id, (party = 'newcomer') | ((status = 'pending') << 1), due_on, settled_on
            FROM obligations
            WHERE (status = 'pending' OR settled_on > due_on) AND due_on < ? AND (status = 'pending' OR settled_on > ?)
            """, [max(today, filter.to), earliest]
        ) { row in
            guard let due = row.dayOrdinal(2) else { return }
            let flags = row.int(1)
            flows.overdue.append(
                DashboardFlows.Overdue(
                    clientID: row.int64(0), isNewcomers: flags & 1 != 0, due: due, settled: row.dayOrdinal(3),
                    isPending: flags & 2 != 0))
        }
        // In client order (the index yields them by due day), for the lists of clients behind the bars.
        flows.overdue.sort { $0.clientID < $1.clientID }
        let reasonCase =
            "CASE exit_reason "
            + ExitReason.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ")
            + " END"
        try database.forEach(
            """
            SELECT client_id, \(reasonCase) FROM phase_history
            WHERE to_phase = 'closed' AND effective_on >= ? AND effective_on <= ?
            """, [filter.from, filter.to]
        ) { row in
            guard row.optionalInt64(1) != nil else { return }
            flows.exits.append(DashboardFlows.Exit(clientID: row.int64(0), reason: row.int(1)))
        }
        try database.forEach(
            """
            SELECT client_id, offered_on, started_on FROM enrolments
            WHERE started_on IS NOT NULL AND started_on >= ? AND started_on <= ?
            """, [filter.from, filter.to]
        ) { row in
            guard let offered = row.dayOrdinal(1), let started = row.dayOrdinal(2) else { return }
            flows.starts.append(DashboardFlows.Start(clientID: row.int64(0), days: started - offered))
        }
        return flows
    }
}

/// The rows behind the dashboard's flow figures, before they are matched to the clients in scope.
struct DashboardFlows: Sendable {
    struct Overdue: Sendable {
        var clientID: Int64
        var isNewcomers: Bool
        var due: Int
        var settled: Int?
        var isPending: Bool
    }

    struct Exit: Sendable {
        var clientID: Int64
        var reason: Int
    }

    struct Start: Sendable {
        var clientID: Int64
        var days: Int
    }

    var overdue: [Overdue] = []
    var exits: [Exit] = []
    var starts: [Start] = []
}

/// Reads `DashboardFlows` on a second connection, on another thread, in its own read
/// transaction. The connection is used by that thread alone until `result` returns.
private final class BackgroundFlows: @unchecked Sendable {
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
                    try Store.dashboardFlows(
                        self.database, filter: self.filter, today: self.today, earliest: self.earliest)
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

/// What the dashboard reads of one client, as SQLite packs it in `client_facts` (see
/// `Store.dashboardColumns`). `bits`: 0–4 the phase's position in `CasePhase.allCases` (31:
/// unknown), 5 open, 7 enrolled, 8 civic orientation required, 9 completed, 10–13 the lowest
/// level's rank + 1 (0: some skill not yet assessed), 16–23 the skills with a target, 24–31 the
/// skills at or above it, 32–62 the officer's id + 1 (0: unassigned). `days`: 0–23 the day the
/// contract ended + 1 (0: not ended), 24–47 the day of the last contact, as `Day.ordinal`.
struct DashboardFacts: Equatable {
    let bits: Int64
    let days: Int64

    var phase: Int { Int(bits & 31) }
    var isOpen: Bool { bits & (1 << 5) != 0 }
    var isEnrolled: Bool { bits & (1 << 7) != 0 }
    var isCivicRequired: Bool { bits & (1 << 8) != 0 }
    var isCivicComplete: Bool { bits & (1 << 9) != 0 }
    /// 0 when some skill has no level yet, else the lowest level's rank + 1.
    var levelSlot: Int { Int((bits >> 10) & 15) }
    var languageTargets: Int { Int((bits >> 16) & 255) }
    var languageMet: Int { Int((bits >> 24) & 255) }
    var officerID: Int64? {
        let stored = (bits >> 32) & 0x7FFF_FFFF
        return stored == 0 ? nil : stored - 1
    }
    var contractEndedOn: Int? {
        let stored = Int(days & 0xFF_FFFF)
        return stored == 0 ? nil : stored - 1
    }
    var contactSince: Int { Int((days >> 24) & 0xFF_FFFF) }
}
