import CasebookCore
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// A restricted or held record says so on the record's first line and in the list's flags, and
/// a restricted record refuses an officer's edit with the sentence the Store gives.
@Suite struct RecordFlagScreenTests {
    @Test func theRecordAndTheListShowARestrictionAndAHold() throws {
        let fixture = try UIFixture()
        let haddad = fixture.client("Haddad")
        try fixture.store.place(
            .restriction, clientID: haddad.id, RecordFlagDraft(reason: "Accuracy contested", since: testDay),
            actor: fixture.base.admin)
        try fixture.store.place(
            .legalHold, clientID: haddad.id, RecordFlagDraft(reason: "Appeal", since: testDay),
            actor: fixture.base.admin)
        let app = try fixture.record("Haddad", tab: .overview)
        let terminal = GoldenSize.large.terminal
        let record = fixture.run(app, on: terminal)
        let header = try #require(record.split(separator: "\n").first { $0.contains("Haddad") })
        #expect(header.contains("RESTRICTED since \(testDay.iso)") && header.contains("LEGAL HOLD since"), "\(record)")
        let list = fixture.run(try fixture.app(), on: GoldenSize.large.terminal)
        let row = try #require(list.split(separator: "\n").first { $0.contains(haddad.caseNumber.text) })
        #expect(row.contains("SH"), "\(row)")
    }
}
