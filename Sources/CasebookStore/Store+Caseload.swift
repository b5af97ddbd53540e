import CasebookCore
import CasebookL10n

/// A client a caseload move or a transfer names: ids and the case number, no personal values.
package struct CaseRef: Hashable, Sendable {
    package var id: Client.ID
    package var caseNumber: String
    package var office: Office.ID
    package var officer: Staff.ID?
}

/// A proposal to move a client to another office.
package struct Transfer: Hashable, Sendable, Identifiable {
    package enum State: String, Sendable, CaseIterable {
        case pending, accepted, declined
    }

    package var id: Int64
    package var client: CaseRef
    package var fromOffice: Office.ID
    package var toOffice: Office.ID
    package var reason: String
    package var proposedBy: String
    package var proposedAt: Instant
    package var state: State
}

extension Store {
    /// The clients of `from` (in `office`, or every office the actor may move caseloads in),
    /// optionally only in `phase`: what a move would reassign.
    package func caseload(
        of from: Staff.ID, office: Office.ID?, phase: CasePhase?, by actor: Staff.ID
    ) throws -> [CaseRef] {
        let person = try self.actor(actor)
        let offices = office.map { [$0] } ?? person.offices(for: .moveCaseload, policy: policy).whole
        guard !offices.isEmpty else {
            throw StoreError.notAllowed(policy.refusal(.moveCaseload, officeName: nil))
        }
        for office in offices { try require(.moveCaseload, by: actor, office: office) }
        var sql = """
            SELECT id, case_number, office_id, officer_id FROM clients
            WHERE officer_id = ? AND office_id IN (\(offices.map { _ in "?" }.joined(separator: ", ")))
            """
        var arguments: [any SQLBindable] = [from] + offices
        if let phase {
            sql += " AND phase = ?"
            arguments.append(phase)
        }
        return try read {
            try database.query(sql + " ORDER BY case_number", arguments) { row in
                CaseRef(id: row.int64(0), caseNumber: row.text(1), office: row.int64(2), officer: row.optionalInt64(3))
            }
        }
    }

    /// Gives `clients` to the officer `to`, in one transaction with one audit row per client.
    /// Each client must be one the actor may move, and `to` must belong to the client's office.
    package func moveClients(_ clients: [Client.ID], to officer: Staff.ID, by actor: Staff.ID) throws -> Int {
        try write {
            let receiver = try self.actor(officer)
            guard receiver.staff.isActive else {
                throw StoreError.invalidInput(
                    tr("{user} is inactive; choose an active officer.", ["user": receiver.staff.username]))
            }
            var moved = 0
            for client in clients {
                try require(.moveCaseload, by: actor, client: client)
                guard
                    let place = try database.queryFirst(
                        "SELECT office_id, officer_id FROM clients WHERE id = ?", [client],
                        { row in (office: row.int64(0), officer: row.optionalInt64(1)) })
                else { continue }
                guard receiver.role(in: place.office) != nil else {
                    let name = try office(id: place.office)?.name ?? "?"
                    throw StoreError.refused(
                        tr(
                            "{user} does not work in {office}; choose one of its officers, or transfer the clients.",
                            ["user": receiver.staff.username, "office": name]))
                }
                if place.officer == officer { continue }
                try database.execute("UPDATE clients SET officer_id = ? WHERE id = ?", [officer, client])
                let old = try place.officer.flatMap { try staff(id: $0)?.username }
                try audit(
                    .client, id: client, clientID: client, field: .officer, old: old,
                    new: receiver.staff.username, actor: actor)
                moved += 1
            }
            return moved
        }
    }

    private enum TransferColumn: Int32, ColumnSet {
        case id, clientID, caseNumber, officerID, fromOffice, toOffice, reason, proposedBy, proposedAt, state

        var expression: String? {
            switch self {
            case .caseNumber: "c.case_number"
            case .officerID: "c.officer_id"
            case .proposedBy: "coalesce(s.username, '#' || t.proposed_by)"
            default: nil
            }
        }
    }

    private static let transferSelection = TransferColumn.selection(from: "t")

