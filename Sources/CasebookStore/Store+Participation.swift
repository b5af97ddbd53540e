import CasebookCore
import CasebookL10n

extension ActivityKind: SQLBindable {}
extension PartnerKind: SQLBindable {}

extension Store {
    private enum PartnerColumn: Int32, ColumnSet {
        case id, name, kind, contact, version, officeID
    }

    private static let partnerSelection = PartnerColumn.selection()

    private static func partner(_ row: Row) throws -> PartnerOrganisation {
        let row = NamedRow<PartnerColumn>(row)
        return PartnerOrganisation(
            id: row.int64(.id), name: row.text(.name), kind: try row.value(.kind, as: PartnerKind.self),
            contact: row.text(.contact), officeID: row.int64(.officeID), version: row.int(.version))
    }

    /// The partner organisations of `offices`, by office and name.
    private func partners(in offices: [Office.ID]) throws -> [PartnerOrganisation] {
        guard !offices.isEmpty else { return [] }
        return try database.query(
            """
            SELECT \(Store.partnerSelection) FROM partner_organisations WHERE office_id IN \(IDList.sql)
            ORDER BY office_id, name COLLATE NOCASE, id
            """, [IDList(offices)], Store.partner)
    }

    /// The registers of partner organisations of every office where `actor` may see one, by
    /// office and name: nobody sees another office's partners.
    package func partners(actor: Staff.ID) throws -> [PartnerOrganisation] {
        try read {
            let offices = try self.actor(actor).offices(for: .seePartners, policy: policy).whole
            guard !offices.isEmpty else { throw StoreError.notAllowed(policy.refusal(.seePartners, officeName: nil)) }
            return try partners(in: offices)
        }
    }

    /// The partners an activity of the client may name: those of the client's office, for
    /// whoever may open the record (its Participation tab offers them).
    package func clientPartners(clientID: Client.ID, actor: Staff.ID) throws -> [PartnerOrganisation] {
        try read {
            try require(.openRecord, by: actor, client: clientID)
            return try partners(in: [try officeOf(clientID: clientID)])
        }
    }

    /// One partner organisation by id, for a form that read it to see it again; nil to whoever
    /// may not see its office's register, as for one that does not exist.
    package func partner(id: Int64, actor: Staff.ID) throws -> PartnerOrganisation? {
        try read {
            guard let found = try partnerRow(id: id),
                try self.actor(actor).offices(for: .seePartners, policy: policy).whole.contains(found.officeID)
            else { return nil }
            return found
        }
    }

    /// The row itself, for the Store's own checks, which ask the policy about its office.
    private func partnerRow(id: Int64) throws -> PartnerOrganisation? {
        try database.queryFirst(
            "SELECT \(Store.partnerSelection) FROM partner_organisations WHERE id = ?", [id], Store.partner)
    }

    private func officeOf(clientID: Client.ID) throws -> Office.ID {
        guard let office = try database.scalar("SELECT office_id FROM clients WHERE id = ?", [clientID]) else {
            throw StoreError.notFound("client")
        }
        return office
    }

    /// The offices whose register `actor` keeps, by code.
    package func partnerOffices(actor: Staff.ID) throws -> [Office] {
        try read {
            let ids = try self.actor(actor).offices(for: .managePartners, policy: policy).whole
            return try ids.compactMap { try office(id: $0) }.sorted { $0.code < $1.code }
        }
    }

    /// The office a new partner joins: the one named by `code`, or the only one whose register
    /// `actor` keeps.
    package func partnerOffice(code: String?, actor: Staff.ID) throws -> Office {
        try chosenOffice(code: code, for: .managePartners, actor: actor) { codes in
            tr(
                "You keep the registers of several offices; choose the one with --office CODE ({codes}).",
                ["codes": codes])
        }
    }

    /// Refuses whoever may not keep `office`'s register (its staff choose from it).
    private func requirePartnerManager(_ actor: Staff.ID, office: Office.ID) throws {
        try require(.managePartners, by: actor, office: office)
    }

