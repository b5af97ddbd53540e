import CasebookL10n

/// What a staff member may do. Officers work their caseload; supervisors also read the
/// dashboard; admins also manage staff.
package enum Role: String, CaseIterable, Sendable, CustomStringConvertible {
    case officer
    case supervisor
    case admin

    package var description: String { rawValue }

    /// Supervisors and admins see caseload dashboards and reports.
    package var seesDashboard: Bool { self != .officer }

    package init(parsing text: String) throws(RoleError) {
        guard let role = Role(rawValue: text.lowercased()) else { throw RoleError.unknown(text) }
        self = role
    }
}

package enum RoleError: Error, Equatable, CustomStringConvertible {
    case unknown(String)

    package var description: String {
        tr("\"{text}\" is not a role; use officer, supervisor or admin.", ["text": Sanitized.inline(unknownText)])
    }

    private var unknownText: String {
        switch self { case .unknown(let text): return text }
    }
}

/// A person who works in Casebook, identified by their operating-system user name.
package struct Staff: Hashable, Sendable, Identifiable {
    package typealias ID = Int64
    package var id: ID
    /// The operating-system login, e.g. `akarlsen`.
    package var username: String
    package var displayName: String
    package var role: Role
    package var isActive: Bool

    package init(id: ID, username: String, displayName: String, role: Role, isActive: Bool = true) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.isActive = isActive
    }

    /// A login name: lower-case letters, digits, `.`, `_` and `-`, starting with a letter or `_`,
    /// at most 32 characters (the rule of POSIX user names as Debian applies it).
    package static func validate(username: String) -> String? {
        let scalars = Array(username.unicodeScalars)
        guard !scalars.isEmpty else { return tr("A user name is required.") }
        guard scalars.count <= 32 else { return tr("A user name has at most 32 characters.") }
        let allowed = scalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
        let first = scalars[0]
        guard allowed, ("a"..."z").contains(first) || first == "_" else {
            return tr("A user name uses lower-case letters, digits, '.', '_' and '-', and starts with a letter.")
        }
        return nil
    }
}
