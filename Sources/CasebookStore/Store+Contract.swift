import CasebookCore
import CasebookL10n
import CasebookText

/// A step in a contract's life (drafted, signed, reviewed, amended, ended).
package struct ContractEvent: Hashable, Sendable {
    package var kind: String
    package var on: Day
    package var note: String
    package var recordedBy: String
}

extension Store {
    enum ContractColumn: Int32, ColumnSet {
        case id, clientID, programmeID, programmeVersion, status, number, settledOn, newcomerSignedOn
        case authoritySignedOn, reviewedOn, endedOn, endReason, version
    }

    static let contractSelection = ContractColumn.selection()

    static func contract(_ row: Row) throws -> Contract {
        let row = NamedRow<ContractColumn>(row)
        return Contract(
            id: row.int64(.id), clientID: row.int64(.clientID), programmeID: row.text(.programmeID),
            programmeVersion: row.int(.programmeVersion), status: try row.value(.status, as: ContractStatus.self),
            number: row.int(.number), settledOn: try row.optionalDay(.settledOn),
            newcomerSignedOn: try row.optionalDay(.newcomerSignedOn),
            authoritySignedOn: try row.optionalDay(.authoritySignedOn), reviewedOn: try row.optionalDay(.reviewedOn),
            endedOn: try row.optionalDay(.endedOn), endReason: row.text(.endReason), version: row.int(.version))
    }

    enum ObligationColumn: Int32, ColumnSet {
        case id, contractID, clientID, position, party, category, description, legalBasis, anchor, dueOffset, dueOn
        case status, waivedReason, evidence, settledOn, version
    }

    static let obligationSelection = ObligationColumn.selection()

    static func obligation(_ row: Row) throws -> Obligation {
        let row = NamedRow<ObligationColumn>(row)
        return Obligation(
            id: row.int64(.id), contractID: row.int64(.contractID), clientID: row.int64(.clientID),
            position: row.int(.position), party: try row.value(.party, as: Party.self),
            category: try row.value(.category, as: ObligationCategory.self), description: row.text(.description),
            legalBasis: row.text(.legalBasis), anchor: row.optionalValue(.anchor, as: Anchor.self),
            offset: row.optionalText(.dueOffset).flatMap(TimeSpan.init), dueOn: try row.optionalDay(.dueOn),
            status: try row.value(.status, as: ObligationStatus.self), waivedReason: row.text(.waivedReason),
            evidence: row.text(.evidence), settledOn: try row.optionalDay(.settledOn), version: row.int(.version))
    }

