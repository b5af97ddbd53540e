import CasebookCore

/// One step of a case's phase history.
package struct PhaseChange: Hashable, Sendable {
    package var from: CasePhase?
    package var to: CasePhase
    package var effectiveOn: Day
    package var exitReason: ExitReason?
    package var note: String
    package var recordedAt: Instant
    package var recordedBy: String
}

/// A client's programme enrolment and the dates the indicators count from.
package struct Enrolment: Hashable, Sendable {
    package var programmeID: String?
    package var programmeVersion: Int?
    package var profile: String?
    package var offeredOn: Day?
    package var startedOn: Day?
    package var plannedEnd: Day?

    package init(
        programmeID: String? = nil, programmeVersion: Int? = nil, profile: String? = nil, offeredOn: Day? = nil,
        startedOn: Day? = nil, plannedEnd: Day? = nil
    ) {
        self.programmeID = programmeID
        self.programmeVersion = programmeVersion
        self.profile = profile
        self.offeredOn = offeredOn
        self.startedOn = startedOn
        self.plannedEnd = plannedEnd
    }
}

extension Store {
    /// Moves a case to its next phase if the move is legal from the phase stored and nobody
    /// saved the client since `expectedVersion`. Returns the client as saved.
    package func changePhase(
        clientID: Client.ID, _ change: PhaseChangeDraft, expectedVersion: Int, actor: Staff.ID
    ) throws -> Client {
        try write {
            try require(.changePhase, by: actor, client: clientID)
            guard var current = try client(id: clientID) else { throw StoreError.notFound("client") }
            try requireVersion(.clients, id: clientID, current: current.version, expected: expectedVersion)
            let move = try checked { try change.validated(from: current.phase, today: clock.today) }
            let (target, day, exitReason) = (move.target, move.effectiveOn, move.exitReason)
            let now = clock.now
            try saveVersioned(
                .clients, id: clientID, expected: expectedVersion, set: "phase = ?, phase_since = ?", [target, day],
                actor: actor)
            try insertPhaseSteps(
                clientID: clientID, [PhaseStep(from: current.phase, to: target, on: day, exitReason: exitReason)],
                note: move.note, now: now, actor: actor)
            try audit(
                .case, id: clientID, clientID: clientID, field: .phase, old: current.phase.rawValue,
                new: target.rawValue,
                actor: actor)
            if let exitReason {
                try audit(
                    .case, id: clientID, clientID: clientID, field: .exitReason, old: nil, new: exitReason.rawValue,
                    actor: actor)
            }
            // The first offer and the first start are the dates "days from offer to start" counts.
            if target == .offered {
                try database.execute(
                    "UPDATE enrolments SET offered_on = coalesce(offered_on, ?) WHERE client_id = ?", [day, clientID])
            } else if target == .active {
                try database.execute(
                    "UPDATE enrolments SET started_on = coalesce(started_on, ?) WHERE client_id = ?", [day, clientID])
            }
            current.phase = target
            current.version += 1
            return current
        }
    }

    private enum PhaseChangeColumn: Int32, ColumnSet {
        case fromPhase, toPhase, effectiveOn, exitReason, note, recordedAt, recordedBy

        var expression: String? { self == .recordedBy ? "s.display_name" : nil }
    }

    private static let phaseChangeSelection = PhaseChangeColumn.selection(from: "h")

    func phaseHistory(clientID: Client.ID) throws -> [PhaseChange] {
        try read {
            try database.query(
                """
                SELECT \(Store.phaseChangeSelection) FROM phase_history h JOIN staff s ON s.id = h.recorded_by
                WHERE h.client_id = ? ORDER BY h.id
                """, [clientID]
            ) { row in
                let row = NamedRow<PhaseChangeColumn>(row)
                return PhaseChange(
                    from: row.optionalValue(.fromPhase, as: CasePhase.self),
                    to: try row.value(.toPhase, as: CasePhase.self),
                    effectiveOn: try row.day(.effectiveOn),
                    exitReason: row.optionalValue(.exitReason, as: ExitReason.self),
                    note: row.text(.note), recordedAt: try row.instant(.recordedAt), recordedBy: row.text(.recordedBy))
            }
        }
    }

    private static let enrolmentSelection = EnrolmentColumn.selection()

    func enrolment(clientID: Client.ID) throws -> Enrolment? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.enrolmentSelection) FROM enrolments WHERE client_id = ?", [clientID]
            ) {
                row in
                let row = NamedRow<EnrolmentColumn>(row)
                return Enrolment(
                    programmeID: row.optionalText(.programmeID), programmeVersion: row.optionalInt(.programmeVersion),
                    profile: row.optionalText(.profile), offeredOn: try row.optionalDay(.offeredOn),
                    startedOn: try row.optionalDay(.startedOn), plannedEnd: try row.optionalDay(.plannedEnd))
            }
        }
    }
}
