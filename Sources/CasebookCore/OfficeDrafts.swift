import CasebookL10n

/// A new office, or a new name for one: what the offices screen's form edits. The code is fixed
/// once the office exists (commands and files name it), so a rename keeps it.
package struct OfficeDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case code, name, municipalities

        package var characterLimit: Int? {
            switch self {
            case .code: return 12
            case .name: return 80
            case .municipalities: return 2000
            }
        }
    }

    package var code: String = ""
    package var name: String = ""
    /// The municipalities it serves, as typed: separated by commas.
    package var municipalities: String = ""

    package init(code: String = "", name: String = "", municipalities: String = "") {
        self.code = code
        self.name = name
        self.municipalities = municipalities
    }

    package init(_ office: Office) {
        self.init(code: office.code, name: office.name, municipalities: office.municipalities.joined(separator: ", "))
    }

    package var requiredFields: Set<Field> { [.code, .name] }

    /// The office as it would be stored: the code in capitals, the municipalities one by one.
    @discardableResult
    package func validated() throws(ValidationFailure<Field>) -> (code: String, name: String, municipalities: [String])
    {
        var issues = FieldIssues<Field>()
        let code = trimmed(code).uppercased()
        if code.isEmpty {
            issues.add(.code, tr("A short code for commands, e.g. NORD."))
        } else if let problem = Office.validate(code: code) {
            issues.add(.code, problem)
        }
        let name = issues.text(name, .name, required: tr("The office's name as staff read it."))
        if !issues.has(.name), let problem = Office.validate(name: name) { issues.add(.name, problem) }
        let text = issues.text(municipalities, .municipalities)
        let names = text.split(separator: ",").map { trimmed(String($0)) }.filter { !$0.isEmpty }
        if names.contains(where: { $0.count > 80 }) {
            issues.add(.municipalities, tr("A municipality's name has at most 80 characters; separate them by commas."))
        }
        guard issues.isEmpty else { throw issues.failure }
        return (code, name, names)
    }
}

/// A staff member's place in one office: who (an existing user name, or a new one with the
/// name colleagues read) and the role they hold there.
package struct MembershipDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case username, displayName = "display_name", role

        package var characterLimit: Int? {
            switch self {
            case .username: return 32
            case .displayName: return 100
            case .role: return nil
            }
        }
    }

    package var username: String = ""
    /// Only for someone new to Casebook; empty means the user name.
    package var displayName: String = ""
    package var role: Role?

    package init(username: String = "", displayName: String = "", role: Role? = nil) {
        self.username = username
        self.displayName = displayName
        self.role = role
    }

    package var requiredFields: Set<Field> { [.username, .role] }

    @discardableResult
    package func validated() throws(ValidationFailure<Field>) -> (username: String, displayName: String, role: Role) {
        var issues = FieldIssues<Field>()
        let username = trimmed(username)
        if let problem = Staff.validate(username: username) { issues.add(.username, problem) }
        let displayName = issues.text(displayName, .displayName)
        let role = issues.require(role, .role, tr("Choose the role they hold in this office."))
        guard let role, issues.isEmpty else { throw issues.failure }
        return (username, displayName, role)
    }
}

/// A proposal to move a client to another office, with the reason the receiving office reads.
package struct TransferDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case office, reason

        package var characterLimit: Int? { self == .reason ? 500 : nil }
    }

    package var office: Office.ID?
    package var reason: String = ""

    package init(office: Office.ID? = nil, reason: String = "") {
        self.office = office
        self.reason = reason
    }

    package var requiredFields: Set<Field> { [.office, .reason] }

    /// - Parameter from: the client's office now, which cannot receive them.
    @discardableResult
    package func validated(from: Office.ID) throws(ValidationFailure<Field>) -> (office: Office.ID, reason: String) {
        var issues = FieldIssues<Field>()
        let office = issues.require(self.office, .office, tr("Choose the office that is to take the client."))
        if office == from { issues.add(.office, tr("The client already belongs to that office.")) }
        let reason = issues.text(reason, .reason, required: tr("Say why, for the receiving office."))
        guard let office, issues.isEmpty else { throw issues.failure }
        return (office, reason)
    }
}
