import CasebookCore
import CasebookL10n

extension ActivityKind: SQLBindable {}
extension PartnerKind: SQLBindable {}

extension Store {
    private enum PartnerColumn: Int32, ColumnSet {
        case id, name, kind, contact, version
    }

    private static let partnerSelection = PartnerColumn.selection()

    private static func partner(_ row: Row) throws -> PartnerOrganisation {
        let row = NamedRow<PartnerColumn>(row)
        return PartnerOrganisation(
            id: row.int64(.id), name: row.text(.name), kind: try row.value(.kind, as: PartnerKind.self),
            contact: row.text(.contact), version: row.int(.version))
    }

    /// The register of partner organisations, by name.
    package func partners() throws -> [PartnerOrganisation] {
        try read {
            try database.query(
                "SELECT \(Store.partnerSelection) FROM partner_organisations ORDER BY name COLLATE NOCASE, id", [],
                Store.partner)
        }
    }

    package func partner(id: Int64) throws -> PartnerOrganisation? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.partnerSelection) FROM partner_organisations WHERE id = ?", [id], Store.partner)
        }
    }

    /// Refuses whoever may not keep the register (officers choose from it).
    private func requirePartnerManager(_ actor: Staff.ID) throws {
        try require(.managePartners, by: actor)
    }

    /// Adds a partner organisation to the register (supervisors and admins).
    @discardableResult
    package func addPartner(_ draft: PartnerDraft, actor: Staff.ID) throws -> PartnerOrganisation {
        try write {
            try requirePartnerManager(actor)
            var partner = try checked { try draft.validated() }
            try requireUniquePartnerName(partner.name, except: nil)
            try database.execute(
                """
                INSERT INTO partner_organisations (name, kind, contact, created_at, created_by, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [partner.name, partner.kind, partner.contact, clock.now, actor, clock.now, actor])
            partner.id = database.lastInsertRowID
            try audit(.partner, id: partner.id, clientID: nil, field: .added, old: nil, new: partner.name, actor: actor)
            return partner
        }
    }

    /// Changes a partner organisation read at `expectedVersion` (supervisors and admins).
    @discardableResult
    package func updatePartner(id: Int64, _ draft: PartnerDraft, expectedVersion: Int, actor: Staff.ID) throws
        -> PartnerOrganisation
    {
        try write {
            try requirePartnerManager(actor)
            guard let old = try partner(id: id) else { throw StoreError.notFound("partner organisation") }
            try requireVersion(.partners, id: id, current: old.version, expected: expectedVersion)
            var partner = try checked { try draft.validated() }
            try requireUniquePartnerName(partner.name, except: id)
            try saveVersioned(
                .partners, id: id, expected: expectedVersion, set: "name = ?, kind = ?, contact = ?",
                [partner.name, partner.kind, partner.contact], actor: actor)
            partner.id = id
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

    private func requireUniquePartnerName(_ name: String, except id: Int64?) throws {
        let taken = try database.scalar(
            "SELECT id FROM partner_organisations WHERE name = ? COLLATE NOCASE AND id IS NOT ?", [name, id])
        if taken != nil {
            throw StoreError.invalid(
                ValidationFailure(
                    PartnerDraft.Field.name, tr("The register already has an organisation of that name.")))
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
            let known = Set(try partners().map(\.id))
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
            activity.partnerName = try activity.partnerID.flatMap { try partner(id: $0)?.name }
            try audit(
                .participation, id: activity.id, clientID: clientID,
                field: AuditField(rawValue: activity.kind.rawValue),
                old: nil, new: "\(activity.startsOn.iso)–\(activity.endsOn?.iso ?? "")", actor: actor)
            return activity
        }
    }
}
