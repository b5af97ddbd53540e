import CasebookCore
import CasebookL10n

/// An office as the offices screen lists it: how many clients it holds, for those who may see
/// its list, and the role the viewer holds there.
package struct OfficeSummary: Hashable, Sendable {
    package var office: Office
    /// Nil where the viewer may not see the office's clients.
    package var clients: Int?
    /// Nil where the viewer holds no role.
    package var role: Role?
}

/// The offices screen's forms: Core drafts, validated again here, with refusals that name the
/// field they concern.
extension Store {
    /// The offices the person belongs to; for those who manage offices, every office (an office
    /// just added has no staff yet).
    package func officeSummaries(by actor: Staff.ID) throws -> [OfficeSummary] {
        try require(.seeList, by: actor)
        let person = try self.actor(actor)
        let managesAll = person.may(.manageOffices, policy: policy)
        return try offices().compactMap { office in
            let role = person.role(in: office.id)
            guard role != nil || managesAll else { return nil }
            var count: Int?
            if person.scope(.seeList, in: office.id, policy: policy) >= .office {
                count = try read {
                    try database.scalar("SELECT count(*) FROM clients WHERE office_id = ?", [office.id]).map(Int.init)
                }
            }
            return OfficeSummary(office: office, clients: count, role: role)
        }
    }

    /// Adds the office the draft describes (admins); a code already taken is refused beside it.
    @discardableResult
    package func addOffice(_ draft: OfficeDraft, actor: Staff.ID) throws -> Office {
        let office = try checked { try draft.validated() }
        return try write {
            try require(.manageOffices, by: actor)
            if try database.scalar("SELECT 1 FROM offices WHERE code = ?", [office.code]) != nil {
                throw StoreError.invalid(
                    ValidationFailure<OfficeDraft.Field>(
                        .code, tr("There is already an office {code}; choose another code.", ["code": office.code])))
            }
            return try addOffice(
                code: office.code, name: office.name, municipalities: office.municipalities, actor: actor)
        }
    }

    /// Gives office `id` the draft's name (admins); its code stays.
    @discardableResult
    package func renameOffice(_ id: Office.ID, _ draft: OfficeDraft, actor: Staff.ID) throws -> Office {
        let named = try checked { try draft.validated() }
        return try write {
            try require(.manageOffices, by: actor)
            guard let office = try office(id: id) else { throw StoreError.unknownOffice("#\(id)") }
            return try renameOffice(code: office.code, to: named.name, actor: actor)
        }
    }

    /// Gives the draft's person the draft's role in `office` (admins): someone new to Casebook is
    /// registered with it, someone known gets a new or changed role there. The last admin's
    /// role is refused beside the role field.
    @discardableResult
    package func saveMembership(_ draft: MembershipDraft, office: Office.ID, actor: Staff.ID) throws -> Staff {
        let member = try checked { try draft.validated() }
        return try write {
            try require(.manageStaff, by: actor)
            guard try self.office(id: office) != nil else { throw StoreError.unknownOffice("#\(office)") }
            guard let known = try staff(username: member.username) else {
                return try addStaff(
                    username: member.username, displayName: member.displayName, role: member.role, office: office,
                    actor: actor)
            }
            do {
                try setMembership(staffID: known.id, office: office, role: member.role, actor: actor)
            } catch StoreError.lastAdmin {
                throw StoreError.invalid(
                    ValidationFailure<MembershipDraft.Field>(.role, StoreError.lastAdmin.description))
            }
            return try staff(id: known.id) ?? known
        }
    }

    /// Proposes the draft's transfer of `client` (a supervisor of the client's office).
    @discardableResult
    package func proposeTransfer(client: Client.ID, _ draft: TransferDraft, by actor: Staff.ID) throws -> Int64 {
        // Who may not transfer the client learns nothing of where they are.
        try require(.transfer, by: actor, client: client)
        let from = try read { try database.scalar("SELECT office_id FROM clients WHERE id = ?", [client]) } ?? 0
        let transfer = try checked { try draft.validated(from: from) }
        return try proposeTransfer(client: client, to: transfer.office, reason: transfer.reason, by: actor)
    }
}

extension Store {
    /// The office of each of `clientIDs` that `viewer` may see in the list (ids only: for the
    /// list's office column); a client they may not see has none.
    package func officeIDs(ofClients clientIDs: [Client.ID], by viewer: Staff.ID) throws -> [Client.ID: Office.ID] {
        guard !clientIDs.isEmpty else { return [:] }
        let (whole, ownOnly) = try actor(viewer).offices(for: .seeList, policy: policy)
        guard !whole.isEmpty || !ownOnly.isEmpty else { return [:] }
        return try read {
            var offices: [Client.ID: Office.ID] = [:]
            try database.forEach(
                """
                SELECT id, office_id FROM clients WHERE id IN \(IDList.sql)
                    AND (office_id IN \(IDList.sql) OR (office_id IN \(IDList.sql) AND officer_id = ?))
                """, [IDList(clientIDs), IDList(whole), IDList(ownOnly), viewer]
            ) { row in offices[row.int64(0)] = row.int64(1) }
            return offices
        }
    }
}
