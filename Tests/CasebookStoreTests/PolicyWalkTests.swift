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
    /// The rows `row(_:of:)` made once, by client: a copy of a prepared file reads them.
    private(set) var rows: [Client.ID: [RowMade: Int64]] = [:]

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

    /// A copy of `template`'s file, with its offices, staff, clients and rows.
    init(copying template: TwoOffices) throws {
        f = try Fixture(copying: template.store.path, admin: template.f.admin, officer: template.f.officer)
        nordby = template.nordby
        sorby = template.sorby
        nordbyStaff = template.nordbyStaff
        sorbyStaff = template.sorbyStaff
        nordbyClient = template.nordbyClient
        sorbyClient = template.sorbyClient
        rows = template.rows
    }

    func staff(_ office: Office, _ role: Role) throws -> Staff {
        try #require((office.id == nordby.id ? nordbyStaff : sorbyStaff)[role])
    }
}

/// The walk's two starting files, each built once per test process and copied for every case:
/// a copy costs a fraction of building and migrating a new file (`swift test --filter
/// PolicyWalk`: PERFORMANCE.md has the suite's time before and after).
final class WalkTemplate: Sendable {
    /// Two offices, a client each, nothing else: where each write starts.
    static let plain = Result { try WalkTemplate(withRows: false) }
    /// The same with a contract, its obligation and a recognition file for each client: the
    /// reads share one copy of it per entry point, since no read changes what the next may do.
    static let withRows = Result { try WalkTemplate(withRows: true) }

    nonisolated(unsafe) let offices: TwoOffices

    private init(withRows: Bool) throws {
        var offices = try TwoOffices()
        if withRows { try offices.makeRows() }
        self.offices = offices
    }

    /// A fresh copy of the plain or the prepared file.
    static func copy(_ template: Result<WalkTemplate, any Error>) throws -> TwoOffices {
        try TwoOffices(copying: try template.get().offices)
    }
}

/// One Store entry point over one client, as the walk calls it, and the action it takes.
struct EntryPoint: CustomTestStringConvertible, Sendable {
    let name: String
    let action: Action
    /// Changes the file when allowed: each case of it starts from a fresh copy.
    var writes = false
    let call: @Sendable (TwoOffices, Staff.ID, Client) throws -> Void

    var testDescription: String { name }

    /// Every entry point that reads or writes one client, called as a screen or command would.
    static let clientEntryPoints: [EntryPoint] =
        [
            EntryPoint(name: "openRecord", action: .openRecord) { o, actor, client in
                _ = try o.store.openRecord(client.id, by: actor)
            },
            EntryPoint(name: "updateClient", action: .editIdentity, writes: true) { o, actor, client in
                var draft = ClientDraft(client)
                draft.values[.phone] = "+47 222 22 222"
                _ = try o.store.updateClient(id: client.id, with: draft, expectedVersion: client.version, actor: actor)
            },
            EntryPoint(name: "changePhase", action: .changePhase, writes: true) { o, actor, client in
                _ = try o.store.changePhase(
                    clientID: client.id, PhaseChangeDraft(to: .eligibilityCheck, on: testDay),
                    expectedVersion: client.version, actor: actor)
            },
            EntryPoint(name: "addNote", action: .recordTrack, writes: true) { o, actor, client in
                _ = try o.store.addNote(clientID: client.id, NoteDraft(date: testDay, summary: "Met"), actor: actor)
            },
            EntryPoint(name: "accessLog", action: .seeAccessLog) { o, actor, client in
                _ = try o.store.accessLog(clientID: client.id, by: actor)
            },
            EntryPoint(name: "proposeTransfer", action: .transfer, writes: true) { o, actor, client in
                let other = client.id == o.nordbyClient.id ? o.sorby : o.nordby
                _ = try o.store.proposeTransfer(client: client.id, to: other.id, reason: "Moved house", by: actor)
            },
            EntryPoint(name: "moveClients", action: .moveCaseload, writes: true) { o, actor, client in
                // To a colleague in the client's own office.
                let office = client.id == o.nordbyClient.id ? o.nordby : o.sorby
                let colleague = try o.staff(office, .supervisor)
                _ = try o.store.moveClients([client.id], to: colleague.id, by: actor)
            },
            EntryPoint(name: "clientList.page", action: .seeList) { o, actor, client in
                let page = try o.store.clientList.page(ClientFilter(viewer: actor), sort: .name, limit: 50)
                if !page.contains(where: { $0.id == client.id }) { throw StoreError.notAllowed("not in the list") }
            },
        ] + readEntryPoints

