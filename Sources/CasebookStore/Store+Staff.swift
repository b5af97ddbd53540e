import CasebookCore

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

    /// Registers a staff member. `actor` is nil only for the first admin of a new file.
    @discardableResult
    package func addStaff(username: String, displayName: String, role: Role, actor: Staff.ID?) throws -> Staff {
        if let problem = Staff.validate(username: username) { throw StoreError.invalidInput(problem) }
        let name = trimmed(displayName).isEmpty ? username : trimmed(displayName)
        if name.unicodeScalars.contains(where: Sanitized.isForbidden) || name.count > 100 {
            throw StoreError.invalidInput("A display name has at most 100 characters and no control characters.")
        }
        return try write {
            if try database.scalar("SELECT 1 FROM staff WHERE username = ?", [username]) != nil {
                throw StoreError.duplicateUsername(username)
            }
            try database.execute(
                "INSERT INTO staff (username, display_name, role, created_at) VALUES (?, ?, ?, ?)",
                [username, name, role, clock.now])
            let id = database.lastInsertRowID
            try audit(.staff, id: id, clientID: nil, field: .role, old: nil, new: role.rawValue, actor: actor ?? id)
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

    /// Changes a staff member's role; the last admin cannot be demoted.
    @discardableResult
    package func setRole(username: String, role: Role, actor: Staff.ID) throws -> Staff {
        try write {
            guard let current = try staff(username: username) else { throw StoreError.unknownStaff(username) }
            if current.role == role { return current }
            if current.role == .admin,
                try database.scalar("SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1") ?? 0 <= 1
            {
                throw StoreError.lastAdmin
            }
            try database.execute("UPDATE staff SET role = ? WHERE id = ?", [role, current.id])
            try audit(
                .staff, id: current.id, clientID: nil, field: .role, old: current.role.rawValue, new: role.rawValue,
                actor: actor)
            var changed = current
            changed.role = role
            return changed
        }
    }
}
