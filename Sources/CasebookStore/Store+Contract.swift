import CasebookCore

/// A step in a contract's life (drafted, signed, reviewed, amended, ended).
package struct ContractEvent: Hashable, Sendable {
    package var kind: String
    package var on: Day
    package var note: String
    package var recordedBy: String
}

extension Store {
    static let contractColumns = """
        id, client_id, programme_id, programme_version, status, number, settled_on, newcomer_signed_on,
        authority_signed_on, reviewed_on, ended_on, end_reason, version
        """

    static func contract(_ row: Row) throws -> Contract {
        Contract(
            id: row.int64(0), clientID: row.int64(1), programmeID: row.text(2), programmeVersion: row.int(3),
            status: try row.value(4, as: ContractStatus.self), number: row.int(5), settledOn: try row.optionalDay(6),
            newcomerSignedOn: try row.optionalDay(7), authoritySignedOn: try row.optionalDay(8),
            reviewedOn: try row.optionalDay(9), endedOn: try row.optionalDay(10), endReason: row.text(11), version: row.int(12))
    }

    static let obligationColumns = """
        id, contract_id, client_id, position, party, category, description, legal_basis, anchor, due_offset, due_on, status,
        waived_reason, evidence, settled_on, version
        """

    static func obligation(_ row: Row) throws -> Obligation {
        Obligation(
            id: row.int64(0), contractID: row.int64(1), clientID: row.int64(2), position: row.int(3),
            party: try row.value(4, as: Party.self), category: try row.value(5, as: ObligationCategory.self),
            description: row.text(6), legalBasis: row.text(7), anchor: row.optionalText(8).flatMap(Anchor.init(rawValue:)),
            offset: row.optionalText(9).flatMap(TimeSpan.init), dueOn: try row.optionalDay(10),
            status: try row.value(11, as: ObligationStatus.self), waivedReason: row.text(12), evidence: row.text(13),
            settledOn: try row.optionalDay(14), version: row.int(15))
    }

    package func contract(clientID: Client.ID) throws -> Contract? {
        try read {
            try database.queryFirst("SELECT \(Store.contractColumns) FROM contracts WHERE client_id = ?", [clientID], Store.contract)
        }
    }

    package func contract(id: Int64) throws -> Contract? {
        try read { try database.queryFirst("SELECT \(Store.contractColumns) FROM contracts WHERE id = ?", [id], Store.contract) }
    }

    /// The obligations of the version in force (or being drafted), in order.
    package func obligations(contractID: Int64) throws -> [Obligation] {
        try read {
            try database.query(
                "SELECT \(Store.obligationColumns) FROM obligations WHERE contract_id = ? ORDER BY position", [contractID],
                Store.obligation)
        }
    }

    package func obligation(id: Int64) throws -> Obligation? {
        try read { try database.queryFirst("SELECT \(Store.obligationColumns) FROM obligations WHERE id = ?", [id], Store.obligation) }
    }

    /// The dates a client's obligations count from, as far as they are known.
    package func anchorDates(clientID: Client.ID, settlement: Day?, signature: Day?) throws -> AnchorDates {
        try read {
            guard let client = try client(id: clientID) else { throw StoreError.notFound("client") }
            let enrolment = try enrolment(clientID: clientID)
            let courseEnd = try database.queryFirst(
                "SELECT min(ends_on) FROM language_courses WHERE client_id = ? AND ends_on IS NOT NULL", [clientID]
            ) { try $0.optionalDay(0) } ?? nil
            let complete = try database.queryFirst(
                "SELECT min(complete_on) FROM qualifications WHERE client_id = ? AND complete_on IS NOT NULL", [clientID]
            ) { try $0.optionalDay(0) } ?? nil
            return AnchorDates(
                arrival: client.arrivalDate, settlement: settlement ?? client.arrivalDate, signature: signature,
                courseEnd: courseEnd, recognitionComplete: complete, enrolment: enrolment?.startedOn ?? enrolment?.offeredOn)
        }
    }

