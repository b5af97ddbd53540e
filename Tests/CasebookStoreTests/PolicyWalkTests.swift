import CasebookCore
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookStore

/// Two offices, Nordby (the file's first office, renamed) and Sørby, each with an officer, a
/// supervisor and an admin, and a client each.
struct TwoOffices {
    let f: Fixture
    var store: Store { f.store }
    let nordby: Office
    let sorby: Office
    /// Nordby's staff by role, then Sørby's.
    let nordbyStaff: [Role: Staff]
    let sorbyStaff: [Role: Staff]
    let nordbyClient: Client
    let sorbyClient: Client

    init() throws {
        f = try Fixture()
        let store = f.store
        nordby = try store.renameOffice(code: "MAIN", to: "Nordby", actor: f.admin.id)
        sorby = try store.addOffice(code: "SOR", name: "Sørby", municipalities: ["Sørby"], actor: f.admin.id)
        let supervisor = try store.addStaff(
            username: "snord", displayName: "Siri Nord", role: .supervisor, office: nordby.id, actor: f.admin.id)
        nordbyStaff = [.officer: f.officer, .supervisor: supervisor, .admin: f.admin]
        var sorbyStaff: [Role: Staff] = [:]
        for role in Role.allCases {
            sorbyStaff[role] = try store.addStaff(
                username: "s\(role.rawValue)", displayName: "Sørby \(role)", role: role, office: sorby.id,
                actor: f.admin.id)
        }
        self.sorbyStaff = sorbyStaff
        nordbyClient = try store.addClient(
            Fixture.draft("Haddad", "Rasha", number: 1, officer: f.officer.id), office: nordby.id,
            actor: f.officer.id)
        sorbyClient = try store.addClient(
            Fixture.draft("Nordqvist", "Amal", number: 2, officer: sorbyStaff[.officer]?.id), office: sorby.id,
            actor: sorbyStaff[.officer]?.id ?? 0)
    }

    func staff(_ office: Office, _ role: Role) throws -> Staff {
        try #require((office.id == nordby.id ? nordbyStaff : sorbyStaff)[role])
    }
}

/// One Store entry point over one client, as the walk calls it, and the action it takes.
struct EntryPoint: CustomTestStringConvertible, Sendable {
    let name: String
    let action: Action
    let call: @Sendable (TwoOffices, Staff.ID, Client) throws -> Void

    var testDescription: String { name }

    /// Every entry point that reads or writes one client, called as a screen or command would.
    static let clientEntryPoints: [EntryPoint] = [
        EntryPoint(name: "openRecord", action: .openRecord) { o, actor, client in
            _ = try o.store.openRecord(client.id, by: actor)
        },
        EntryPoint(name: "updateClient", action: .editIdentity) { o, actor, client in
            var draft = ClientDraft(client)
            draft.values[.phone] = "+47 222 22 222"
            _ = try o.store.updateClient(id: client.id, with: draft, expectedVersion: client.version, actor: actor)
        },
        EntryPoint(name: "changePhase", action: .changePhase) { o, actor, client in
            _ = try o.store.changePhase(
                clientID: client.id, PhaseChangeDraft(to: .eligibilityCheck, on: testDay),
                expectedVersion: client.version, actor: actor)
        },
        EntryPoint(name: "addNote", action: .recordTrack) { o, actor, client in
            _ = try o.store.addNote(clientID: client.id, NoteDraft(date: testDay, summary: "Met"), actor: actor)
        },
        EntryPoint(name: "accessLog", action: .seeAccessLog) { o, actor, client in
            _ = try o.store.accessLog(clientID: client.id, by: actor)
        },
        EntryPoint(name: "proposeTransfer", action: .transfer) { o, actor, client in
            let other = client.id == o.nordbyClient.id ? o.sorby : o.nordby
            _ = try o.store.proposeTransfer(client: client.id, to: other.id, reason: "Moved house", by: actor)
        },
        EntryPoint(name: "moveClients", action: .moveCaseload) { o, actor, client in
            // To a colleague in the client's own office.
            let office = client.id == o.nordbyClient.id ? o.nordby : o.sorby
            let colleague = try o.staff(office, .supervisor)
            _ = try o.store.moveClients([client.id], to: colleague.id, by: actor)
        },
        EntryPoint(name: "clientList.page", action: .seeList) { o, actor, client in
            let page = try o.store.clientList.page(ClientFilter(viewer: actor), sort: .name, limit: 50)
            if !page.contains(where: { $0.id == client.id }) { throw StoreError.notAllowed("not in the list") }
        },
    ]
}