    /// A read of one client's record by `viewer`, as a tab or command makes it.
    static func read(_ name: String, _ body: @escaping @Sendable (Store, Client.ID, Staff.ID) throws -> Any?)
        -> EntryPoint
    {
        EntryPoint(name: name, action: .openRecord) { o, actor, client in _ = try body(o.store, client.id, actor) }
    }

    /// A read of a row of the client's contract or recognition file, made first by the client's
    /// own officer.
    static func readRow(
        _ name: String, _ made: RowMade, _ body: @escaping @Sendable (Store, Int64, Staff.ID) throws -> Any?
    ) -> EntryPoint {
        EntryPoint(name: name, action: .openRecord) { o, actor, client in
            _ = try body(o.store, try o.row(made, of: client), actor)
        }
    }

    /// Every read that returns one client's data: each asks the policy to open the record.
    static let readEntryPoints: [EntryPoint] = [
        read("client(id:)") { try $0.client(id: $1, by: $2) },
        EntryPoint(name: "client(caseNumber:)", action: .openRecord) { o, actor, client in
            // Nil, not a refusal: a number held elsewhere reads as a number never given.
            guard try o.store.client(caseNumber: client.caseNumber, by: actor) != nil else {
                throw StoreError.notFound("no such case number")
            }
        },
        read("office(ofClient:)") { try $0.office(ofClient: $1, by: $2) },
        read("phaseHistory") { try $0.phaseHistory(clientID: $1, by: $2) },
        read("enrolment") { try $0.enrolment(clientID: $1, by: $2) },
        read("programme(forClient:)") { try $0.programme(forClient: $1, by: $2) },
        read("appliedProgramme") { try $0.appliedProgramme(forClient: $1, by: $2) },
        read("auditTrail") { try $0.auditTrail(clientID: $1, by: $2) },
        read("recordStatus") { try $0.recordStatus(clientID: $1, by: $2) },
        read("flags") { try $0.flags(clientID: $1, by: $2) },
        read("assessments") { try $0.assessments(clientID: $1, by: $2) },
        read("targetOverrides") { try $0.targetOverrides(clientID: $1, by: $2) },
        read("languageStanding") { try $0.languageStanding(clientID: $1, by: $2) },
        read("courses") { try $0.courses(clientID: $1, by: $2) },
        read("attendance") { try $0.attendance(clientID: $1, by: $2) },
        read("qualifications") { try $0.qualifications(clientID: $1, by: $2) },
        read("civicProgress") { try $0.civicProgress(clientID: $1, by: $2) },
        read("civicSessions") { try $0.civicSessions(clientID: $1, by: $2) },
        read("notes") { try $0.notes(clientID: $1, by: $2) },
        read("intakeMapping") { try $0.intakeMapping(clientID: $1, by: $2) },
        read("workExperience") { try $0.workExperience(clientID: $1, by: $2) },
        read("profileSuggestion") { try $0.profileSuggestion(clientID: $1, by: $2) },
        read("activities") { try $0.activities(clientID: $1, by: $2) },
        read("exit") { try $0.exit(clientID: $1, by: $2) },
        read("outcomes") { try $0.outcomes(clientID: $1, by: $2) },
        read("contract(clientID:)") { try $0.contract(clientID: $1, by: $2) },
        read("trackFacts") { try $0.trackFacts(clientID: $1, by: $2) },
        // A page's rows: a client the viewer may not list has neither standing nor overdue file.
        EntryPoint(name: "languageStandings", action: .seeList) { o, actor, client in
            if try o.store.languageStandings(clientIDs: [client.id], by: actor)[client.id] == nil {
                throw StoreError.notAllowed("not in the page")
            }
        },
        EntryPoint(name: "contractForPrint", action: .printContract) { o, actor, client in
            _ = try o.row(.contract, of: client)
            guard try o.store.contractForPrint(clientID: client.id, by: actor) != nil else {
                throw StoreError.notFound("no contract")
            }
        },
        readRow("contract(id:)", .contract) { try $0.contract(id: $1, by: $2) },
        readRow("obligations(contractID:)", .contract) { try $0.obligations(contractID: $1, by: $2) },
        readRow("contractVersions", .contract) { try $0.contractVersions(contractID: $1, by: $2) },
        readRow("contractEvents", .contract) { try $0.contractEvents(contractID: $1, by: $2) },
        readRow("obligation(id:)", .obligation) { try $0.obligation(id: $1, by: $2) },
        readRow("qualification(id:)", .qualification) { try $0.qualification(id: $1, by: $2) },
        readRow("recognitionEvents", .qualification) { try $0.recognitionEvents(qualificationID: $1, by: $2) },
    ]
}