    func contract(clientID: Client.ID) throws -> Contract? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.contractSelection) FROM contracts WHERE client_id = ?", [clientID], Store.contract)
        }
    }

    func contract(id: Int64) throws -> Contract? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.contractSelection) FROM contracts WHERE id = ?", [id], Store.contract)
        }
    }

    /// The obligations of the version in force (or being drafted), in order.
    func obligations(contractID: Int64) throws -> [Obligation] {
        try read {
            try database.query(
                "SELECT \(Store.obligationSelection) FROM obligations WHERE contract_id = ? ORDER BY position",
                [contractID],
                Store.obligation)
        }
    }

    func obligation(id: Int64) throws -> Obligation? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.obligationSelection) FROM obligations WHERE id = ?", [id], Store.obligation)
        }
    }

    /// The dates a client's obligations count from, as far as they are known.
    func anchorDates(clientID: Client.ID, settlement: Day?, signature: Day?) throws -> AnchorDates {
        try read {
            guard let client = try client(id: clientID) else { throw StoreError.notFound("client") }
            let enrolment = try enrolment(clientID: clientID)
            let courseEnd =
                try database.queryFirst(
                    "SELECT min(ends_on) FROM language_courses WHERE client_id = ? AND ends_on IS NOT NULL", [clientID]
                ) { try $0.optionalDay(0) } ?? nil
            // The first file complete, with the procedure it runs under.
            let complete = try database.queryFirst(
                """
                SELECT complete_on, variant FROM qualifications WHERE client_id = ? AND complete_on IS NOT NULL
                ORDER BY complete_on, id LIMIT 1
                """, [clientID]
            ) { (day: try $0.day(0), variant: $0.optionalText(1)) }
            return AnchorDates(
                arrival: client.arrivalDate, settlement: settlement ?? client.arrivalDate, signature: signature,
                courseEnd: courseEnd, recognitionComplete: complete?.day, recognitionVariant: complete?.variant,
                enrolment: enrolment?.startedOn ?? enrolment?.offeredOn)
        }
    }

    /// Drafts a client's contract from the obligations of their programme version, with due
    /// dates computed from the anchor dates known now (signature-based ones follow the signing).
    @discardableResult
    package func draftContract(clientID: Client.ID, _ draft: NewContractDraft, actor: Staff.ID) throws -> Contract {
        let (settledOn, drafted) = try checked { try draft.validated(today: clock.today) }
        return try write {
            try require(.manageContract, by: actor, client: clientID)
            guard let (programme, profile) = try programme(forClient: clientID) else {
                throw StoreError.refused(
                    "Enrol the client in a programme first: the contract is drafted from its obligations.")
            }
            if try contract(clientID: clientID) != nil {
                throw StoreError.refused("This client already has a contract.")
            }
            let now = clock.now
            try database.execute(
                """
                INSERT INTO contracts (client_id, programme_id, programme_version, status, number, settled_on, version,
                    created_at, created_by, updated_at, updated_by)
                VALUES (?, ?, ?, 'draft', 1, ?, 1, ?, ?, ?, ?)
                """, [clientID, programme.id, programme.version, settledOn, now, actor, now, actor])
            let id = database.lastInsertRowID
            try database.execute(
                "INSERT INTO contract_versions (contract_id, number, started_on, reason) VALUES (?, 1, ?, 'first version')",
                [id, drafted])
            let anchors = try anchorDates(clientID: clientID, settlement: settledOn, signature: nil)
            // Only the obligations of the client's profile (the Dutch MAP is not part of the education route).
            let templates = programme.obligations(forProfile: profile)
            for (position, template) in templates.enumerated() {
                let rule = template.rule(under: programme, anchors: anchors)
                try insertObligation(
                    Obligation(
                        contractID: id, clientID: clientID, position: position, party: template.party,
                        category: template.category, description: template.description, legalBasis: template.legalBasis,
                        anchor: template.anchor, offset: rule.offset, dueOn: rule.dueOn),
                    actor: actor)
            }
            try contractEvent(
                id, "drafted", on: drafted,
                note: AuditValue.draftedFrom(programme: programme.id, version: programme.version).stored,
                actor: actor)
            try audit(
                .contract, id: id, clientID: clientID, field: .status, old: nil,
                new: AuditValue.contractDrafted(
                    programme: programme.id, version: programme.version, obligations: templates.count
                ).stored,
                actor: actor)
            guard let saved = try contract(id: id) else { throw StoreError.notFound("contract") }
            return saved
        }
    }

    /// Sets the due dates that were waiting for their anchor (a course end, a complete
    /// recognition file) once the anchor becomes known. A due date already set never moves here.
    /// The authority's decision on a complete recognition file runs to the time of that file's
    /// procedure (`Programme.due(of:recognitionVariant:)`). Call inside `write`.
    func fillAnchoredDueDates(clientID: Client.ID, actor: Staff.ID) throws {
        guard let contract = try contract(clientID: clientID), contract.status != .ended else { return }
        let waiting = try obligations(contractID: contract.id).filter {
            $0.status == .pending && $0.dueOn == nil && $0.anchor != nil
        }
        guard !waiting.isEmpty else { return }
        let anchors = try anchorDates(clientID: clientID, settlement: contract.settledOn, signature: contract.signedOn)
        let programme = try programme(id: contract.programmeID, version: contract.programmeVersion)
        for obligation in waiting {
            guard let anchor = obligation.anchor, let time = obligation.offset, let start = anchors[anchor] else {
                continue
            }
            let offset =
                programme?.due(
                    anchor: anchor, category: obligation.category, party: obligation.party, time: time,
                    recognitionVariant: anchors.recognitionVariant) ?? time
            let due = offset.after(start)
            try saveVersioned(
                .obligations, id: obligation.id, expected: obligation.version, set: "due_on = ?, due_offset = ?",
                [due, offset.text], actor: actor)
            try audit(
                .obligation, id: obligation.id, clientID: clientID, field: .dueOn, old: nil,
                new: AuditValue.due(on: due, after: offset, anchor: anchor).stored, actor: actor)
        }
    }

    /// The pending obligations due a time after the first complete recognition file, due
    /// again by that file's procedure as it stands now (its procedure changed). Call inside `write`.
    func refreshRecognitionDueDates(clientID: Client.ID, actor: Staff.ID) throws {
        guard let contract = try contract(clientID: clientID), contract.status != .ended else { return }
        let anchored = try obligations(contractID: contract.id).filter {
            $0.status == .pending && $0.anchor == .recognitionComplete && $0.dueOn != nil
        }
        guard !anchored.isEmpty else { return }
        let anchors = try anchorDates(clientID: clientID, settlement: contract.settledOn, signature: contract.signedOn)
        guard let start = anchors[.recognitionComplete],
            let programme = try programme(id: contract.programmeID, version: contract.programmeVersion)
        else { return }
        for obligation in anchored {
            // The programme's own time for the obligation: the variant's deadline replaces it
            // only for the authority's decision, which `due` knows.
            guard
                let template = programme.obligations.first(where: {
                    $0.anchor == .recognitionComplete && $0.category == obligation.category
                        && $0.party == obligation.party
                })
            else { continue }
            let offset = programme.due(
                anchor: .recognitionComplete, category: obligation.category, party: obligation.party,
                time: template.due, recognitionVariant: anchors.recognitionVariant)
            let due = offset.after(start)
            guard due != obligation.dueOn || offset != obligation.offset else { continue }
            try saveVersioned(
                .obligations, id: obligation.id, expected: obligation.version, set: "due_on = ?, due_offset = ?",
                [due, offset.text], actor: actor)
            try audit(
                .obligation, id: obligation.id, clientID: clientID, field: .dueOn, old: obligation.dueOn?.iso,
                new: AuditValue.due(on: due, after: offset, anchor: .recognitionComplete).stored,
                actor: actor)
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
        try requireVersion(.contracts, id: id, current: contract.version, expected: expectedVersion)
        return contract
    }

    /// Moves the contract to its next version: any change to it or to its obligations' terms.
    private func touch(_ contract: Contract, actor: Staff.ID) throws {
        try saveVersioned(.contracts, id: contract.id, expected: contract.version, actor: actor)
    }

    private func requireEditable(_ contract: Contract) throws {
        guard contract.status.isEditable else {
            throw StoreError.refused(
                tr(
                    "The terms of a contract that is {status} are fixed; start an amendment to change them.",
                    ["status": contract.status.label.lowercased()]))
        }
    }

    /// Adds an obligation to a contract being drafted or amended.
    @discardableResult
    package func addObligation(_ draft: ObligationDraft, contractID: Int64, expectedVersion: Int, actor: Staff.ID)
        throws -> Contract
    {
        let obligation = try checked { try draft.validated() }
        return try write {
            try require(.manageContract, by: actor, client: try client(of: "contracts", id: contractID))
            let contract = try current(contractID, expectedVersion: expectedVersion)
            try requireEditable(contract)
            let position = Int(
                try database.scalar(
                    "SELECT coalesce(max(position), -1) + 1 FROM obligations WHERE contract_id = ?", [contractID]) ?? 0)
            var added = obligation
            added.contractID = contractID
            added.clientID = contract.clientID
            added.position = position
            added.status = .pending
            try insertObligation(added, actor: actor)
            try touch(contract, actor: actor)
            try audit(
                .obligation, id: database.lastInsertRowID, clientID: contract.clientID, field: .added, old: nil,
                new: AuditValue.obligation(party: added.party, description: added.description, due: added.dueOn).stored,
                actor: actor)
            return try self.contract(id: contractID) ?? contract
        }
    }

    /// Changes an obligation's terms in a contract being drafted or amended.
    package func editObligation(id: Int64, _ draft: ObligationDraft, expectedContractVersion: Int, actor: Staff.ID)
        throws
    {
        let terms = try checked { try draft.validated() }
        let (party, category, description, legalBasis, dueOn) = (
            terms.party, terms.category, terms.description, terms.legalBasis, terms.dueOn
        )
        try write {
            try require(.manageContract, by: actor, client: try client(of: "obligations", id: id))
            guard let old = try obligation(id: id) else { throw StoreError.notFound("obligation") }
            let contract = try current(old.contractID, expectedVersion: expectedContractVersion)
            try requireEditable(contract)
            // A due date typed by hand replaces the template's rule.
            let keepsRule = dueOn == old.dueOn
            try saveVersioned(
                .obligations, id: id, expected: old.version,
                set:
                    "party = ?, category = ?, description = ?, legal_basis = ?, due_on = ?, anchor = ?, due_offset = ?",
                [
                    party.rawValue, category.rawValue, description, legalBasis, dueOn,
                    keepsRule ? old.anchor?.rawValue : nil, keepsRule ? old.offset?.text : nil,
                ], actor: actor)
            try touch(contract, actor: actor)
            let before = AuditValue.obligation(party: old.party, description: old.description, due: old.dueOn).stored
            let after = AuditValue.obligation(party: party, description: description, due: dueOn).stored
            if before != after {
                try audit(
                    .obligation, id: id, clientID: old.clientID, field: .terms, old: before, new: after, actor: actor)
            }
        }
    }

    /// Removes an obligation from a contract being drafted or amended.
    package func removeObligation(id: Int64, expectedContractVersion: Int, actor: Staff.ID) throws {
        try write {
            try require(.manageContract, by: actor, client: try client(of: "obligations", id: id))
            guard let old = try obligation(id: id) else { throw StoreError.notFound("obligation") }
            let contract = try current(old.contractID, expectedVersion: expectedContractVersion)
            try requireEditable(contract)
            try database.execute("DELETE FROM obligations WHERE id = ?", [id])
            try touch(contract, actor: actor)
            try audit(
                .obligation, id: id, clientID: old.clientID, field: .removed,
                old: AuditValue.removedObligation(party: old.party, description: old.description).stored, new: nil,
                actor: actor)
        }
    }

    /// Both parties sign the draft or amendment: it comes into force, and due dates counted
    /// from the signature are set.
    @discardableResult
    package func signContract(id: Int64, _ draft: SignatureDraft, expectedVersion: Int, actor: Staff.ID) throws
        -> Contract
    {
        try write {
            try require(.manageContract, by: actor, client: try client(of: "contracts", id: id))
            let contract = try current(id, expectedVersion: expectedVersion)
            guard contract.status.isEditable else {
                throw StoreError.refused(ContractError.illegal(from: contract.status, action: "signed").description)
            }
            let drafted = try database.queryFirst(
                "SELECT started_on FROM contract_versions WHERE contract_id = ? AND number = ?", [id, contract.number]
            ) { try $0.day(0) }
            let signatures = try checked { try draft.validated(drafted: drafted, today: clock.today) }
            let (newcomer, authority, signed) = (signatures.newcomer, signatures.authority, signatures.signedOn)
            try database.execute(
                "UPDATE contracts SET status = 'active', newcomer_signed_on = ?, authority_signed_on = ? WHERE id = ?",
                [newcomer, authority, id])
            try database.execute(
                "UPDATE contract_versions SET newcomer_signed_on = ?, authority_signed_on = ? WHERE contract_id = ? AND number = ?",
                [newcomer, authority, id, contract.number])
            for obligation in try obligations(contractID: id)
            where obligation.anchor == .signature && obligation.status == .pending {
                if let offset = obligation.offset {
                    try database.execute(
                        "UPDATE obligations SET due_on = ? WHERE id = ?", [offset.after(signed), obligation.id])
                }
            }
            try touch(contract, actor: actor)
            try contractEvent(
                id, "signed", on: signed,
                note: AuditValue.signedVersion(version: contract.number, newcomer: newcomer, authority: authority)
                    .stored,
                actor: actor)
            try audit(
                .contract, id: id, clientID: contract.clientID, field: .status, old: contract.status.rawValue,
                new: AuditValue.contractSigned(version: contract.number, newcomer: newcomer, authority: authority)
                    .stored,
                actor: actor)
            return try self.contract(id: id) ?? contract
        }
    }

    /// Records a review of a contract in force.
    package func reviewContract(id: Int64, _ draft: ContractReviewDraft, expectedVersion: Int, actor: Staff.ID) throws {
        let (day, note) = try checked { try draft.validated(today: clock.today) }
        try write {
            try require(.manageContract, by: actor, client: try client(of: "contracts", id: id))
            let contract = try current(id, expectedVersion: expectedVersion)
            guard contract.status == .active else {
                throw StoreError.refused(
                    ContractError.illegal(from: contract.status, action: "reviewed").description)
            }
            try database.execute("UPDATE contracts SET reviewed_on = ? WHERE id = ?", [day, id])
            try touch(contract, actor: actor)
            try contractEvent(id, "reviewed", on: day, note: note, actor: actor)
            try audit(
                .contract, id: id, clientID: contract.clientID, field: .reviewedOn, old: contract.reviewedOn?.iso,
                new: day.iso, actor: actor)
        }
    }

    /// Starts an amendment: the version in force is kept as it is, and a new version, a copy
    /// of it, is opened for editing until both parties sign it.
    package func amendContract(id: Int64, _ draft: AmendmentDraft, expectedVersion: Int, actor: Staff.ID) throws {
        let reason = try checked { try draft.validated() }
        try write {
            try require(.manageContract, by: actor, client: try client(of: "contracts", id: id))
            let contract = try current(id, expectedVersion: expectedVersion)
            guard contract.status == .active else {
                throw StoreError.refused(
                    ContractError.illegal(from: contract.status, action: "amended").description)
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
                [id, next, clock.today, reason])
            try database.execute(
                "UPDATE contracts SET status = 'amending', number = ?, newcomer_signed_on = NULL, authority_signed_on = NULL WHERE id = ?",
                [next, id])
            try touch(contract, actor: actor)
            try contractEvent(
                id, "amended", on: clock.today, note: AuditValue.amendedVersion(version: next, reason: reason).stored,
                actor: actor)
            try audit(
                .contract, id: id, clientID: contract.clientID, field: .version, old: String(contract.number),
                new: AuditValue.amendment(version: next, reason: reason).stored, actor: actor)
        }
    }

    /// Ends a contract in force.
    package func endContract(id: Int64, _ draft: ContractEndDraft, expectedVersion: Int, actor: Staff.ID) throws {
        let (day, reason) = try checked { try draft.validated(today: clock.today) }
        try write {
            try require(.manageContract, by: actor, client: try client(of: "contracts", id: id))
            let contract = try current(id, expectedVersion: expectedVersion)
            guard contract.status == .active else {
                throw StoreError.refused(ContractError.illegal(from: contract.status, action: "ended").description)
            }
            try database.execute(
                "UPDATE contracts SET status = 'ended', ended_on = ?, end_reason = ? WHERE id = ?", [day, reason, id])
            try touch(contract, actor: actor)
            try contractEvent(id, "ended", on: day, note: reason, actor: actor)
            try audit(
                .contract, id: id, clientID: contract.clientID, field: .status, old: contract.status.rawValue,
                new: AuditValue.contractEnded(reason: reason).stored, actor: actor)
        }
    }

    /// Marks a pending obligation met, waived (with the reason) or breached, if nobody changed
    /// it since `expectedVersion` was read.
    @discardableResult
    package func settleObligation(id: Int64, _ draft: SettlementDraft, expectedVersion: Int, actor: Staff.ID) throws
        -> Obligation
    {
        let settlement = try checked { try draft.validated(today: clock.today) }
        let (status, day, evidence, reason) = (settlement.status, settlement.on, settlement.evidence, settlement.reason)
        return try write {
            try require(.manageContract, by: actor, client: try client(of: "obligations", id: id))
            guard var obligation = try obligation(id: id) else { throw StoreError.notFound("obligation") }
            try requireVersion(.obligations, id: id, current: obligation.version, expected: expectedVersion)
            if let problem = Obligation.settlementProblem(from: obligation.status, to: status) {
                throw StoreError.refused(problem)
            }
            if let contract = try contract(id: obligation.contractID), contract.status == .ended {
                throw StoreError.refused("The contract has ended; its obligations are closed.")
            }
            try saveVersioned(
                .obligations, id: id, expected: expectedVersion,
                set: "status = ?, settled_on = ?, evidence = ?, waived_reason = ?",
                [status.rawValue, day, evidence, reason], actor: actor)
            try audit(
                .obligation, id: id, clientID: obligation.clientID, field: .status, old: obligation.status.rawValue,
                new: AuditValue.settled(status: status, on: day, reason: reason).stored, actor: actor)
            obligation.status = status
            obligation.settledOn = day
            obligation.evidence = evidence
            obligation.waivedReason = reason
            obligation.version += 1
            return obligation
        }
    }

    /// The superseded versions of a contract, each with its obligations as they stood.
    func contractVersions(contractID: Int64) throws -> [ContractVersion] {
        try read {
            var obligations: [Int: [Obligation]] = [:]
            try database.forEach(
                """
                SELECT \(Store.frozenObligationSelection) FROM contract_version_obligations WHERE contract_id = ?
                ORDER BY number, position
                """, [contractID]
            ) { row in
                let row = NamedRow<FrozenObligationColumn>(row)
                obligations[row.int(.number), default: []].append(
                    Obligation(
                        contractID: contractID, position: row.int(.position),
                        party: try row.value(.party, as: Party.self),
                        category: try row.value(.category, as: ObligationCategory.self),
                        description: row.text(.description),
                        legalBasis: row.text(.legalBasis), dueOn: try row.optionalDay(.dueOn),
                        status: try row.value(.status, as: ObligationStatus.self)))
            }
            return try database.query(
                "SELECT \(Store.contractVersionSelection) FROM contract_versions WHERE contract_id = ? ORDER BY number",
                [contractID]
            ) { row in
                let row = NamedRow<ContractVersionColumn>(row)
                return ContractVersion(
                    number: row.int(.number), startedOn: try row.day(.startedOn), reason: row.text(.reason),
                    newcomerSignedOn: try row.optionalDay(.newcomerSignedOn),
                    authoritySignedOn: try row.optionalDay(.authoritySignedOn),
                    obligations: obligations[row.int(.number)] ?? [])
            }.filter { obligations[$0.number] != nil }
        }
    }

    private enum FrozenObligationColumn: Int32, ColumnSet {
        case number, position, party, category, description, legalBasis, dueOn, status
    }

    private static let frozenObligationSelection = FrozenObligationColumn.selection()

    private enum ContractVersionColumn: Int32, ColumnSet {
        case number, startedOn, reason, newcomerSignedOn, authoritySignedOn
    }

    private static let contractVersionSelection = ContractVersionColumn.selection()

    private enum ContractEventColumn: Int32, ColumnSet {
        case kind, onDay, note, recordedBy

        var expression: String? { self == .recordedBy ? "s.display_name" : nil }
    }

    private static let eventSelection = ContractEventColumn.selection(from: "e")

    func contractEvents(contractID: Int64) throws -> [ContractEvent] {
        try read {
            try database.query(
                """
                SELECT \(Store.eventSelection) FROM contract_events e JOIN staff s ON s.id = e.recorded_by
                WHERE e.contract_id = ? ORDER BY e.id
                """, [contractID]
            ) { row in
                let row = NamedRow<ContractEventColumn>(row)
                return ContractEvent(
                    kind: row.text(.kind), on: try row.day(.onDay), note: row.text(.note),
                    recordedBy: row.text(.recordedBy))
            }
        }
    }

    /// What the tracks say that can fulfil obligations: the language target met (on the day of the
    /// last assessment needed), civic orientation completed, a recognition decision taken.
    func trackFacts(clientID: Client.ID) throws -> TrackFacts {
        try read {
            var facts = TrackFacts()
            let standing = try languageStanding(clientID: clientID)
            if standing.isMet {
                let latest = try assessments(clientID: clientID).filter { standing.targets[$0.skill] != nil }.map(
                    \.date
                ).max()
                facts.languageTargetMetOn = latest
            }
            let civic = try civicProgress(clientID: clientID)
            let hasTest = try programme(forClient: clientID)?.programme.civicTest != nil
            if civic.isComplete(hasTest: hasTest), civic.requirement == .required {
                facts.civicCompletedOn = civic.tests.last(where: \.passed)?.date ?? civic.attestedOn
            }
            facts.recognitionDecidedOn = try qualifications(clientID: clientID).compactMap(\.decidedOn).min()
            facts.mappedOn = try intakeMapping(clientID: clientID)?.mappedOn
            return facts
        }
    }
}