/// True when `body` was refused by the policy (or the client was hidden as not found);
/// false when the policy let it through, whatever happened after.
func refusedByPolicy(_ body: () throws -> Void) -> Bool {
    do {
        try body()
        return false
    } catch StoreError.notAllowed {
        return true
    } catch StoreError.notFound {
        return true
    } catch {
        return false
    }
}

@Suite struct PolicyWalkTests {
    /// Every entry point × every role of each office × a client of each office, against the table.
    @Test(arguments: EntryPoint.clientEntryPoints)
    func everyEntryPointAsksThePolicy(entry: EntryPoint) throws {
        for office in [\TwoOffices.nordby, \TwoOffices.sorby] {
            for role in Role.allCases {
                for target in [\TwoOffices.nordbyClient, \TwoOffices.sorbyClient] {
                    // A fresh pair of offices each time: an allowed write must not change the next case.
                    let o = try TwoOffices()
                    let actor = try o.staff(o[keyPath: office], role)
                    let client = o[keyPath: target]
                    let sameOffice = (client.id == o.nordbyClient.id) == (o[keyPath: office].id == o.nordby.id)
                    let allowed = sameOffice && o.store.policy.scope(entry.action, role) >= .office
                    let refused = refusedByPolicy { try entry.call(o, actor.id, client) }
                    #expect(
                        refused == !allowed,
                        "\(entry.name) by \(role) of \(o[keyPath: office].code) on \(client.caseNumber.text)")
                }
            }
        }
    }

    @Test func aSiteThatNarrowsToOwnCaseloadIsHeldToIt() throws {
        let o = try TwoOffices()
        o.store.policy = try #require(Policy.defaults.narrowed(.editIdentity, .officer, to: .ownCaseload))
        let colleague = try o.store.addStaff(
            username: "oother", displayName: "Other", role: .officer, office: o.nordby.id, actor: o.f.admin.id)
        let update = EntryPoint.clientEntryPoints[1]
        #expect(!refusedByPolicy { try update.call(o, o.f.officer.id, o.nordbyClient) })
        let fresh = try #require(try o.store.client(id: o.nordbyClient.id))
        #expect(refusedByPolicy { try update.call(o, colleague.id, fresh) })
        #expect {
            try update.call(o, colleague.id, fresh)
        } throws: {
            ($0 as? StoreError)?.description
                == "Only officers, supervisors and admins of Nordby may edit a client's identity."
        }
    }

    @Test func aRefusalSaysWhoMayInTheOffice() throws {
        let o = try TwoOffices()
        #expect {
            _ = try o.store.moveClients([o.nordbyClient.id], to: o.f.admin.id, by: o.f.officer.id)
        } throws: { ($0 as? StoreError)?.description == "Only supervisors of Nordby may move caseloads." }
    }

    @Test func aNameOnlyInAnotherOfficeFindsNothing() throws {
        let o = try TwoOffices()
        let officer = try o.staff(o.nordby, .officer)
        let search = ClientFilter(search: "Nordqvist", viewer: officer.id)
        #expect(try o.store.clientList.count(search).value == 0)
        #expect(try o.store.clientList.page(search, sort: .name, limit: 50).isEmpty)
        let byNumber = ClientFilter(search: o.sorbyClient.caseNumber.text, viewer: officer.id)
        #expect(try o.store.clientList.count(byNumber).value == 0)
        let theirs = ClientFilter(search: "Nordqvist", viewer: try o.staff(o.sorby, .officer).id)
        #expect(try o.store.clientList.count(theirs).value == 1)
        #expect(try o.store.clientList.count(ClientFilter(viewer: officer.id)).value == 1)
    }

    @Test func theOfficeListWalksTheOfficesIndex() throws {
        let o = try TwoOffices()
        let officer = try o.staff(o.nordby, .officer)
        for sort in ClientSort.allCases {
            let plan = try o.store.clientList.plan(ClientFilter(viewer: officer.id), sort: sort)
            #expect(plan.contains { $0.contains("clients_by_office") }, "\(sort): \(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(sort): \(plan)")
        }
    }

    @Test func openPrintAndExportAreInTheReadLog() throws {
        let o = try TwoOffices()
        let supervisor = try o.staff(o.nordby, .supervisor)
        _ = try o.store.openRecord(o.nordbyClient.id, by: o.f.officer.id)
        try o.store.logRead(.contract, clients: [o.nordbyClient.id], by: supervisor.id)
        try o.store.logRead(.export, clients: [o.nordbyClient.id], by: supervisor.id)
        let entries = try o.store.accessLog(clientID: o.nordbyClient.id, by: supervisor.id)
        #expect(entries.map(\.kind) == [.export, .contract, .record])
        #expect(entries.map(\.staff) == ["snord", "snord", "okarlsen"])
        #expect(try o.store.verifyReadLog().isIntact)
        #expect(try o.store.verifyReadLog().rows == 3)
        // Officers do not see it; and nobody rewrites it.
        #expect(refusedByPolicy { _ = try o.store.accessLog(clientID: o.nordbyClient.id, by: o.f.officer.id) })
        #expect(throws: (any Error).self) { try o.store.database.executeScript("UPDATE read_log SET staff_id = 1") }
        #expect(throws: (any Error).self) { try o.store.database.executeScript("DELETE FROM read_log") }
    }

    @Test func aTransferFromProposalToAcceptance() throws {
        let o = try TwoOffices()
        let sender = try o.staff(o.nordby, .supervisor)
        let receiver = try o.staff(o.sorby, .supervisor)
        let id = try o.store.proposeTransfer(client: o.nordbyClient.id, to: o.sorby.id, reason: "Moved", by: sender.id)
        #expect(try o.store.pendingTransfers(for: sender.id).map(\.id) == [id])
        #expect(try o.store.pendingTransfers(for: receiver.id).map(\.id) == [id])
        // The sending office cannot decide for the receiving one.
        #expect(refusedByPolicy { try o.store.decideTransfer(id, accept: true, by: sender.id) })
        try o.store.decideTransfer(id, accept: true, by: receiver.id)
        #expect(try o.store.pendingTransfers(for: receiver.id).isEmpty)
        #expect(refusedByPolicy { _ = try o.store.openRecord(o.nordbyClient.id, by: o.f.officer.id) })
        #expect(
            !refusedByPolicy { _ = try o.store.openRecord(o.nordbyClient.id, by: try o.staff(o.sorby, .officer).id) })
        #expect(try o.store.clientList.count(ClientFilter(viewer: o.f.officer.id)).value == 0)
        // Its history stays with it.
        #expect(try o.store.auditTrail(clientID: o.nordbyClient.id).contains { $0.staff == "okarlsen" })
    }

    @Test func aDeclinedTransferLeavesTheClientWhereTheyWere() throws {
        let o = try TwoOffices()
        let sender = try o.staff(o.nordby, .supervisor)
        let id = try o.store.proposeTransfer(client: o.nordbyClient.id, to: o.sorby.id, reason: "Moved", by: sender.id)
        try o.store.decideTransfer(id, accept: false, by: try o.staff(o.sorby, .supervisor).id)
        #expect(try o.store.pendingTransfers(for: sender.id).isEmpty)
        #expect(!refusedByPolicy { _ = try o.store.openRecord(o.nordbyClient.id, by: o.f.officer.id) })
        #expect(throws: StoreError.self) {
            try o.store.decideTransfer(id, accept: true, by: try o.staff(o.sorby, .supervisor).id)
        }
    }

    @Test func aCaseloadMovesInOneTransactionWithAnAuditRowEach() throws {
        let o = try TwoOffices()
        let supervisor = try o.staff(o.nordby, .supervisor)
        _ = try o.f.add("Karimi", "Omid", number: 3, officer: o.f.officer.id)
        let caseload = try o.store.caseload(of: o.f.officer.id, office: nil, phase: nil, by: supervisor.id)
        #expect(caseload.count == 2)
        #expect(try o.store.moveClients(caseload.map(\.id), to: supervisor.id, by: supervisor.id) == 2)
        for client in caseload {
            #expect(try o.store.auditTrail(clientID: client.id).first?.field == "officer")
        }
        // Not to someone of another office: nothing moves.
        let back = try o.store.caseload(of: supervisor.id, office: nil, phase: nil, by: supervisor.id)
        #expect(throws: StoreError.self) {
            _ = try o.store.moveClients(back.map(\.id), to: try o.staff(o.sorby, .officer).id, by: supervisor.id)
        }
        #expect(try o.store.caseload(of: supervisor.id, office: nil, phase: nil, by: supervisor.id).count == 2)
    }
}

