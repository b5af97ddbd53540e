import CasebookCore

/// The dashboard's figures while they are counted: the board, and per client (by id) what the
/// later counts need from the first. Every list of clients behind a bar is built in id order.
struct DashboardTally {
    private var board: Dashboard
    /// One more than the highest client id: the length of the per-client arrays.
    private let size: Int
    /// Per client, by id, filled by `countStocks`: in the filter, open, the officer's row in
    /// `board.officers` (-1: not open), and the day the contract ended (`Day.ordinal`;
    /// `Int32.max`: it has not).
    private var inScope: [Bool] = []
    private var isOpen: [Bool] = []
    private var officerRow: [Int32] = []
    private var contractEnd: [Int32] = []

    init(board: Dashboard, size: Int) {
        self.board = board
        self.size = size
    }

    /// The packed facts `countStocks` reads, one row per client.
    private enum PackedColumn: Int32, ColumnSet {
        case clientID, dashBits, dashDays
    }

    private static let packedSelection = PackedColumn.selection()

    /// The stocks, in one pass over every client in the filter, reading three integers that
    /// SQLite keeps packed (`DashboardFacts`), so that the loop makes no strings: clients by
    /// phase, officers' caseloads and silent clients, the language targets and levels, and civic
    /// orientation. `civicExemptions`: the file has `civic_exempt_from` (schema 18).
    mutating func countStocks(
        _ database: Database, filter: DashboardFilter, visible: FactsScope = FactsScope(), civicExemptions: Bool = true
    ) throws {
        var conditions: [String] = []
        var arguments: [any SQLBindable] = []
        if !visible.condition.isEmpty {
            conditions.append(visible.condition)
            arguments += visible.arguments
        }
        if let officer = filter.officerID {
            conditions.append("officer_id = ?")
            arguments.append(officer)
        }
        if let programme = filter.programmeID {
            conditions.append("programme_id = ?")
            arguments.append(programme)
        }
        let usernames = Dictionary(
            uniqueKeysWithValues: try database.query("SELECT id, username FROM staff") { ($0.int64(0), $0.text(1)) })
        let size = size
        let skills = ClientFacts.skills
        let phases = CasePhase.allCases
        var inScope = [Bool](repeating: false, count: size)
        var isOpen = [Bool](repeating: false, count: size)
        var officerRow = [Int32](repeating: -1, count: size)
        var contractEnd = [Int32](repeating: Int32.max, count: size)
        var officers: [OfficerLoad] = []
        var officerIndex: [Int64?: Int32] = [:]
        var phaseMembers = [[Int64]](repeating: [], count: phases.count)
        var openMembers: [[Int64]] = []
        var silentMembers: [[Int64]] = []
        var withTarget = [Int](repeating: 0, count: skills.count)
        var targetMembers = [[Int64]](repeating: [], count: skills.count)
        var levelMembers = [[Int64]](repeating: [], count: CEFRLevel.allCases.count + 1)
        var civicMembers: [[Int64]] = [[], []]
        // Clients whom the programme's age rule exempts from the civic test by today: the few a
        // rule concerns, from their own index, rather than a fourth column on every row.
        var ageExempt = [Bool](repeating: false, count: civicExemptions ? size : 0)
        if civicExemptions {
            try database.forEach(
                "SELECT client_id FROM client_facts WHERE civic_exempt_from <= ?", [board.today]
            ) { row in
                let id = row.int64(0)
                if id >= 0, id < size { ageExempt[Int(id)] = true }
            }
        }
        let silence = board.today.adding(days: -WorkItem.contactGapDays).ordinal
        let scope = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
        // The lists of clients behind the bars are built in id order, and an index other than
        // the table's (several offices', an officer's) yields rows in its own order. One office's
        // index is in client order already, so that needs no sorting.
        let order = conditions.isEmpty ? "" : " ORDER BY client_id"
        try database.forEach(
            "SELECT \(DashboardTally.packedSelection) FROM client_facts WHERE 1\(scope)\(order)", arguments
        ) { row in
            let row = NamedRow<PackedColumn>(row)
            let id = row.int64(.clientID)
            let facts = DashboardFacts(bits: row.int64(.dashBits), days: row.int64(.dashDays))
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
                index = Int32(officers.count)
                officerIndex[officer] = index
                officers.append(
                    OfficerLoad(officerID: officer, username: officer.flatMap { usernames[$0] } ?? "(unassigned)"))
                openMembers.append([])
                silentMembers.append([])
            }
            officerRow[Int(id)] = index
            officers[Int(index)].openCases += 1
            openMembers[Int(index)].append(id)
            if facts.contactSince <= silence {
                officers[Int(index)].noContact += 1
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
            if facts.isCivicRequired, ageExempt.isEmpty || !ageExempt[Int(id)] {
                civicMembers[facts.isCivicComplete ? 0 : 1].append(id)
            }
        }
        self.inScope = inScope
        self.isOpen = isOpen
        self.officerRow = officerRow
        self.contractEnd = contractEnd
        board.officers = officers
        for (index, phase) in phases.enumerated() where !phaseMembers[index].isEmpty {
            board.phases[phase] = phaseMembers[index].count
            board.members[.phase(phase)] = phaseMembers[index]
        }
        for (index, officer) in officers.enumerated() {
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
    }

    /// True for a client in the filter (`countStocks` ran first).
    private func isCounted(_ id: Int64) -> Bool { id < inScope.count && inScope[Int(id)] }

    /// Recognition: the files of open cases by stage, and the decisions taken in the period (in
    /// time or late, and the days each took).
    mutating func countRecognition(_ database: Database, filter: DashboardFilter) throws {
        let stages = RecognitionStage.allCases
        let stagePositions = CodePositions(stages)
        var stageMembers = [[Int64]](repeating: [], count: stages.count)
        try database.forEach("SELECT client_id, stage FROM qualifications") { row in
            let id = row.int64(0)
            guard isCounted(id), isOpen[Int(id)], let stage = stagePositions.position(of: row.bytes(1)) else { return }
            stageMembers[stage].append(id)
        }
        var decisionDays: [Int] = []
        var timely: [[Int64]] = [[], []]
        try database.forEach(
            """
            SELECT \(DashboardTally.decisionSelection) FROM qualifications WHERE decided_on >= ? AND decided_on <= ?
            """, [filter.from, filter.to]
        ) { row in
            let row = NamedRow<DecisionColumn>(row)
            let id = row.int64(.clientID)
            guard isCounted(id) else { return }
            if let complete = row.dayOrdinal(.completeOn), let decided = row.dayOrdinal(.decidedOn) {
                decisionDays.append(decided - complete)
            }
            if row.bool(.hasDeadline) { timely[row.bool(.isInTime) ? 0 : 1].append(id) }
        }
        for (index, stage) in stages.enumerated() where !stageMembers[index].isEmpty {
            board.recognitionStages[stage] = stageMembers[index].count
            board.members[.recognitionStage(stage)] = stageMembers[index]
        }
        board.decidedInTime = Share(timely[0].count, of: timely[0].count + timely[1].count)
        board.members[.decidedInTime] = timely[0]
        board.members[.decidedLate] = timely[1]
        board.medianDaysToDecision = median(decisionDays)
        board.decisionsTimed = decisionDays.count
    }

    /// The authority's acknowledgements late today (`RuleSQL.acknowledgementLate`), in open
    /// cases: the files, and their clients for the list behind the figure. Only submitted files
    /// are read with the programme's rules (a few per hundred clients).
    mutating func countLateAcknowledgements(_ database: Database) throws {
        var files = 0
        var members: [Int64] = []
        try database.forEach(
            """
            SELECT q.client_id FROM qualifications q \(RuleSQL.acknowledgementJoin("q"))
            WHERE \(RuleSQL.acknowledgementLate("q")) ORDER BY q.client_id
            """, [board.today]
        ) { row in
            let id = row.int64(0)
            guard isCounted(id), isOpen[Int(id)] else { return }
            files += 1
            if members.last != id { members.append(id) }
        }
        board.acknowledgementsLate = files
        if !members.isEmpty { board.members[.acknowledgementLate] = members }
    }

    private enum DecisionColumn: Int32, ColumnSet {
        case clientID, completeOn, decidedOn, hasDeadline, isInTime

        var expression: String? {
            switch self {
            case .hasDeadline: return "decision_due IS NOT NULL"
            case .isInTime: return "decided_on <= decision_due"
            default: return nil
            }
        }
    }

    private static let decisionSelection = DecisionColumn.selection()

    /// Obligations overdue now, by side and officer, by the worklist's rule (`RuleSQL.overdue`,
    /// which the flows were read with, in an open case whose contract has not ended), and at each
    /// month end by `ObligationTiming.wasOverdue`, in a contract that had not ended by then.
    mutating func countOverdue(_ obligations: [DashboardFlows.Overdue], monthEnds ends: [Day]) {
        board.overdueByMonth = ends.map { OverduePoint(day: $0) }
        // Index 0 newcomer, 1 authority.
        var monthMembers = [[[Int64]]](repeating: [[], []], count: ends.count)
        var nowMembers: [[Int64]] = [[], []]
        var nowCounts = [0, 0]
        var monthCounts = [[Int]](repeating: [0, 0], count: ends.count)
        var officerOverdue = [[[Int64]]](repeating: [[Int64]](repeating: [], count: board.officers.count), count: 2)
        let endOrdinals = ends.map(\.ordinal)
        // The obligations come in client order, so each list stays sorted and a client already
        // at its end is not added again.
        func add(_ id: Int64, to list: inout [Int64]) { if list.last != id { list.append(id) } }
        for obligation in obligations {
            let id = obligation.clientID
            guard isCounted(id) else { continue }
            let slot = obligation.isNewcomers ? 0 : 1
            let ended = Int(contractEnd[Int(id)])
            if obligation.isOverdueNow, isOpen[Int(id)], ended == Int(Int32.max) {
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
            where ObligationTiming.wasOverdue(due: obligation.due, settledOn: obligation.settled, on: end)
                && ended > end
            {
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
    }

    /// Cases closed in the period, by reason.
    mutating func countExits(_ exits: [DashboardFlows.Exit]) {
        let reasons = ExitReason.allCases
        var exitMembers = [[Int64]](repeating: [], count: reasons.count)
        for exit in exits where isCounted(exit.clientID) && reasons.indices.contains(exit.reason) {
            exitMembers[exit.reason].append(exit.clientID)
        }
        for (index, reason) in reasons.enumerated() where !exitMembers[index].isEmpty {
            board.exits[reason] = exitMembers[index].count
            board.members[.exit(reason)] = exitMembers[index]
        }
    }

    /// Days from the offer to the start, for programme starts in the period.
    mutating func countStarts(_ starts: [DashboardFlows.Start]) {
        let waits = starts.filter { isCounted($0.clientID) }.map(\.days)
        board.starts = waits.count
        board.medianDaysOfferToStart = median(waits)
    }

    /// The active-citizenship indicator: open cases in the filter with an activity in the period,
    /// of any kind and per kind, over the open cases (the activities come in client order).
    mutating func countParticipation(_ activities: [DashboardFlows.Activity]) {
        let kinds = ActivityKind.allCases
        var any: [Int64] = []
        var byKind = [[Int64]](repeating: [], count: kinds.count)
        for activity in activities where isCounted(activity.clientID) && isOpen[Int(activity.clientID)] {
            guard kinds.indices.contains(activity.kind) else { continue }
            if any.last != activity.clientID { any.append(activity.clientID) }
            if byKind[activity.kind].last != activity.clientID { byKind[activity.kind].append(activity.clientID) }
        }
        let open = board.officers.reduce(0) { $0 + $1.openCases }
        board.participation = Share(any.count, of: open)
        if !any.isEmpty { board.members[.participating(nil)] = any }
        for (index, kind) in kinds.enumerated() {
            board.participationByKind[kind] = Share(byKind[index].count, of: open)
            if !byKind[index].isEmpty { board.members[.participating(kind)] = byKind[index] }
        }
    }

    /// Outcomes recorded in the period at exit and at the follow-up: in work or education over
    /// the outcomes of the programme (`MainActivity.countsAsOutcome`).
    mutating func countOutcomes(_ outcomes: [DashboardFlows.Outcome]) {
        let activities = MainActivity.allCases
        for stage in OutcomeStage.allCases {
            var counted = 0
            var inWork: [Int64] = []
            for outcome in outcomes
            where outcome.isFollowUp == (stage == .followUp) && isCounted(outcome.clientID)
                && activities.indices.contains(outcome.activity)
            {
                let activity = activities[outcome.activity]
                guard activity.countsAsOutcome else { continue }
                counted += 1
                if activity.isWorkOrEducation { inWork.append(outcome.clientID) }
            }
            board.outcomes[stage] = Share(inWork.count, of: counted)
            if !inWork.isEmpty { board.members[.outcomeInWorkOrEducation(stage)] = inWork }
        }
    }

    /// The board, its officers by user name (the unassigned last).
    func finished() -> Dashboard {
        var board = board
        board.officers.sort {
            ($0.officerID == nil ? 1 : 0, $0.username) < ($1.officerID == nil ? 1 : 0, $1.username)
        }
        return board
    }
}

/// What the dashboard reads of one client, as SQLite packs it in `client_facts` (the generated
/// columns of migration 5). `bits`: 0–4 the phase's position in `CasePhase.allCases` (31:
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
