import CasebookL10n

/// A local office that runs the introduction programme for some municipalities. Every client
/// belongs to exactly one office; staff belong to one or more, with a role in each.
package struct Office: Hashable, Sendable, Identifiable {
    package typealias ID = Int64
    package var id: ID
    /// A short code for commands, e.g. `NORD`.
    package var code: String
    package var name: String
    /// The municipalities it serves, as written by the site.
    package var municipalities: [String]

    package init(id: ID, code: String, name: String, municipalities: [String] = []) {
        self.id = id
        self.code = code
        self.name = name
        self.municipalities = municipalities
    }

    /// An office code: 2 to 12 upper-case ASCII letters, digits or `-`, starting with a letter.
    package static func validate(code: String) -> String? {
        let scalars = Array(code.unicodeScalars)
        let allowed = scalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard (2...12).contains(scalars.count), allowed, let first = scalars.first, ("A"..."Z").contains(first) else {
            return tr("An office code has 2 to 12 capital letters, digits or '-', and starts with a letter, e.g. NORD.")
        }
        return nil
    }

    /// An office name: 1 to 80 characters without control characters.
    package static func validate(name: String) -> String? {
        let name = trimmed(name)
        if name.isEmpty || name.count > 80 || name.unicodeScalars.contains(where: Sanitized.isForbidden) {
            return tr("An office name has 1 to 80 characters and no control characters.")
        }
        return nil
    }
}

/// A staff member's place in one office: the role they hold there.
package struct Membership: Hashable, Sendable {
    package var officeID: Office.ID
    package var role: Role

    package init(officeID: Office.ID, role: Role) {
        self.officeID = officeID
        self.role = role
    }
}
