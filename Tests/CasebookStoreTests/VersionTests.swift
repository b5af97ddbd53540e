import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// Optimistic locking, from the side of the officer it stops: two officers open the same record,
/// a colleague saves first, and the officer's save, made on the copy read before, is refused
/// with the colleague's name and the time of their save, for every kind of record officers edit.
@Suite struct VersionTests {
    /// A client enrolled with a drafted contract and a recognition file, as both officers see it.
    struct Records {
        let fixture: Fixture
        let colleague: Store
        let colleagueStaff: Staff
        let client: Client
        let contract: Contract
        let obligation: Obligation
        let file: Qualification
        let mapping: IntakeMapping
        let partner: PartnerOrganisation

        /// The colleague saves ten minutes after the fixture's clock.
        static let colleagueClock = FixedClock(
            today: testDay, now: Instant(secondsSinceEpoch: testClock.now.secondsSinceEpoch + 600))

        init() throws {
            fixture = try Fixture()
            let store = fixture.store
            let officer = fixture.officer.id
            client = try fixture.enrolledClient()
            contract = try store.draftContract(
                clientID: client.id, NewContractDraft(settledOn: day("2026-09-01"), draftedOn: testDay), actor: officer)
            obligation = try #require(try store.obligations(contractID: contract.id).first)
            file = try store.addQualification(
                clientID: client.id,
                QualificationDraft(
                    title: "Nursing", field: "Health", country: "SY", institution: "U", year: 2012, iscedLevel: 6,
                    hasDocuments: true, isRegulatedProfession: true, identifiedOn: day("2026-11-01")), actor: officer)
            mapping = try store.saveIntake(
                clientID: client.id, IntakeStoreTests.mapping, expectedVersion: 0, actor: officer)
            partner = try store.addPartner(
                PartnerDraft(name: "Røde Kors", kind: .association), office: try store.onlyOffice(),
                actor: fixture.admin.id)
            // A supervisor: the register of partners is theirs to change.
            colleagueStaff = try store.addStaff(
                username: "bnilsen", displayName: "Berit Nilsen", role: .supervisor, actor: fixture.admin.id)
            colleague = try Store.open(path: store.path, mode: .readWrite, clock: Records.colleagueClock)
        }

        /// The colleague's save, made first.
        func colleagueSaves(_ table: VersionedTable) throws {
            let by = colleagueStaff.id
            switch table {
            case .clients:
                var draft = ClientDraft(client)
                draft[.address] = "Storgata 1"
                _ = try colleague.updateClient(id: client.id, with: draft, expectedVersion: client.version, actor: by)
            case .contracts:
                try colleague.addObligation(
                    ObligationDraft(
                        party: .authority, category: .housing, description: "Find a flat", legalBasis: "", dueOn: nil),
                    contractID: contract.id, expectedVersion: contract.version, actor: by)
            case .obligations:
                try colleague.settleObligation(
                    id: obligation.id, SettlementDraft(.met, on: testDay, evidence: "Letter"),
                    expectedVersion: obligation.version, actor: by)
            case .qualifications:
                try colleague.stepQualification(
                    id: file.id,
                    RecognitionStepDraft(to: .gatheringDocuments, on: testDay, note: "Berit asked for the transcript"),
                    expectedVersion: file.version, actor: by)
            case .intakeMappings:
                var draft = IntakeDraft(mapping)
                draft.careerGoal = "Berit: carpenter"
                try colleague.saveIntake(clientID: client.id, draft, expectedVersion: mapping.version, actor: by)
            case .partners:
                try colleague.updatePartner(
                    id: partner.id, PartnerDraft(name: "Røde Kors Nord", kind: .association),
                    expectedVersion: partner.version, actor: by)
            }
        }

