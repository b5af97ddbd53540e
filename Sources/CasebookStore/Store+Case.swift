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
    /// Moves a case to its next phase if the move is legal and nobody saved the client since
    /// `expectedVersion`. Returns the client as saved.
    package func changePhase(
        clientID: Client.ID, to target: CasePhase, effectiveOn: Day? = nil, exitReason: ExitReason? = nil,
        note: String = "", expectedVersion: Int, actor: Staff.ID
    ) throws -> Client {
        let note = trimmed(note)
        if note.unicodeScalars.contains(where: Sanitized.isForbidden) || note.count > 500 {
            throw StoreError.invalidInput("A phase note has at most 500 characters and no control characters.")
        }
        return try write {
            guard var current = try client(id: clientID) else { throw StoreError.notFound("client") }
            guard current.version == expectedVersion else { throw try conflict(clientID: clientID) }
            do { try current.phase.validateMove(to: target, exitReason: exitReason) } catch let error as PhaseError {
                throw StoreError.phase(error)
            }
            let day = effectiveOn ?? clock.today
            let now = clock.now
            try database.execute(
                """
                UPDATE clients SET phase = ?, phase_since = ?, version = version + 1, updated_at = ?, updated_by = ?
                WHERE id = ? AND version = ?
                """, [target, day, now, actor, clientID, expectedVersion])
            guard database.changes == 1 else { throw try conflict(clientID: clientID) }
            try insertPhaseSteps(
                clientID: clientID, [PhaseStep(from: current.phase, to: target, on: day, exitReason: exitReason)],
                note: note, now: now, actor: actor)
            try audit(
                entity: "case", id: clientID, clientID: clientID, field: "phase", old: current.phase.rawValue,
                new: target.rawValue, actor: actor)
            if let exitReason {
                try audit(
                    entity: "case", id: clientID, clientID: clientID, field: "exit_reason", old: nil,
                    new: exitReason.rawValue, actor: actor)
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

    package func phaseHistory(clientID: Client.ID) throws -> [PhaseChange] {
        try read {
            try database.query(
                """
                SELECT h.from_phase, h.to_phase, h.effective_on, h.exit_reason, h.note, h.recorded_at, s.display_name
                FROM phase_history h JOIN staff s ON s.id = h.recorded_by
                WHERE h.client_id = ? ORDER BY h.id
                """, [clientID]
            ) { row in
                PhaseChange(
                    from: row.optionalText(0).flatMap(CasePhase.init(rawValue:)),
                    to: try row.value(1, as: CasePhase.self), effectiveOn: try row.day(2),
                    exitReason: row.optionalText(3).flatMap(ExitReason.init(rawValue:)), note: row.text(4),
                    recordedAt: try row.instant(5), recordedBy: row.text(6))
            }
        }
    }

    package func enrolment(clientID: Client.ID) throws -> Enrolment? {
        try read {
            try database.queryFirst(
                """
                SELECT programme_id, programme_version, profile, offered_on, started_on, planned_end
                FROM enrolments WHERE client_id = ?
                """, [clientID]
            ) { row in
                Enrolment(
                    programmeID: row.optionalText(0), programmeVersion: row.optionalInt(1),
                    profile: row.optionalText(2), offeredOn: try row.optionalDay(3),
                    startedOn: try row.optionalDay(4), plannedEnd: try row.optionalDay(5))
            }
        }
    }
}
