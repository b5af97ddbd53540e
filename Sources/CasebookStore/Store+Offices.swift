import CasebookCore
import CasebookL10n

/// Staff members' offices and roles, read once per store: every entry point asks for them.
final class ActorCache {
    private var actors: [Staff.ID: Actor] = [:]

    subscript(id: Staff.ID) -> Actor? {
        get { actors[id] }
        set { actors[id] = newValue }
    }

    func removeAll() { actors.removeAll() }
}

extension Store {
    private enum OfficeColumn: Int32, ColumnSet {
        case id, code, name, municipalities
    }

    private static let officeSelection = OfficeColumn.selection()

    private static func office(_ row: Row) throws -> Office {
        let row = NamedRow<OfficeColumn>(row)
        let municipalities = row.text(.municipalities).split(separator: "\n").map(String.init)
        return Office(id: row.int64(.id), code: row.text(.code), name: row.text(.name), municipalities: municipalities)
    }

    /// Every office, by code. Office names and codes are the site's, not clients' data: anyone
    /// registered may read them.
    package func offices() throws -> [Office] {
        try read { try database.query("SELECT \(Store.officeSelection) FROM offices ORDER BY code", [], Store.office) }
    }

    package func office(code: String) throws -> Office? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.officeSelection) FROM offices WHERE code = ?", [code.uppercased()], Store.office)
        }
    }

    package func office(id: Office.ID) throws -> Office? {
        try read {
            try database.queryFirst("SELECT \(Store.officeSelection) FROM offices WHERE id = ?", [id], Store.office)
        }
    }

    /// The office a client belongs to.
    func office(ofClient clientID: Client.ID) throws -> Office? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.officeSelection) FROM offices WHERE id = (SELECT office_id FROM clients WHERE id = ?)",
                [clientID], Store.office)
        }
    }

    /// Adds an office (admins).
    @discardableResult
    package func addOffice(code: String, name: String, municipalities: [String], actor: Staff.ID) throws -> Office {
        let code = code.uppercased()
        if let problem = Office.validate(code: code) ?? Office.validate(name: name) {
            throw StoreError.invalidInput(problem)
        }
        let municipalities = try Store.checkedMunicipalities(municipalities)
        return try write {
            try require(.manageOffices, by: actor)
            if try database.scalar("SELECT 1 FROM offices WHERE code = ?", [code]) != nil {
                throw StoreError.invalidInput(
                    tr("There is already an office {code}; choose another code.", ["code": code]))
            }
            try database.execute(
                "INSERT INTO offices (code, name, municipalities, created_at) VALUES (?, ?, ?, ?)",
                [code, trimmed(name), municipalities.joined(separator: "\n"), clock.now])
            let id = database.lastInsertRowID
            try audit(.office, id: id, clientID: nil, field: .name, old: nil, new: trimmed(name), actor: actor)
            return Office(id: id, code: code, name: trimmed(name), municipalities: municipalities)
        }
    }

    /// Renames an office (admins); its code stays.
    @discardableResult
    package func renameOffice(code: String, to name: String, actor: Staff.ID) throws -> Office {
        if let problem = Office.validate(name: name) { throw StoreError.invalidInput(problem) }
        return try write {
            try require(.manageOffices, by: actor)
            guard var office = try office(code: code) else { throw StoreError.unknownOffice(code) }
            try database.execute("UPDATE offices SET name = ? WHERE id = ?", [trimmed(name), office.id])
            try audit(
                .office, id: office.id, clientID: nil, field: .name, old: office.name, new: trimmed(name), actor: actor)
            office.name = trimmed(name)
            return office
        }
    }

    private static func checkedMunicipalities(_ names: [String]) throws -> [String] {
        let names = names.map(trimmed).filter { !$0.isEmpty }
        for name in names where name.count > 80 || name.unicodeScalars.contains(where: Sanitized.isForbidden) {
            throw StoreError.invalidInput(
                tr("A municipality's name has at most 80 characters and no control characters."))
        }
        return names
    }

    /// A staff member's offices and roles.
    package func memberships(of staffID: Staff.ID) throws -> [Membership] {
        try read {
            try database.query(
                "SELECT office_id, role FROM staff_offices WHERE staff_id = ? ORDER BY office_id", [staffID]
            ) { row in Membership(officeID: row.int64(0), role: try row.value(1, as: Role.self)) }
        }
    }

    /// The staff member as the policy sees them (read once per store).
    package func actor(_ id: Staff.ID) throws -> Actor {
        if let known = actors[id] { return known }
        guard let staff = try staff(id: id) else { throw StoreError.unknownStaff("#\(id)") }
        let actor = Actor(staff: staff, memberships: try memberships(of: id))
        actors[id] = actor
        return actor
    }

    /// Gives a staff member `role` in `office` (admins): a new membership, or a changed role.
    /// Their role of record (`Staff.role`) becomes the highest they hold anywhere.
    package func setMembership(staffID: Staff.ID, office: Office.ID, role: Role, actor: Staff.ID?) throws {
        try write {
            if let actor { try require(.manageStaff, by: actor) }
            let old = try database.queryFirst(
                "SELECT role FROM staff_offices WHERE staff_id = ? AND office_id = ?", [staffID, office]
            ) { try $0.value(0, as: Role.self) }
            if old == role { return }
            if old == .admin, role != .admin,
                try database.scalar(
                    "SELECT count(*) FROM staff_offices m JOIN staff s ON s.id = m.staff_id WHERE m.role = 'admin' AND s.active = 1"
                ) ?? 0 <= 1
            {
                throw StoreError.lastAdmin
            }
            try database.execute(
                "INSERT OR REPLACE INTO staff_offices (staff_id, office_id, role) VALUES (?, ?, ?)",
                [staffID, office, role])
            try database.execute(
                """
                UPDATE staff SET role = (SELECT CASE max(CASE role WHEN 'admin' THEN 3 WHEN 'supervisor' THEN 2 ELSE 1 END)
                    WHEN 3 THEN 'admin' WHEN 2 THEN 'supervisor' ELSE 'officer' END FROM staff_offices WHERE staff_id = ?)
                WHERE id = ?
                """, [staffID, staffID])
            try audit(
                .staff, id: staffID, clientID: nil, field: .office,
                old: old.map { AuditValue.officeRole(office: office, role: $0).stored },
                new: AuditValue.officeRole(office: office, role: role).stored, actor: actor ?? staffID)
            actors.removeAll()
        }
    }

    /// The staff of an office with their role there, by user name (for pick lists).
    package func staff(inOffice office: Office.ID) throws -> [(staff: Staff, role: Role)] {
        let all = try allStaff()
        let roles = try read {
            try database.query("SELECT staff_id, role FROM staff_offices WHERE office_id = ?", [office]) { row in
                (row.int64(0), try row.value(1, as: Role.self))
            }
        }
        let byID = Dictionary(roles, uniquingKeysWith: { first, _ in first })
        return all.compactMap { member in byID[member.id].map { (member, $0) } }
    }
}