        /// The officer's save, on the copy read before the colleague's.
        func officerSaves(_ table: VersionedTable) throws {
            let store = fixture.store
            let by = fixture.officer.id
            switch table {
            case .clients:
                var draft = ClientDraft(client)
                draft[.phone] = "+47 912 34 567"
                _ = try store.updateClient(id: client.id, with: draft, expectedVersion: client.version, actor: by)
            case .contracts:
                try store.signContract(
                    id: contract.id, SignatureDraft(newcomer: testDay, authority: testDay),
                    expectedVersion: contract.version, actor: by)
            case .obligations:
                try store.settleObligation(
                    id: obligation.id, SettlementDraft(.breached, on: testDay, evidence: ""),
                    expectedVersion: obligation.version, actor: by)
            case .qualifications:
                try store.stepQualification(
                    id: file.id,
                    RecognitionStepDraft(to: .gatheringDocuments, on: testDay, note: "Ola asked for the diploma"),
                    expectedVersion: file.version, actor: by)
            case .intakeMappings:
                var draft = IntakeDraft(mapping)
                draft.careerGoal = "Ola: welder"
                try store.saveIntake(clientID: client.id, draft, expectedVersion: mapping.version, actor: by)
            case .partners:
                // The admin, as only supervisors and admins change the register.
                try store.updatePartner(
                    id: partner.id, PartnerDraft(name: "Røde Kors Sør", kind: .association),
                    expectedVersion: partner.version, actor: fixture.admin.id)
            }
        }

        /// What the colleague's save left, to show it was not overwritten.
        func saved(_ table: VersionedTable) throws -> String? {
            let store = fixture.store
            switch table {
            case .clients: return try store.client(id: client.id).map { "\($0.address) \($0.phone)" }
            case .contracts: return try store.contract(id: contract.id)?.status.rawValue
            case .obligations: return try store.obligation(id: obligation.id)?.status.rawValue
            case .qualifications: return try store.recognitionEvents(qualificationID: file.id).last?.note
            case .intakeMappings: return try store.intakeMapping(clientID: client.id)?.careerGoal
            case .partners: return try store.partner(id: partner.id, actor: fixture.admin.id)?.name
            }
        }
    }

    @Test(arguments: VersionedTable.allCases)
    func aSaveOnACopyAColleagueSavedSinceIsRefusedWithTheirNameAndTime(table: VersionedTable) throws {
        let records = try Records()
        try records.colleagueSaves(table)
        let colleagues = try records.saved(table)
        let audited = try records.fixture.store.auditTrail(clientID: records.client.id).count
        #expect {
            try records.officerSaves(table)
        } throws: { error in
            guard case .conflict(let entity, let by, let at) = error as? StoreError else { return false }
            return entity == table.entity && by == "Berit Nilsen" && at == Records.colleagueClock.now
                && "\(error)".contains("This \(table.entity) was changed by Berit Nilsen")
        }
        #expect(try records.saved(table) == colleagues, "the colleague's save stands")
        #expect(
            try records.fixture.store.auditTrail(clientID: records.client.id).count == audited, "nothing was written")
    }

    @Test(arguments: VersionedTable.allCases)
    func aSaveOnTheCurrentCopyGoesThroughAndMovesTheVersionOn(table: VersionedTable) throws {
        let records = try Records()
        try records.officerSaves(table)
        let version: Int? =
            switch table {
            case .clients: try records.fixture.store.client(id: records.client.id)?.version
            case .contracts: try records.fixture.store.contract(id: records.contract.id)?.version
            case .obligations: try records.fixture.store.obligation(id: records.obligation.id)?.version
            case .qualifications: try records.fixture.store.qualification(id: records.file.id)?.version
            case .intakeMappings: try records.fixture.store.intakeMapping(clientID: records.client.id)?.version
            case .partners: try records.fixture.store.partner(id: records.partner.id, actor: records.fixture.admin.id)?.version
            }
        let before: Int =
            switch table {
            case .clients: records.client.version
            case .contracts: records.contract.version
            case .obligations: records.obligation.version
            case .qualifications: records.file.version
            case .intakeMappings: records.mapping.version
            case .partners: records.partner.version
            }
        #expect(version == before + 1)
        // The colleague, still holding the copy from before, is refused in turn.
        #expect(throws: StoreError.self) { try records.colleagueSaves(table) }
    }
}