/// The Store's entry points, held against its sources: a `package func` added to a
/// `Store+*.swift` file fails this test until it is listed here with the policy's action it
/// takes, or with why the policy has nothing to say about it.
@Suite struct EntryPointRegistryTests {
    /// Entry points that check the policy, by the action they take.
    static let checked: [String: Action] = [
        "openRecord": .openRecord, "updateClient": .editIdentity, "addClient": .registerClient,
        "changePhase": .changePhase, "enrol": .changePhase,
        "setCivicRequirement": .recordTrack, "attestCivic": .recordTrack, "addCivicSession": .recordTrack,
        "addCivicTest": .recordTrack, "addAssessment": .recordTrack, "setTargetOverride": .recordTrack,
        "addCourse": .recordTrack, "addAttendance": .recordTrack, "addNote": .recordTrack,
        "completeFollowUp": .recordTrack, "addQualification": .recordTrack, "stepQualification": .recordTrack,
        "draftContract": .manageContract, "addObligation": .manageContract, "editObligation": .manageContract,
        "removeObligation": .manageContract, "signContract": .manageContract, "reviewContract": .manageContract,
        "amendContract": .manageContract, "endContract": .manageContract, "settleObligation": .manageContract,
        "accessLog": .seeAccessLog, "maySeeAccessLog": .seeAccessLog, "caseload": .moveCaseload,
        "moveClients": .moveCaseload, "proposeTransfer": .transfer, "decideTransfer": .transfer,
        "pendingTransfers": .transfer, "addOffice": .manageOffices, "renameOffice": .manageOffices,
        "setMembership": .manageStaff, "addStaff": .manageStaff, "setRole": .manageStaff,
        "importProgramme": .importProgrammes,
        "exportClients": .export, "importClients": .importClients, "undoImport": .importClients,
        "planImport": .importClients, "importOffice": .importClients, "planRecordImport": .importClients,
        "importRecords": .importClients,
        "saveIntake": .recordTrack, "addWorkExperience": .recordTrack, "recordOutcome": .recordTrack,
        "addActivity": .recordTrack, "addPartner": .managePartners, "updatePartner": .managePartners, "importShippedProgramme": .importProgrammes,
        "partners": .seePartners, "clientPartners": .openRecord, "partnerOffices": .managePartners,
        "partnerOffice": .managePartners,
        "officeSummaries": .seeList, "saveMembership": .manageStaff,
        "retentionCandidates": .seeRetention,
        "worklist": .openRecord,
    ]

