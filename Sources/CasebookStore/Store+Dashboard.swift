import CasebookCore

extension Store {
    /// Every figure of the dashboard and the report, over the clients `filter` selects. Reads
    /// `client_facts` once, then the obligations that were ever overdue, the qualifications,
    /// the exits and the starts of the period; the clients behind each bar are kept with it.
    package func dashboard(_ filter: DashboardFilter, exitTarget: Double = 0.70) throws -> Dashboard {
        let today = clock.today
        var board = Dashboard(filter: filter, today: today, exitTarget: exitTarget)
        return try read {
            let size = Int(try database.scalar("SELECT coalesce(max(id), 0) FROM clients") ?? 0) + 1
            // Per client, by id: in the filter, open, officer (row in `officers`), contract end.
            var inScope = [Bool](repeating: false, count: size)
            var isOpen = [Bool](repeating: false, count: size)
            var officerRow = [Int32](repeating: -1, count: size)
            var contractEnd = [Int32](repeating: Int32.max, count: size)
            var officerIndex: [Int64?: Int32] = [:]
            let usernames = Dictionary(uniqueKeysWithValues: try database.query("SELECT id, username FROM staff") { ($0.int64(0), $0.text(1)) })

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
            // ISO days compare as text; the hot loop below neither parses nor hashes.
            let silence = today.adding(days: -WorkItem.contactGapDays).iso
            let phases = CasePhase.allCases
            var phaseMembers = [[Int64]](repeating: [], count: phases.count)
            var openMembers: [[Int64]] = []
            var silentMembers: [[Int64]] = []
            var withTarget = [Int](repeating: 0, count: skills.count)
            var targetMembers = [[Int64]](repeating: [], count: skills.count)
            var levelMembers = [[Int64]](repeating: [], count: CEFRLevel.allCases.count + 1)
            var civicMembers: [[Int64]] = [[], []]
            // The loops make no strings: days are read as `Day.ordinal` numbers straight from their
            // bytes, and silence is worked out by SQLite.
            // Two passes: every client for the phases and contract ends (four columns), then the
            // open cases only for everything else.
            let phaseIndex = Dictionary(uniqueKeysWithValues: phases.enumerated().map { ($1.rawValue, $0) })
            let scope = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
            try database.forEach("SELECT client_id, phase, contract_ended_on FROM client_facts WHERE 1\(scope)", arguments) { row in
                let id = row.int64(0)
                guard id < size, let phase = phaseIndex[row.text(1)] else { return }
                phaseMembers[phase].append(id)
                inScope[Int(id)] = true
                if let ended = row.dayOrdinal(2) { contractEnd[Int(id)] = Int32(clamping: ended) }
            }
            try database.forEach(
                """
                SELECT client_id, officer_id, contact_since <= ?, programme_id IS NOT NULL, civic_required, civic_complete,
                    level_min, lang_targets, lang_met
                FROM client_facts WHERE is_open = 1\(scope)
                """, [silence] + arguments
            ) { row in
                let id = row.int64(0)
                guard id < size else { return }
                isOpen[Int(id)] = true
                let officer = row.optionalInt64(1)
                let index: Int32
                if let known = officerIndex[officer] {
                    index = known
                } else {
                    index = Int32(board.officers.count)
                    officerIndex[officer] = index
                    board.officers.append(OfficerLoad(officerID: officer, username: officer.flatMap { usernames[$0] } ?? "(unassigned)"))
                    openMembers.append([])
                    silentMembers.append([])
                }
                officerRow[Int(id)] = index
                board.officers[Int(index)].openCases += 1
                openMembers[Int(index)].append(id)
                if row.int(2) == 1 {
                    board.officers[Int(index)].noContact += 1
                    silentMembers[Int(index)].append(id)
                }
                guard row.int(3) == 1 else { return }
                let targets = row.int(7)
                let met = row.int(8)
                for position in skills.indices where targets & (1 << position) != 0 {
                    withTarget[position] += 1
                    if met & (1 << position) != 0 { targetMembers[position].append(id) }
                }
                let level = row.optionalInt64(6).map { Int($0) + 1 } ?? 0
                if levelMembers.indices.contains(level) { levelMembers[level].append(id) }
                if row.int(4) == 1 { civicMembers[row.int(5) == 1 ? 0 : 1].append(id) }
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

            // Obligations that were ever overdue (pending, or settled after their due date):
            // overdue now by the worklist's rule, and at each month end by `ObligationTiming.wasOverdue`.
            let ends = filter.monthEnds
            board.overdueByMonth = ends.map { OverduePoint(day: $0) }
            // Index 0 newcomer, 1 authority; a client may repeat until the end, when each list is made unique.
            var monthMembers = [[[Int64]]](repeating: [[], []], count: ends.count)
            var nowMembers: [[Int64]] = [[], []]
            var monthCounts = [[Int]](repeating: [0, 0], count: ends.count)
            var officerOverdue = [[[Int64]]](repeating: [[Int64]](repeating: [], count: board.officers.count), count: 2)
            let earliest = ends.first ?? today
            let endOrdinals = ends.map(\.ordinal)
            let todayOrdinal = today.ordinal
            try database.forEach(
                """
                SELECT client_id, party = 'newcomer', due_on, settled_on, status = 'pending'
                FROM obligations
                WHERE (status = 'pending' OR settled_on > due_on) AND due_on < ? AND (status = 'pending' OR settled_on > ?)
                """, [max(today, filter.to), earliest]
            ) { row in
                let id = row.int64(0)
                guard id < size, inScope[Int(id)] else { return }
                let slot = row.int(1) == 1 ? 0 : 1
                guard let due = row.dayOrdinal(2) else { return }
                let settled = row.dayOrdinal(3)
                let ended = Int(contractEnd[Int(id)])
                if row.int(4) == 1, due < todayOrdinal, isOpen[Int(id)], ended == Int(Int32.max) {
                    nowMembers[slot].append(id)
                    let index = Int(officerRow[Int(id)])
                    if index >= 0 {
                        if slot == 0 { board.officers[index].overdueNewcomer += 1 } else { board.officers[index].overdueAuthority += 1 }
                        officerOverdue[slot][index].append(id)
                    }
                }
                for (month, end) in endOrdinals.enumerated()
                where ObligationTiming.wasOverdue(due: due, settledOn: settled, on: end) && ended > end {
                    monthCounts[month][slot] += 1
                    monthMembers[month][slot].append(id)
                }
            }
            board.overdueNow.newcomer = nowMembers[0].count
            board.overdueNow.authority = nowMembers[1].count
            for month in ends.indices {
                board.overdueByMonth[month].newcomer = monthCounts[month][0]
                board.overdueByMonth[month].authority = monthCounts[month][1]
            }
            func unique(_ ids: [Int64]) -> [Int64] {
                var sorted = ids.sorted()
                var kept = 0
                for index in sorted.indices where index == 0 || sorted[index] != sorted[kept - 1] {
                    sorted[kept] = sorted[index]
                    kept += 1
                }
                sorted.removeLast(sorted.count - kept)
                return sorted
            }
            for (slot, side) in [Party.newcomer, .authority].enumerated() {
                if !nowMembers[slot].isEmpty { board.members[.overdueNow(side)] = unique(nowMembers[slot]) }
                for (month, day) in ends.enumerated() where !monthMembers[month][slot].isEmpty {
                    board.members[.overdueOn(day, side)] = unique(monthMembers[month][slot])
                }
            }
            // An officer with several overdue obligations of one client lists the client once.
            for (slot, side) in [Party.newcomer, .authority].enumerated() {
                for (index, officer) in board.officers.enumerated() where !officerOverdue[slot][index].isEmpty {
                    board.members[.officerOverdue(officer.officerID, side)] = unique(officerOverdue[slot][index])
                }
            }

            // Recognition: files of open cases by stage; decisions taken in the period. Dates are
            // compared and subtracted by SQLite; Swift reads numbers only.
            let stages = RecognitionStage.allCases
            let stageCase = "CASE stage " + stages.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
            var stageMembers = [[Int64]](repeating: [], count: stages.count)
            var decisionDays: [Int] = []
            var timely: [[Int64]] = [[], []]
            try database.forEach(
                """
                SELECT client_id, \(stageCase), decided_on >= ? AND decided_on <= ?, complete_on, decided_on,
                    decision_due IS NOT NULL, decided_on <= decision_due
                FROM qualifications
                """, [filter.from, filter.to]
            ) { row in
                let id = row.int64(0)
                let stage = row.int(1)
                guard id < size, inScope[Int(id)], stages.indices.contains(stage) else { return }
                if isOpen[Int(id)] { stageMembers[stage].append(id) }
                guard row.int(2) == 1 else { return }
                if let complete = row.dayOrdinal(3), let decided = row.dayOrdinal(4) { decisionDays.append(decided - complete) }
                if row.int(5) == 1 { timely[row.int(6) == 1 ? 0 : 1].append(id) }
            }
            for (index, stage) in stages.enumerated() where !stageMembers[index].isEmpty {
                board.recognitionStages[stage] = stageMembers[index].count
                board.members[.recognitionStage(stage)] = stageMembers[index]
            }
            board.decidedInTime = Share(timely[0].count, of: timely[0].count + timely[1].count)
            board.members[.decidedInTime] = timely[0]
            board.members[.decidedLate] = timely[1]
            board.medianDaysToDecision = median(decisionDays)

            // Exits: cases closed in the period, by reason.
            let reasons = ExitReason.allCases
            let reasonCase = "CASE exit_reason " + reasons.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
            var exitMembers = [[Int64]](repeating: [], count: reasons.count)
            try database.forEach(
                """
                SELECT client_id, \(reasonCase) FROM phase_history
                WHERE to_phase = 'closed' AND effective_on >= ? AND effective_on <= ?
                """, [filter.from, filter.to]
            ) { row in
                let id = row.int64(0)
                let reason = row.int(1)
                guard id < size, inScope[Int(id)], row.optionalInt64(1) != nil, reasons.indices.contains(reason) else { return }
                exitMembers[reason].append(id)
            }
            for (index, reason) in reasons.enumerated() where !exitMembers[index].isEmpty {
                board.exits[reason] = exitMembers[index].count
                board.members[.exit(reason)] = exitMembers[index]
            }

            // Days from the offer to the start, for programme starts in the period.
            var waits: [Int] = []
            try database.forEach(
                """
                SELECT client_id, offered_on, started_on FROM enrolments
                WHERE started_on IS NOT NULL AND started_on >= ? AND started_on <= ?
                """, [filter.from, filter.to]
            ) { row in
                let id = row.int64(0)
                guard id < size, inScope[Int(id)], let offered = row.dayOrdinal(1), let started = row.dayOrdinal(2) else { return }
                waits.append(started - offered)
            }
            board.starts = waits.count
            board.medianDaysOfferToStart = median(waits)
            board.officers.sort { ($0.officerID == nil ? 1 : 0, $0.username) < ($1.officerID == nil ? 1 : 0, $1.username) }
            return board
        }
    }
}