    /// Adds a partner organisation to `office`'s register (its supervisors and admins).
    @discardableResult
    package func addPartner(_ draft: PartnerDraft, office: Office.ID, actor: Staff.ID) throws -> PartnerOrganisation {
        try write {
            try requirePartnerManager(actor, office: office)
            var partner = try checked { try draft.validated() }
            partner.officeID = office
            try requireUniquePartnerName(partner.name, office: office, except: nil)
            try database.execute(
                """
                INSERT INTO partner_organisations (name, kind, contact, office_id, created_at, created_by, updated_at,
                    updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [partner.name, partner.kind, partner.contact, office, clock.now, actor, clock.now, actor])
            partner.id = database.lastInsertRowID
            try audit(.partner, id: partner.id, clientID: nil, field: .added, old: nil, new: partner.name, actor: actor)
            return partner
        }
    }

    /// Changes a partner organisation read at `expectedVersion` (its office's supervisors and
    /// admins). To anyone outside that office it does not exist.
    @discardableResult
    package func updatePartner(id: Int64, _ draft: PartnerDraft, expectedVersion: Int, actor: Staff.ID) throws
        -> PartnerOrganisation
    {
        try write {
            guard let old = try partnerRow(id: id), try self.actor(actor).role(in: old.officeID) != nil else {
                throw StoreError.notFound(
                    tr("That partner organisation is not in the register of any office you belong to."))
            }
            try requirePartnerManager(actor, office: old.officeID)
            try requireVersion(.partners, id: id, current: old.version, expected: expectedVersion)
            var partner = try checked { try draft.validated() }
            try requireUniquePartnerName(partner.name, office: old.officeID, except: id)
            try saveVersioned(
                .partners, id: id, expected: expectedVersion, set: "name = ?, kind = ?, contact = ?",
                [partner.name, partner.kind, partner.contact], actor: actor)
            partner.id = id
            partner.officeID = old.officeID
            partner.version = old.version + 1
            for (field, before, after) in [
                (PartnerDraft.Field.name, old.name, partner.name), (.kind, old.kind.rawValue, partner.kind.rawValue),
                (.contact, old.contact, partner.contact),
            ] where before != after {
                try audit(
                    .partner, id: id, clientID: nil, field: AuditField(rawValue: field.rawValue), old: before,
                    new: after, actor: actor)
            }
            return partner
        }
    }

    private func requireUniquePartnerName(_ name: String, office: Office.ID, except id: Int64?) throws {
        let taken = try database.scalar(
            "SELECT id FROM partner_organisations WHERE office_id = ? AND name = ? COLLATE NOCASE AND id IS NOT ?",
            [office, name, id])
        if taken != nil {
            throw StoreError.invalid(
                ValidationFailure(
                    PartnerDraft.Field.name, tr("The office's register already has an organisation of that name.")))
        }
    }

    private enum ActivityColumn: Int32, ColumnSet {
        case id, clientID, kind, partnerID, partnerName, startsOn, endsOn, hours, note

        var expression: String? { self == .partnerName ? "o.name" : nil }
    }

    private static let activitySelection = ActivityColumn.selection(from: "p")

    /// The client's participation activities, latest first.
    func activities(clientID: Client.ID) throws -> [ParticipationActivity] {
        try read {
            try database.query(
                """
                SELECT \(Store.activitySelection) FROM participation p
                LEFT JOIN partner_organisations o ON o.id = p.partner_id
                WHERE p.client_id = ? ORDER BY p.starts_on DESC, p.id DESC
                """, [clientID]
            ) { row in
                let row = NamedRow<ActivityColumn>(row)
                return ParticipationActivity(
                    id: row.int64(.id), clientID: row.int64(.clientID),
                    kind: try row.value(.kind, as: ActivityKind.self),
                    partnerID: row.optionalInt64(.partnerID), partnerName: row.optionalText(.partnerName),
                    startsOn: try row.day(.startsOn), endsOn: try row.optionalDay(.endsOn),
                    hours: row.isNull(.hours) ? nil : row.double(.hours), note: row.text(.note))
            }
        }
    }

    /// Records an activity of the client's, with a partner from the register or none.
    @discardableResult
    package func addActivity(clientID: Client.ID, _ draft: ParticipationDraft, actor: Staff.ID) throws
        -> ParticipationActivity
    {
        try write {
            guard try client(id: clientID) != nil else { throw StoreError.notFound("client") }
            try require(.recordTrack, by: actor, client: clientID)
            // Only the client's office's partners: another office's register is not theirs to name.
            let known = Set(try partners(in: [try officeOf(clientID: clientID)]).map(\.id))
            var activity = try checked { try draft.validated(clientID: clientID, partners: known, today: clock.today) }
            try database.execute(
                """
                INSERT INTO participation (client_id, kind, partner_id, starts_on, ends_on, hours, note, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    clientID, activity.kind, activity.partnerID, activity.startsOn, activity.endsOn, activity.hours,
                    activity.note, clock.now, actor,
                ])
            activity.id = database.lastInsertRowID
            activity.partnerName = try activity.partnerID.flatMap { try partnerRow(id: $0)?.name }
            try audit(
                .participation, id: activity.id, clientID: clientID,
                field: AuditField(rawValue: activity.kind.rawValue),
                old: nil, new: AuditValue.period(from: activity.startsOn, to: activity.endsOn).stored, actor: actor)
            return activity
        }
    }
}