    /// Entry points the policy does not guard, and why.
    static let unguarded: [String: String] = [
        // The policy itself and the read log's own door.
        "require": "the policy's check", "actor": "the policy's view of a person",
        "memberships": "offices and roles are staff data", "logRead": "appends ids only, called after a check",
        "verifyReadLog": "hashes only, no client data", "onlyOffice": "names the site's only office",
        // Staff, offices and programmes are the site's data, not clients'.
        "offices": "site data", "office": "site data", "allStaff": "staff data", "staff": "staff data",
        "bootstrapAdmin": "only on a file with no staff", "programmes": "site data", "programme": "site data",
        "programmeVersions": "site data", "latestProgramme": "site data",
    ]

    /// `package func` names of the Store's extensions, read from its sources.
    static func storeEntryPoints() throws -> Set<String> {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/CasebookStore").standardized
        var names = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where file.hasPrefix("Store+") && file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let range = line.range(of: "package func ") else { continue }
                names.insert(String(line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }))
            }
        }
        return names
    }

    @Test func everyEntryPointThatTakesAnActorHasAnAction() throws {
        let names = try EntryPointRegistryTests.storeEntryPoints()
        #expect(names.count > 40)
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/CasebookStore").standardized
        for file in try FileManager.default.contentsOfDirectory(atPath: sources.path)
        where file.hasPrefix("Store+") && file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            // A signature that takes the acting staff member must ask the policy.
            for part in text.components(separatedBy: "package func ").dropFirst() {
                let signature = part.prefix { $0 != "{" }
                guard signature.contains("actor: Staff.ID") || signature.contains("by actor") else { continue }
                let name = String(part.prefix { $0.isLetter || $0.isNumber })
                #expect(
                    EntryPointRegistryTests.checked[name] != nil || EntryPointRegistryTests.unguarded[name] != nil,
                    "\(file): \(name) takes the acting staff member but has no entry in the policy's registry")
            }
        }
    }

    @Test func everyCheckedEntryPointStillExists() throws {
        let names = try EntryPointRegistryTests.storeEntryPoints()
        for name in EntryPointRegistryTests.checked.keys {
            #expect(names.contains(name), "\(name) is in the registry but no longer in the Store")
        }
    }
}

/// Takes a file back to schema 7: no offices, read log or transfers (migration 8 undone).
let undoOfficesOfSchemaEight = """
    DROP TABLE transfers;
    DROP TABLE read_log;
    DROP INDEX clients_by_office_name;
    DROP INDEX clients_by_office_arrival;
    DROP INDEX clients_by_office_case;
    DROP TRIGGER clients_office_exists_insert;
    DROP TRIGGER clients_office_exists_update;
    ALTER TABLE clients DROP COLUMN office_id;
    DROP TABLE staff_offices;
    DROP TABLE offices;
    """