    /// Drafts a client's contract from the obligations of their programme version, with due
    /// dates computed from the anchor dates known now (signature-based ones follow the signing).
    /// `draftedOn` is today unless an officer enters an earlier paper contract.
    @discardableResult
    package func draftContract(clientID: Client.ID, settledOn: Day, draftedOn: Day? = nil, actor: Staff.ID) throws -> Contract {
        try checkNotFuture(settledOn, "The settlement date")
        let drafted = draftedOn ?? clock.today
        try checkNotFuture(drafted, "The draft date")
        guard let (programme, profile) = try programme(forClient: clientID) else {
            throw StoreError.invalidInput("Enrol the client in a programme first: the contract is drafted from its obligations.")
        }
        return try write {
            if try contract(clientID: clientID) != nil { throw StoreError.invalidInput("This client already has a contract.") }
            let now = clock.now
            try database.execute(
                """
                INSERT INTO contracts (client_id, programme_id, programme_version, status, number, settled_on, version,
                    created_at, created_by, updated_at, updated_by)
                VALUES (?, ?, ?, 'draft', 1, ?, 1, ?, ?, ?, ?)
                """, [clientID, programme.id, programme.version, settledOn, now, actor, now, actor])
            let id = database.lastInsertRowID
            try database.execute(
                "INSERT INTO contract_versions (contract_id, number, started_on, reason) VALUES (?, 1, ?, 'first version')", [id, drafted])
            let anchors = try anchorDates(clientID: clientID, settlement: settledOn, signature: nil)
            // Only the obligations of the client's profile (the Dutch MAP is not part of the education route).
            let templates = programme.obligations(forProfile: profile)
            for (position, template) in templates.enumerated() {
                try insertObligation(
                    Obligation(
                        contractID: id, clientID: clientID, position: position, party: template.party,
                        category: template.category, description: template.description, legalBasis: template.legalBasis,
                        anchor: template.anchor, offset: template.due, dueOn: template.dueDate(from: anchors)),
                    actor: actor)
            }
            try contractEvent(id, "drafted", on: drafted, note: "from \(programme.id) v\(programme.version)", actor: actor)
            try audit(
                entity: "contract", id: id, clientID: clientID, field: "status", old: nil,
                new: "draft from \(programme.id) v\(programme.version), \(templates.count) obligations", actor: actor)
            guard let saved = try contract(id: id) else { throw StoreError.notFound("contract") }
            return saved
        }
    }

