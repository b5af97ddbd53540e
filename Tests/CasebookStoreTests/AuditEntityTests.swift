import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

@Suite struct AuditEntityTests {
    /// Every file stores these names, and the History tab reads them back: a new kind of record
    /// adds a name, and none changes.
    @Test func theStoredNamesNeverChange() {
        #expect(
            AuditEntity.allCases.map(\.rawValue) == [
                "client", "case", "enrolment", "assessment", "target", "course", "attendance", "qualification", "civic",
                "civic_session", "civic_test", "contract", "obligation", "note", "staff", "programme",
                "legal_hold", "restriction", "erasure", "import_batch", "intake", "work_experience", "partner",
                "participation", "outcome", "office", "transfer",
            ])
    }

    @Test func everyRowTheStoreAuditsNamesAKnownEntity() throws {
        let caseload = try CaseloadFixture()
        let entities = try caseload.store.database.query("SELECT DISTINCT entity FROM audit") { $0.text(0) }
        #expect(entities.count >= 12)
        #expect(entities.allSatisfy { AuditEntity(rawValue: $0) != nil }, "\(entities)")
    }
}

@Suite struct ColumnsTests {
    private enum Sample: Int32, ColumnSet {
        case id, clientID, familyName, officerID, level2Rank, author

        var expression: String? { self == .author ? "s.display_name" : nil }
    }

    @Test func aColumnIsItsCaseInSnakeCase() {
        #expect(Sample.names == ["id", "client_id", "family_name", "officer_id", "level2_rank", "author"])
        #expect(
            Sample.selection(from: "c")
                == "c.id, c.client_id, c.family_name, c.officer_id, c.level2_rank, s.display_name")
        #expect(Sample.selection { $0 == .id ? "max(id)" : nil }.hasPrefix("max(id), client_id"))
    }

    @Test func aRowIsReadByTheColumnsNames() throws {
        let fixture = try Fixture()
        let read = try fixture.store.database.queryFirst(
            "SELECT 7 AS id, 8 AS client_id, 'Haddad' AS family_name, NULL AS officer_id, 3 AS level2_rank, 'Ada' AS author"
        ) { row in
            let row = NamedRow<Sample>(row)
            return
                "\(row.int64(.id)) \(row.int(.clientID)) \(row.text(.familyName)) \(row.optionalInt64(.officerID) as Int64?) \(row.int(.level2Rank)) \(row.text(.author))"
        }
        #expect(read == "7 8 Haddad nil 3 Ada")
    }
}