    private static func transfer(_ row: Row) throws -> Transfer {
        let row = NamedRow<TransferColumn>(row)
        return Transfer(
            id: row.int64(.id),
            client: CaseRef(
                id: row.int64(.clientID), caseNumber: row.text(.caseNumber), office: row.int64(.fromOffice),
                officer: row.optionalInt64(.officerID)),
            fromOffice: row.int64(.fromOffice), toOffice: row.int64(.toOffice), reason: row.text(.reason),
            proposedBy: row.text(.proposedBy), proposedAt: try row.instant(.proposedAt),
            state: try row.value(.state, as: Transfer.State.self))
    }

    /// Proposes moving a client to office `to` (a supervisor of the client's office).
    @discardableResult
    package func proposeTransfer(client: Client.ID, to office: Office.ID, reason: String, by actor: Staff.ID) throws
        -> Int64
    {
        let reason = trimmed(reason)
        if reason.isEmpty || reason.count > 500 || reason.unicodeScalars.contains(where: Sanitized.isForbidden) {
            throw StoreError.invalidInput(tr("Give a reason for the transfer, at most 500 characters on one line."))
        }
        return try write {
            try require(.transfer, by: actor, client: client)
            guard try self.office(id: office) != nil else { throw StoreError.unknownOffice("#\(office)") }
            let from = try database.scalar("SELECT office_id FROM clients WHERE id = ?", [client]) ?? 0
            if from == office { throw StoreError.refused(tr("The client already belongs to that office.")) }
            if try database.scalar("SELECT 1 FROM transfers WHERE client_id = ? AND state = 'pending'", [client]) != nil
            {
                throw StoreError.refused(
                    tr(
                        "A transfer of this client is already waiting for a decision; wait for it, or ask the receiving office."
                    ))
            }
            try database.execute(
                """
                INSERT INTO transfers (client_id, from_office, to_office, reason, proposed_by, proposed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [client, from, office, reason, actor, clock.now])
            let id = database.lastInsertRowID
            try audit(
                .transfer, id: id, clientID: client, field: .proposed, old: "\(from)", new: "\(office)", actor: actor)
            return id
        }
    }

    /// Accepts or declines a pending transfer (a supervisor of the receiving office). On
    /// acceptance the client and all that hangs on them belong to the new office; the officer is
    /// cleared, since the sending office's officer does not work there.
    package func decideTransfer(_ id: Int64, accept: Bool, by actor: Staff.ID) throws {
        try write {
            guard
                let transfer = try database.queryFirst(
                    """
                    SELECT \(Store.transferSelection) FROM transfers t JOIN clients c ON c.id = t.client_id
                    LEFT JOIN staff s ON s.id = t.proposed_by WHERE t.id = ?
                    """, [id], Store.transfer)
            else { throw StoreError.notFound(tr("There is no transfer {id}.", ["id": "\(id)"])) }
            try require(.transfer, by: actor, office: transfer.toOffice)
            guard transfer.state == .pending else {
                throw StoreError.refused(tr("That transfer was already decided."))
            }
            let state: Transfer.State = accept ? .accepted : .declined
            try database.execute(
                "UPDATE transfers SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                [state.rawValue, actor, clock.now, id])
            try audit(
                .transfer, id: id, clientID: transfer.client.id, field: .decision, old: nil, new: state.rawValue,
                actor: actor)
            if accept {
                try database.execute(
                    "UPDATE clients SET office_id = ?, officer_id = NULL WHERE id = ?",
                    [transfer.toOffice, transfer.client.id])
                try audit(
                    .client, id: transfer.client.id, clientID: transfer.client.id, field: .office,
                    old: "\(transfer.fromOffice)", new: "\(transfer.toOffice)", actor: actor)
            }
        }
    }

    /// Pending transfers from or to the offices where the actor may transfer clients.
    package func pendingTransfers(for actor: Staff.ID) throws -> [Transfer] {
        let offices = try self.actor(actor).offices(for: .transfer, policy: policy).whole
        guard !offices.isEmpty else { return [] }
        let marks = offices.map { _ in "?" }.joined(separator: ", ")
        return try read {
            try database.query(
                """
                SELECT \(Store.transferSelection) FROM transfers t JOIN clients c ON c.id = t.client_id
                LEFT JOIN staff s ON s.id = t.proposed_by
                WHERE t.state = 'pending' AND (t.to_office IN (\(marks)) OR t.from_office IN (\(marks)))
                ORDER BY t.id
                """, offices + offices, Store.transfer)
        }
    }
}