    /// Sets the due dates that were waiting for their anchor (a course end, a complete
    /// recognition file) once the anchor becomes known. A due date already set never moves here.
    /// Call inside `write`.
    func fillAnchoredDueDates(clientID: Client.ID, actor: Staff.ID) throws {
        guard let contract = try contract(clientID: clientID), contract.status != .ended else { return }
        let waiting = try obligations(contractID: contract.id).filter { $0.status == .pending && $0.dueOn == nil && $0.anchor != nil }
        guard !waiting.isEmpty else { return }
        let anchors = try anchorDates(clientID: clientID, settlement: contract.settledOn, signature: contract.signedOn)
        for obligation in waiting {
            guard let anchor = obligation.anchor, let offset = obligation.offset, let start = anchors[anchor] else { continue }
            let due = offset.after(start)
            try database.execute(
                "UPDATE obligations SET due_on = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                [due, clock.now, actor, obligation.id])
            try audit(
                entity: "obligation", id: obligation.id, clientID: clientID, field: "due_on", old: nil,
                new: "\(due.iso) (\(offset) after \(anchor.label))", actor: actor)
        }
    }

    private func insertObligation(_ obligation: Obligation, actor: Staff.ID) throws {
        try database.execute(
            """
            INSERT INTO obligations (contract_id, client_id, position, party, category, description, legal_basis, anchor,
                due_offset, due_on, status, waived_reason, evidence, settled_on, version, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
            """,
            [
                obligation.contractID, obligation.clientID, obligation.position, obligation.party.rawValue,
                obligation.category.rawValue, trimmed(obligation.description), trimmed(obligation.legalBasis),
                obligation.anchor?.rawValue, obligation.offset?.text, obligation.dueOn, obligation.status.rawValue,
                obligation.waivedReason, obligation.evidence, obligation.settledOn, clock.now, actor,
            ])
    }

    private func contractEvent(_ id: Int64, _ kind: String, on day: Day, note: String = "", actor: Staff.ID) throws {
        try database.execute(
            "INSERT INTO contract_events (contract_id, kind, on_day, note, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
            [id, kind, day, trimmed(note), clock.now, actor])
    }

    /// Reads the contract inside a write and checks the version the officer saw.
    private func current(_ id: Int64, expectedVersion: Int) throws -> Contract {
        guard let contract = try contract(id: id) else { throw StoreError.notFound("contract") }
        guard contract.version == expectedVersion else {
            let last = try database.queryFirst(
                "SELECT s.display_name, k.updated_at FROM contracts k JOIN staff s ON s.id = k.updated_by WHERE k.id = ?", [id]
            ) { (name: $0.text(0), at: try $0.instant(1)) }
            throw StoreError.conflict(entity: "contract", by: last?.name ?? "someone", at: last?.at ?? clock.now)
        }
        return contract
    }

    private func touch(_ contract: Contract, actor: Staff.ID) throws {
        try database.execute(
            "UPDATE contracts SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
            [clock.now, actor, contract.id, contract.version])
        guard database.changes == 1 else { throw StoreError.conflict(entity: "contract", by: "someone", at: clock.now) }
    }

    private func requireEditable(_ contract: Contract) throws {
        guard contract.status.isEditable else {
            throw StoreError.invalidInput(
                "The terms of a contract that is \(contract.status.label.lowercased()) are fixed; start an amendment to change them.")
        }
    }

    /// Adds an obligation to a contract being drafted or amended.
    @discardableResult
    package func addObligation(_ obligation: Obligation, contractID: Int64, expectedVersion: Int, actor: Staff.ID) throws -> Contract {
        do { try Obligation.validate(description: obligation.description, legalBasis: obligation.legalBasis) } catch {
            throw StoreError.invalidInput(error.description)
        }
        return try write {
            let contract = try current(contractID, expectedVersion: expectedVersion)
            try requireEditable(contract)
            let position = Int(try database.scalar("SELECT coalesce(max(position), -1) + 1 FROM obligations WHERE contract_id = ?", [contractID]) ?? 0)
            var added = obligation
            added.contractID = contractID
            added.clientID = contract.clientID
            added.position = position
            added.status = .pending
            try insertObligation(added, actor: actor)
            try touch(contract, actor: actor)
            try audit(
                entity: "obligation", id: database.lastInsertRowID, clientID: contract.clientID, field: "added", old: nil,
                new: "\(added.party.rawValue): \(trimmed(added.description)) due \(added.dueOn?.iso ?? "—")", actor: actor)
            return try self.contract(id: contractID) ?? contract
        }
    }

    /// Changes an obligation's terms in a contract being drafted or amended.
    package func editObligation(
        id: Int64, party: Party, category: ObligationCategory, description: String, legalBasis: String, dueOn: Day?,
        expectedContractVersion: Int, actor: Staff.ID
    ) throws {
        do { try Obligation.validate(description: description, legalBasis: legalBasis) } catch {
            throw StoreError.invalidInput(error.description)
        }
        try write {
            guard let old = try obligation(id: id) else { throw StoreError.notFound("obligation") }
            let contract = try current(old.contractID, expectedVersion: expectedContractVersion)
            try requireEditable(contract)
            // A due date typed by hand replaces the template's rule.
            let keepsRule = dueOn == old.dueOn
            try database.execute(
                """
                UPDATE obligations SET party = ?, category = ?, description = ?, legal_basis = ?, due_on = ?, anchor = ?,
                    due_offset = ?, version = version + 1, updated_at = ?, updated_by = ?
                WHERE id = ?
                """,
                [
                    party.rawValue, category.rawValue, trimmed(description), trimmed(legalBasis), dueOn,
                    keepsRule ? old.anchor?.rawValue : nil, keepsRule ? old.offset?.text : nil, clock.now, actor, id,
                ])
            try touch(contract, actor: actor)
            let before = "\(old.party.rawValue): \(old.description) due \(old.dueOn?.iso ?? "—")"
            let after = "\(party.rawValue): \(trimmed(description)) due \(dueOn?.iso ?? "—")"
            if before != after {
                try audit(entity: "obligation", id: id, clientID: old.clientID, field: "terms", old: before, new: after, actor: actor)
            }
        }
    }

    /// Removes an obligation from a contract being drafted or amended.
    package func removeObligation(id: Int64, expectedContractVersion: Int, actor: Staff.ID) throws {
        try write {
            guard let old = try obligation(id: id) else { throw StoreError.notFound("obligation") }
            let contract = try current(old.contractID, expectedVersion: expectedContractVersion)
            try requireEditable(contract)
            try database.execute("DELETE FROM obligations WHERE id = ?", [id])
            try touch(contract, actor: actor)
            try audit(
                entity: "obligation", id: id, clientID: old.clientID, field: "removed",
                old: "\(old.party.rawValue): \(old.description)", new: nil, actor: actor)
        }
    }

    /// Both parties sign the draft or amendment: it comes into force, and due dates counted
    /// from the signature are set.
    @discardableResult
    package func signContract(id: Int64, newcomer: Day?, authority: Day?, expectedVersion: Int, actor: Staff.ID) throws -> Contract {
        try write {
            let contract = try current(id, expectedVersion: expectedVersion)
            guard contract.status.isEditable else {
                throw StoreError.invalidInput(ContractError.illegal(from: contract.status, action: "signed").description)
            }
            let drafted = try database.queryFirst(
                "SELECT started_on FROM contract_versions WHERE contract_id = ? AND number = ?", [id, contract.number]
            ) { try $0.day(0) } ?? clock.today
            do { try Contract.validateSignatures(newcomer: newcomer, authority: authority, drafted: drafted, today: clock.today) } catch let error as ContractError {
                throw StoreError.invalidInput(error.description)
            }
            guard let newcomer, let authority else { throw StoreError.invalidInput("Both parties sign.") }
            let signed = max(newcomer, authority)
            try database.execute(
                "UPDATE contracts SET status = 'active', newcomer_signed_on = ?, authority_signed_on = ? WHERE id = ?",
                [newcomer, authority, id])
            try database.execute(
                "UPDATE contract_versions SET newcomer_signed_on = ?, authority_signed_on = ? WHERE contract_id = ? AND number = ?",
                [newcomer, authority, id, contract.number])
            for obligation in try obligations(contractID: id) where obligation.anchor == .signature && obligation.status == .pending {
                if let offset = obligation.offset {
                    try database.execute("UPDATE obligations SET due_on = ? WHERE id = ?", [offset.after(signed), obligation.id])
                }
            }
            try touch(contract, actor: actor)
            try contractEvent(id, "signed", on: signed, note: "version \(contract.number): newcomer \(newcomer.iso), authority \(authority.iso)", actor: actor)
            try audit(
                entity: "contract", id: id, clientID: contract.clientID, field: "status", old: contract.status.rawValue,
                new: "active, version \(contract.number) signed \(newcomer.iso) / \(authority.iso)", actor: actor)
            return try self.contract(id: id) ?? contract
        }
    }

    /// Records a review of a contract in force.
    package func reviewContract(id: Int64, on day: Day, note: String, expectedVersion: Int, actor: Staff.ID) throws {
        try checkNotFuture(day, "The review date")
        try checkText(note, "The review note", required: false, limit: 500)
        try write {
            let contract = try current(id, expectedVersion: expectedVersion)
            guard contract.status == .active else {
                throw StoreError.invalidInput(ContractError.illegal(from: contract.status, action: "reviewed").description)
            }
            try database.execute("UPDATE contracts SET reviewed_on = ? WHERE id = ?", [day, id])
            try touch(contract, actor: actor)
            try contractEvent(id, "reviewed", on: day, note: note, actor: actor)
            try audit(entity: "contract", id: id, clientID: contract.clientID, field: "reviewed_on", old: contract.reviewedOn?.iso, new: day.iso, actor: actor)
        }
    }

    /// Starts an amendment: the version in force is kept as it is, and a new version, a copy
    /// of it, is opened for editing until both parties sign it.
    package func amendContract(id: Int64, reason: String, expectedVersion: Int, actor: Staff.ID) throws {
        try checkText(reason, "The reason for the amendment", limit: 300)
        try write {
            let contract = try current(id, expectedVersion: expectedVersion)
            guard contract.status == .active else {
                throw StoreError.invalidInput(ContractError.illegal(from: contract.status, action: "amended").description)
            }
            try database.execute(
                """
                INSERT INTO contract_version_obligations (contract_id, number, position, party, category, description,
                    legal_basis, due_on, status)
                SELECT contract_id, ?, position, party, category, description, legal_basis, due_on, status
                FROM obligations WHERE contract_id = ?
                """, [contract.number, id])
            let next = contract.number + 1
            try database.execute(
                "INSERT INTO contract_versions (contract_id, number, started_on, reason) VALUES (?, ?, ?, ?)",
                [id, next, clock.today, trimmed(reason)])
            try database.execute(
                "UPDATE contracts SET status = 'amending', number = ?, newcomer_signed_on = NULL, authority_signed_on = NULL WHERE id = ?",
                [next, id])
            try touch(contract, actor: actor)
            try contractEvent(id, "amended", on: clock.today, note: "version \(next): \(reason)", actor: actor)
            try audit(entity: "contract", id: id, clientID: contract.clientID, field: "version", old: String(contract.number), new: "\(next): \(trimmed(reason))", actor: actor)
        }
    }

    /// Ends a contract in force.
    package func endContract(id: Int64, on day: Day, reason: String, expectedVersion: Int, actor: Staff.ID) throws {
        try checkNotFuture(day, "The end date")
        try checkText(reason, "The reason", limit: 300)
        try write {
            let contract = try current(id, expectedVersion: expectedVersion)
            guard contract.status == .active else {
                throw StoreError.invalidInput(ContractError.illegal(from: contract.status, action: "ended").description)
            }
            try database.execute("UPDATE contracts SET status = 'ended', ended_on = ?, end_reason = ? WHERE id = ?", [day, trimmed(reason), id])
            try touch(contract, actor: actor)
            try contractEvent(id, "ended", on: day, note: reason, actor: actor)
            try audit(entity: "contract", id: id, clientID: contract.clientID, field: "status", old: contract.status.rawValue, new: "ended: \(trimmed(reason))", actor: actor)
        }
    }

    /// Marks a pending obligation met, waived (with the reason) or breached, if nobody changed
    /// it since `expectedVersion` was read.
    @discardableResult
    package func settleObligation(
        id: Int64, as status: ObligationStatus, on day: Day, evidence: String, reason: String = "", expectedVersion: Int,
        actor: Staff.ID
    ) throws -> Obligation {
        try checkNotFuture(day, "The date")
        try checkText(evidence, "The evidence", required: false, limit: 500)
        try checkText(reason, "The reason", required: false, limit: 300)
        return try write {
            guard var obligation = try obligation(id: id) else { throw StoreError.notFound("obligation") }
            guard obligation.version == expectedVersion else {
                let last = try database.queryFirst(
                    "SELECT s.display_name, o.updated_at FROM obligations o JOIN staff s ON s.id = o.updated_by WHERE o.id = ?", [id]
                ) { (name: $0.text(0), at: try $0.instant(1)) }
                throw StoreError.conflict(entity: "obligation", by: last?.name ?? "someone", at: last?.at ?? clock.now)
            }
            do { try Obligation.validate(from: obligation.status, to: status, reason: reason) } catch let error as ContractError {
                throw StoreError.invalidInput(error.description)
            }
            if let contract = try contract(id: obligation.contractID), contract.status == .ended {
                throw StoreError.invalidInput("The contract has ended; its obligations are closed.")
            }
            try database.execute(
                """
                UPDATE obligations SET status = ?, settled_on = ?, evidence = ?, waived_reason = ?, version = version + 1,
                    updated_at = ?, updated_by = ?
                WHERE id = ? AND version = ?
                """, [status.rawValue, day, trimmed(evidence), trimmed(reason), clock.now, actor, id, expectedVersion])
            try audit(
                entity: "obligation", id: id, clientID: obligation.clientID, field: "status", old: obligation.status.rawValue,
                new: "\(status.rawValue) on \(day.iso)" + (trimmed(reason).isEmpty ? "" : ": \(trimmed(reason))"), actor: actor)
            obligation.status = status
            obligation.settledOn = day
            obligation.evidence = trimmed(evidence)
            obligation.waivedReason = trimmed(reason)
            obligation.version += 1
            return obligation
        }
    }

    /// The superseded versions of a contract, each with its obligations as they stood.
    package func contractVersions(contractID: Int64) throws -> [ContractVersion] {
        try read {
            var obligations: [Int: [Obligation]] = [:]
            try database.forEach(
                """
                SELECT number, position, party, category, description, legal_basis, due_on, status
                FROM contract_version_obligations WHERE contract_id = ? ORDER BY number, position
                """, [contractID]
            ) { row in
                obligations[row.int(0), default: []].append(
                    Obligation(
                        contractID: contractID, position: row.int(1), party: try row.value(2, as: Party.self),
                        category: try row.value(3, as: ObligationCategory.self), description: row.text(4), legalBasis: row.text(5),
                        dueOn: try row.optionalDay(6), status: try row.value(7, as: ObligationStatus.self)))
            }
            return try database.query(
                """
                SELECT number, started_on, reason, newcomer_signed_on, authority_signed_on FROM contract_versions
                WHERE contract_id = ? ORDER BY number
                """, [contractID]
            ) { row in
                ContractVersion(
                    number: row.int(0), startedOn: try row.day(1), reason: row.text(2), newcomerSignedOn: try row.optionalDay(3),
                    authoritySignedOn: try row.optionalDay(4), obligations: obligations[row.int(0)] ?? [])
            }.filter { obligations[$0.number] != nil }
        }
    }

    package func contractEvents(contractID: Int64) throws -> [ContractEvent] {
        try read {
            try database.query(
                """
                SELECT e.kind, e.on_day, e.note, s.display_name FROM contract_events e JOIN staff s ON s.id = e.recorded_by
                WHERE e.contract_id = ? ORDER BY e.id
                """, [contractID]
            ) { ContractEvent(kind: $0.text(0), on: try $0.day(1), note: $0.text(2), recordedBy: $0.text(3)) }
        }
    }

    /// What the tracks say that can fulfil obligations: the language target met (on the day of the
    /// last assessment needed), civic orientation completed, a recognition decision taken.
    package func trackFacts(clientID: Client.ID) throws -> TrackFacts {
        try read {
            var facts = TrackFacts()
            let standing = try languageStanding(clientID: clientID)
            if standing.isMet {
                let latest = try assessments(clientID: clientID).filter { standing.targets[$0.skill] != nil }.map(\.date).max()
                facts.languageTargetMetOn = latest
            }
            let civic = try civicProgress(clientID: clientID)
            let hasTest = try programme(forClient: clientID)?.programme.civicTest != nil
            if civic.isComplete(hasTest: hasTest), civic.requirement == .required {
                facts.civicCompletedOn = civic.tests.last(where: \.passed)?.date ?? civic.attestedOn
            }
            facts.recognitionDecidedOn = try qualifications(clientID: clientID).compactMap(\.decidedOn).min()
            return facts
        }
    }
}