extension Store {
    /// Refuses, with who may, unless `actor` may take the site-wide `action`.
    package func require(_ action: Action, by actor: Staff.ID) throws {
        let person = try self.actor(actor)
        guard person.may(action, policy: policy) else {
            throw StoreError.notAllowed(policy.refusal(action, officeName: nil))
        }
    }

    /// Refuses, with who may, unless `actor` may take `action` on the client `clientID`.
    package func require(_ action: Action, by actor: Staff.ID, client clientID: Client.ID) throws {
        let person = try self.actor(actor)
        let place = try read {
            try database.queryFirst("SELECT office_id, officer_id FROM clients WHERE id = ?", [clientID]) { row in
                (office: row.int64(0), officer: row.optionalInt64(1))
            }
        }
        // A client of an office the person does not belong to is, to them, no client at all.
        guard let place, person.role(in: place.office) != nil else {
            throw StoreError.notFound(tr("That client is not in any office you belong to."))
        }
        guard person.may(action, clientOffice: place.office, officer: place.officer, policy: policy) else {
            let name = try office(id: place.office)?.name
            throw StoreError.notAllowed(policy.refusal(action, officeName: name))
        }
    }

    /// Refuses, with who may, unless `actor` may take `action` on clients of `office`.
    package func require(_ action: Action, by actor: Staff.ID, office: Office.ID) throws {
        let person = try self.actor(actor)
        guard person.scope(action, in: office, policy: policy) >= .office else {
            throw StoreError.notAllowed(policy.refusal(action, officeName: try self.office(id: office)?.name))
        }
    }
}

extension Store {
    /// The client a row of `table` (contracts, obligations, qualifications, notes) belongs to,
    /// for the policy's check; refused as not found when there is no such row.
    func client(of table: String, id: Int64) throws -> Client.ID {
        guard let client = try database.scalar("SELECT client_id FROM \(table) WHERE id = ?", [id]) else {
            throw StoreError.notFound(tr("That record no longer exists."))
        }
        return client
    }
}

extension Store {
    /// The office `code` names among those where `actor` may take `action` over every client,
    /// else the only such office; with several and no code, `several` (given their codes,
    /// sorted) says how to choose. The import's office and a new partner's office.
    func chosenOffice(
        code: String?, for action: Action, actor: Staff.ID, several: (_ codes: String) -> String
    ) throws -> Office {
        let allowed = try self.actor(actor).offices(for: action, policy: policy).whole
        if let code {
            guard let office = try office(code: code) else { throw StoreError.unknownOffice(code) }
            guard allowed.contains(office.id) else {
                throw StoreError.notAllowed(policy.refusal(action, officeName: office.name))
            }
            return office
        }
        let offices = try allowed.compactMap { try office(id: $0) }
        guard let first = offices.first else { throw StoreError.notAllowed(policy.refusal(action, officeName: nil)) }
        guard offices.count == 1 else {
            throw StoreError.invalidInput(several(offices.map(\.code).sorted().joined(separator: ", ")))
        }
        return first
    }
}