/// A row the walk makes for a client before reading it.
enum RowMade: Sendable {
    case contract, obligation, qualification
}

extension TwoOffices {
    /// Makes each client's contract with an obligation, and a recognition file, once.
    mutating func makeRows() throws {
        for client in [nordbyClient, sorbyClient] {
            for made in [RowMade.obligation, .qualification] {
                rows[client.id, default: [:]][made] = try row(made, of: client)
            }
            let contract = try #require(try store.contract(clientID: client.id))
            rows[client.id, default: [:]][.contract] = contract.id
        }
    }

    /// The contract (or its first obligation) or the recognition file of `client`: the one
    /// `makeRows` made, else made now by the client's own officer; gives its id.
    func row(_ made: RowMade, of client: Client) throws -> Int64 {
        if let id = rows[client.id]?[made] { return id }
        let officer = try staff(client.id == nordbyClient.id ? nordby : sorby, .officer).id
        switch made {
        case .qualification:
            return try store.addQualification(
                clientID: client.id,
                QualificationDraft(title: "BSc", country: "SY", year: 2010, iscedLevel: 6, identifiedOn: testDay),
                actor: officer
            ).id
        case .contract, .obligation:
            if try store.programme(id: "sample", version: 1) == nil {
                _ = try store.importProgramme(
                    sampleProgramme(), sourceFile: "sample.toml", sourceText: "sample", actor: f.admin.id)
            }
            try store.enrol(clientID: client.id, Fixture.sampleBasic, actor: officer)
            let contract = try store.draftContract(
                clientID: client.id, NewContractDraft(settledOn: testDay, draftedOn: testDay), actor: officer)
            guard made == .obligation else { return contract.id }
            return try #require(try store.obligations(contractID: contract.id).first).id
        }
    }
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
        // The reads share one copy; a write starts each case on a fresh one, so that an allowed
        // write does not change the next case.
        let shared = entry.writes ? nil : try WalkTemplate.copy(WalkTemplate.withRows)
        for office in [\TwoOffices.nordby, \TwoOffices.sorby] {
            for role in Role.allCases {
                for target in [\TwoOffices.nordbyClient, \TwoOffices.sorbyClient] {
                    let o = try shared ?? WalkTemplate.copy(WalkTemplate.plain)
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

    /// A case number held by another office reads as one never given, whoever asks.
    @Test(arguments: Role.allCases)
    func aCaseNumberOfAnotherOfficeReadsAsNone(role: Role) throws {
        let o = try TwoOffices()
        let outsider = try o.staff(o.nordby, role)
        #expect(try o.store.client(caseNumber: o.sorbyClient.caseNumber, by: outsider.id) == nil)
        #expect(try o.store.client(caseNumber: try CaseNumber("2026-999999"), by: outsider.id) == nil)
        #expect(try o.store.client(caseNumber: o.nordbyClient.caseNumber, by: outsider.id)?.id == o.nordbyClient.id)
        // By id too: the refusal of a client elsewhere is the answer for one that does not exist.
        func refusal(_ id: Client.ID) -> String? {
            do {
                _ = try o.store.notes(clientID: id, by: outsider.id)
                return nil
            } catch { return "\(error)" }
        }
        #expect(refusal(o.sorbyClient.id) != nil)
        #expect(refusal(o.sorbyClient.id) == refusal(999_999))
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
/// takes, or with why the policy has nothing to say about it; one that takes a client and not
/// the person reading, or says it is checked and never asks the policy, fails too.
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
        "accessLog": .seeAccessLog, "maySeeAccessLog": .seeAccessLog, "exportLog": .seeAccessLog,
        "caseload": .moveCaseload,
        "moveClients": .moveCaseload, "proposeTransfer": .transfer, "decideTransfer": .transfer,
        "pendingTransfers": .transfer, "addOffice": .manageOffices, "renameOffice": .manageOffices,
        "setMembership": .manageStaff, "addStaff": .manageStaff, "setRole": .manageStaff,
        "importProgramme": .importProgrammes,
        "exportClients": .export, "importClients": .importClients, "undoImport": .importClients,
        "planImport": .importClients, "importOffice": .importClients, "planRecordImport": .importClients,
        "importRecords": .importClients,
        "changeQualificationProcedure": .recordTrack,
        "saveIntake": .recordTrack, "addWorkExperience": .recordTrack, "recordOutcome": .recordTrack,
        "addActivity": .recordTrack, "addPartner": .managePartners, "updatePartner": .managePartners, "importShippedProgramme": .importProgrammes,
        "partners": .seePartners, "clientPartners": .openRecord, "partnerOffices": .managePartners,
        "partnerOffice": .managePartners,
        "partner": .seePartners,
        "officeSummaries": .seeList, "saveMembership": .manageStaff,
        "worklist": .openRecord,
        "place": .legalHold, "lift": .legalHold, "erase": .erase, "subjectExport": .subjectExport,
        "retentionCandidates": .seeRetention, "possibleDuplicates": .openRecord,
        // The record's reads (Store+RecordReads.swift): each asks to open the record.
        "client": .openRecord, "phaseHistory": .openRecord, "enrolment": .openRecord,
        "appliedProgramme": .openRecord, "auditTrail": .openRecord, "recordStatus": .openRecord,
        "flags": .openRecord, "assessments": .openRecord, "targetOverrides": .openRecord,
        "languageStanding": .openRecord, "courses": .openRecord, "attendance": .openRecord,
        "qualifications": .openRecord, "qualification": .openRecord, "recognitionEvents": .openRecord,
        "civicProgress": .openRecord, "civicSessions": .openRecord, "notes": .openRecord,
        "intakeMapping": .openRecord, "workExperience": .openRecord, "profileSuggestion": .openRecord,
        "activities": .openRecord, "exit": .openRecord, "outcomes": .openRecord, "contract": .openRecord,
        "obligations": .openRecord, "obligation": .openRecord, "contractVersions": .openRecord,
        "contractEvents": .openRecord, "trackFacts": .openRecord, "contractForPrint": .printContract,
        "languageStandings": .seeList, "clientsWithOverdueRecognition": .seeList, "officeIDs": .seeList,
    ]

    /// Entry points the policy does not guard, and why.
    static let unguarded: [String: String] = [
        // The policy itself and the read log's own door.
        "require": "the policy's check", "actor": "the policy's view of a person",
        "memberships": "offices and roles are staff data", "logRead": "appends ids only, called after a check",
        "verifyReadLog": "hashes only, no client data", "verifyExportLog": "hashes only, no client data",
        "onlyOffice": "names the site's only office",
        // Staff, offices and programmes are the site's data, not clients'. (`office(ofClient:by:)`
        // and `programme(forClient:by:)` are the record's reads: they take the person reading.)
        "offices": "site data", "office": "site data", "allStaff": "staff data", "staff": "staff data",
        "bootstrapAdmin": "only on a file with no staff", "programmes": "site data", "programme": "site data",
        "programmeVersions": "site data", "latestProgramme": "site data", "programmeTimeline": "site data",
        "programmesInForce": "site data", "latestProgrammes": "site data",
        "servingOffice": "which office serves a municipality", "obligationTexts": "a preset's translations",
        "programmeRetentionRules": "counts per programme version; `check` and `retention` ask the policy",
        "partners": "the partner register names organisations, not clients",
        // Whole-file operations: the command that calls them asks the policy (`AccessRules`), and
        // what they print holds counts and hashes, never a client's data.
        "check": "counts rows; `casebook check` asks the policy", "verifyAudit": "hashes only",
        "auditHead": "a hash", "backup": "`casebook backup` asks the policy (admins)",
        "purgeFreedPages": "frees pages; called after an erasure", "nextCaseNumber": "the site's one sequence",
        "hasClients": "whether the file is empty (first start)",
        "recordingStatements": "the benchmark's statement trace",
        "timingStatements": "the benchmark's statement timings (statement texts, no values)",
        // The import's batches are held to the importer's policy by `casebook import`.
        "importBatches": "`casebook import list` asks the policy (importClients)",
    ]

    /// One `package func` of a `Store+*.swift` file: its name, what it takes and its body (up to
    /// the next entry point).
    struct Declaration {
        let file: String
        let name: String
        let signature: String
        let body: String

        /// Takes the person acting or reading.
        var takesStaff: Bool {
            signature.contains("Staff.ID") || signature.contains("actor: Staff") || signature.contains("viewer")
        }

        /// Takes a client, or a row that belongs to one.
        var takesClient: Bool {
            ["clientID", "Client.ID", "caseNumber", "contractID", "qualificationID", "noteID", "client: Client"]
                .contains { signature.contains($0) }
        }

        /// Asks the policy in its body.
        var asksThePolicy: Bool {
            ["require(", "reading(", "visible(", ".may(", ".offices(for:", "requirePartnerManager(", "chosenOffice("]
                .contains { body.contains($0) }
        }
    }

    static func declarations() throws -> [Declaration] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/CasebookStore").standardized
        var found: [Declaration] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where file.hasPrefix("Store+") && file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for part in text.components(separatedBy: "package func ").dropFirst() {
                let name = String(part.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                let signature = String(part.prefix { $0 != "{" })
                found.append(
                    Declaration(
                        file: file, name: name, signature: signature, body: String(part.dropFirst(signature.count))))
            }
        }
        return found
    }

    /// `package func` names of the Store's extensions, read from its sources.
    static func storeEntryPoints() throws -> Set<String> { Set(try declarations().map(\.name)) }

    @Test func everyEntryPointHasAPolicyEntry() throws {
        let declarations = try EntryPointRegistryTests.declarations()
        #expect(declarations.count > 80)
        for entry in declarations {
            #expect(
                EntryPointRegistryTests.checked[entry.name] != nil
                    || EntryPointRegistryTests.unguarded[entry.name] != nil,
                "\(entry.file): \(entry.name) has no entry in the policy's registry")
        }
    }

    @Test func everyReadOfAClientTakesThePersonReading() throws {
        for entry in try EntryPointRegistryTests.declarations() where entry.takesClient {
            #expect(entry.takesStaff, "\(entry.file): \(entry.name) takes a client but not who reads it")
        }
    }

    @Test func everyCheckedEntryPointAsksThePolicy() throws {
        for entry in try EntryPointRegistryTests.declarations()
        where entry.takesStaff && EntryPointRegistryTests.checked[entry.name] != nil {
            // Or hands the person on to another checked entry point, which asks.
            let handsOn = EntryPointRegistryTests.checked.keys.contains {
                $0 != entry.name && entry.body.contains("try \($0)(")
            }
            let asks = entry.asksThePolicy || handsOn
            #expect(asks, "\(entry.file): \(entry.name) takes the person but never asks the policy")
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
