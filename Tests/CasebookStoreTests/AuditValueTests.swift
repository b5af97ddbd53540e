import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// The audit's composite values: written as they always were, and read back into their parts.
@Suite struct AuditValueTests {
    /// The hash chain and the consumers of `casebook audit --format json` hold the old text.
    @Test(arguments: AuditValueSamples.plain + AuditValueSamples.awkward)
    func storedTextIsTheTextTheAuditAlwaysWrote(sample: AuditValueSample) {
        #expect(sample.value.stored == sample.text)
    }

    @Test(arguments: AuditValueSamples.plain + AuditValueSamples.awkward)
    func storedTextParsesBackToTheSameParts(sample: AuditValueSample) {
        let parsed =
            sample.eventKind.map { AuditValue(parsingEvent: sample.text, kind: $0) }
            ?? AuditValue(parsing: sample.text, entity: sample.entity.rawValue, field: sample.field)
        #expect(parsed == sample.value)
    }

    /// Codes, free text and a shape written for another field are shown as stored.
    @Test(arguments: [
        ("obligation", "status", "pending"), ("contract", "status", "draft"), ("case", "phase", "active"),
        ("note", "meeting", "2024-03-01, follow up tomorrow"), ("obligation", "added", "stranger: a due 2024-03-01"),
        ("assessment", "reading", "Z9 on 2024-03-01 (DTZ)"), ("civic_session", "social", "1.50 h on 2024-03-01 in ar"),
        ("contract", "version", "2"), ("target", "not_a_skill", "B1: reason"), ("future_kind", "x", "3: reason"),
        ("attendance", "attendance", "2024-03-01: 3.0 of 4.0 h, 1.0 h on holiday"),
        ("outcome", "exit", "2024-03-01 work full 2 extra"), ("client", "removed", "2026-000011"),
    ])
    func textsOfNoShapeDoNotParse(entity: String, field: String, text: String) {
        #expect(AuditValue(parsing: text, entity: entity, field: field) == nil)
    }

    @Test func notesOfFreeTextDoNotParse() {
        #expect(AuditValue(parsingEvent: "all well: version 2", kind: "reviewed") == nil)
        #expect(AuditValue(parsingEvent: "moved away", kind: "ended") == nil)
        #expect(AuditValue(parsingEvent: "version two", kind: "signed") == nil)
    }

    /// What the Store writes through the write sites reads back as the value it was built from.
    @Test func aContractsRowsAndEventsReadBack() throws {
        let fixture = try Fixture()
        let store = fixture.store
        let client = try fixture.enrolledClient()
        var contract = try store.draftContract(
            clientID: client.id, NewContractDraft(settledOn: day("2025-08-31"), draftedOn: day("2026-10-01")),
            actor: fixture.officer.id)
        contract = try store.signContract(
            id: contract.id, SignatureDraft(newcomer: day("2026-11-02"), authority: day("2026-11-03")),
            expectedVersion: contract.version, actor: fixture.officer.id)
        try store.addNote(
            clientID: client.id,
            NoteDraft(contact: .meeting, date: day("2026-11-10"), summary: "Intake", followUpOn: day("2026-11-20")),
            actor: fixture.officer.id)
        let values = try store.auditTrail(clientID: client.id).compactMap { entry in
            entry.newValue.flatMap { AuditValue(parsing: $0, entity: entry.entity, field: entry.field) }
        }
        let count = try store.obligations(contractID: contract.id).count
        #expect(values.contains(.contractDrafted(programme: "sample", version: 1, obligations: count)))
        #expect(values.contains(.contractSigned(version: 1, newcomer: day("2026-11-02"), authority: day("2026-11-03"))))
        #expect(values.contains(.note(on: day("2026-11-10"), followUp: day("2026-11-20"))))
        let events = try store.contractEvents(contractID: contract.id).compactMap {
            AuditValue(parsingEvent: $0.note, kind: $0.kind)
        }
        #expect(
            events == [
                .draftedFrom(programme: "sample", version: 1),
                .signedVersion(version: 1, newcomer: day("2026-11-02"), authority: day("2026-11-03")),
            ])
    }
}
