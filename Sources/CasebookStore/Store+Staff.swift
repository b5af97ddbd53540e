import CasebookCore
import CasebookL10n

extension Store {
    private enum StaffColumn: Int32, ColumnSet {
        case id, username, displayName, role, active
    }

    private static let staffSelection = StaffColumn.selection()

    private static func staff(_ row: Row) throws -> Staff {
        let row = NamedRow<StaffColumn>(row)
        return Staff(
            id: row.int64(.id), username: row.text(.username), displayName: row.text(.displayName),
            role: try row.value(.role, as: Role.self), isActive: row.bool(.active))
    }

    package func allStaff() throws -> [Staff] {
        try read {
            try database.query("SELECT \(Store.staffSelection) FROM staff ORDER BY username", [], Store.staff)
        }
    }

    package func staff(username: String) throws -> Staff? {
        try read {
            try database.queryFirst(
                "SELECT \(Store.staffSelection) FROM staff WHERE username = ?", [username], Store.staff)
        }
    }

    package func staff(id: Staff.ID) throws -> Staff? {
        try read {
            try database.queryFirst("SELECT \(Store.staffSelection) FROM staff WHERE id = ?", [id], Store.staff)
        }
    }

    /// Registers a staff member with `role` in `office` (the only office when nil and there is
    /// one). `actor` is nil only for the first admin of a new file.
    @discardableResult
    package func addStaff(
        username: String, displayName: String, role: Role, office: Office.ID? = nil, actor: Staff.ID?
    ) throws -> Staff {
        if let problem = Staff.validate(username: username) { throw StoreError.invalidInput(problem) }
        let name = trimmed(displayName).isEmpty ? username : trimmed(displayName)
        if name.unicodeScalars.contains(where: Sanitized.isForbidden) || name.count > 100 {
            throw StoreError.invalidInput("A display name has at most 100 characters and no control characters.")
        }
        return try write {
            if let actor { try require(.manageStaff, by: actor) }
            let office = try office ?? onlyOffice()
            if try database.scalar("SELECT 1 FROM staff WHERE username = ?", [username]) != nil {
                throw StoreError.duplicateUsername(username)
            }
            try database.execute(
                "INSERT INTO staff (username, display_name, role, created_at) VALUES (?, ?, ?, ?)",
                [username, name, role, clock.now])
            let id = database.lastInsertRowID
            try audit(.staff, id: id, clientID: nil, field: .role, old: nil, new: role.rawValue, actor: actor ?? id)
            try database.execute(
                "INSERT INTO staff_offices (staff_id, office_id, role) VALUES (?, ?, ?)", [id, office, role])
            try audit(
                .staff, id: id, clientID: nil, field: .office, old: nil,
                new: AuditValue.officeRole(office: office, role: role).stored,
                actor: actor ?? id)
            return Staff(id: id, username: username, displayName: name, role: role)
        }
    }

    /// Makes `username` the first admin when the file has no staff yet; true if it did.
    @discardableResult
    package func bootstrapAdmin(username: String, displayName: String) throws -> Bool {
        try write {
            guard try database.scalar("SELECT count(*) FROM staff") == 0 else { return false }
            try addStaff(username: username, displayName: displayName, role: .admin, actor: nil)
            return true
        }
    }

    /// The office a command means when it names none: the only one there is.
    package func onlyOffice() throws -> Office.ID {
        let ids = try read { try database.query("SELECT id FROM offices ORDER BY id LIMIT 2", []) { $0.int64(0) } }
        guard ids.count == 1, let id = ids.first else {
            throw StoreError.invalidInput(tr("This database has several offices; name one with --office CODE."))
        }
        return id
    }

    /// Changes a staff member's role in every office they belong to; the last admin cannot be
    /// demoted. (`setMembership` sets the role in one office.)
    @discardableResult
    package func setRole(username: String, role: Role, actor: Staff.ID) throws -> Staff {
        try write {
            try require(.manageStaff, by: actor)
            guard let current = try staff(username: username) else { throw StoreError.unknownStaff(username) }
            if current.role == role { return current }
            if current.role == .admin,
                try database.scalar("SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1") ?? 0 <= 1
            {
                throw StoreError.lastAdmin
            }
            try database.execute("UPDATE staff SET role = ? WHERE id = ?", [role, current.id])
            try database.execute("UPDATE staff_offices SET role = ? WHERE staff_id = ?", [role, current.id])
            actors.removeAll()
            try audit(
                .staff, id: current.id, clientID: nil, field: .role, old: current.role.rawValue, new: role.rawValue,
                actor: actor)
            var changed = current
            changed.role = role
            return changed
        }
    }
}
