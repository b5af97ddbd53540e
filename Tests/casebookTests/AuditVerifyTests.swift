import CasebookTestSupport
import Foundation
import Testing

/// `casebook audit verify` against someone who edits the file with the sqlite3 shell: the
/// triggers dropped first, then each kind of tampering, each found at the row it happened.
@Suite struct AuditVerifyTests {
    let cli: CLIFixture

    init() throws { cli = try CLIFixture() }

    /// What someone with the file and the sqlite3 shell does to the log.
    enum Tamper: String, CaseIterable, CustomTestStringConvertible {
        case editField, editValue, deleteRow, insertRow, swapRows, truncateTail

        var testDescription: String { rawValue }

        /// The SQL, on a log of more than 30 rows.
        var sql: String {
            switch self {
            case .editField: "UPDATE audit SET staff_id = staff_id + 1 WHERE id = 20;"
            case .editValue: "UPDATE audit SET new_value = 'someone else' WHERE id = 21;"
            case .deleteRow: "DELETE FROM audit WHERE id = 22;"
            // A forged row given row 23's place, linked to row 22 and with a hash made the way
            // Casebook makes them: the rows after it were moved up one to make room.
            case .insertRow:
                """
                UPDATE audit SET id = id + 1000000 WHERE id >= 23;
                UPDATE audit SET id = id - 999999 WHERE id >= 1000000;
                INSERT INTO audit (id, at, staff_id, entity, entity_id, client_id, field, new_value, prev_hash, hash)
                    SELECT 23, at, staff_id, entity, entity_id, client_id, field, 'forged', hash, randomblob(32)
                    FROM audit WHERE id = 22;
                """
            case .swapRows:
                "UPDATE audit SET id = -1 WHERE id = 24; UPDATE audit SET id = 24 WHERE id = 25; UPDATE audit SET id = 25 WHERE id = -1;"
            case .truncateTail: "DELETE FROM audit WHERE id > 26;"
            }
        }

        /// The sentence `audit verify` must print.
        var finding: String {
            switch self {
            case .editField: "Row 20 of the audit log was changed after it was written."
            case .editValue: "Row 21 of the audit log was changed after it was written."
            case .deleteRow: "A row of the audit log was removed between rows 21 and 23."
            case .insertRow: "Row 23 of the audit log was inserted afterwards: the chain runs past it."
            case .swapRows: "Rows of the audit log were reordered: row 24 was written after row 25."
            case .truncateTail: "is not in it, which now ends at row 26: rows were removed from its end or rewritten."
            }
        }
    }

    func errorLine(_ result: Casebook.Result) -> String {
        result.error.split(separator: "\n").first { $0.hasPrefix("Error:") }.map(String.init) ?? result.error
    }

    /// The head a backup of `db` records.
    func backupHead(_ db: String) throws -> String {
        let backup = try Casebook.run(["backup", db + ".bak", "--db", db], environment: cli.user)
        #expect(backup.status == 0, "\(backup.error)")
        let line = backup.output.split(separator: "\n").first { $0.hasPrefix("Audit chain head: row ") }
        return String(try #require(line?.split(separator: " ").last))
    }

    @Test(arguments: Tamper.allCases)
    func eachTamperingIsFoundAtTheRowItHappened(tamper: Tamper) throws {
        let db = try cli.demo(clients: 30, seed: 3)
        let intact = try Casebook.run(["audit", "verify", "--db", db], environment: cli.user)
        #expect(intact.status == 0 && intact.output.contains("chain intact"), "\(intact.error)")
        let rows = try #require(
            Int(try shell("sqlite3", db, "SELECT count(*) FROM audit;").trimmingCharacters(in: .whitespacesAndNewlines))
        )
        #expect(rows > 30 && intact.output.contains("Audit log: \(rows) rows"))
        let head = try backupHead(db)
        #expect(intact.output.contains("Head: row \(rows), \(head)"), "the backup records the head verify prints")

        let drop =
            "DROP TRIGGER audit_is_append_only_update; DROP TRIGGER audit_is_append_only_delete; DROP TRIGGER audit_rows_are_chained;"
        _ = try shell("sqlite3", db, drop + tamper.sql)
        let result = try Casebook.run(["audit", "verify", "--db", db, "--head", head], environment: cli.user)
        #expect(result.status != 0, "\(result.output)")
        #expect(errorLine(result).contains(tamper.finding), "\(errorLine(result))")
        // Rows cut from the end show only against a recorded head.
        if tamper == .truncateTail {
            #expect(try Casebook.run(["audit", "verify", "--db", db], environment: cli.user).status == 0)
        }
    }

    /// Erasure blanks a value and keeps its hash: the chain still holds, and says so.
    @Test func aBlankedValueKeepsTheChainAndIsCountedAsErased() throws {
        let db = try cli.demo(clients: 30, seed: 3)
        _ = try shell(
            "sqlite3", db,
            "DROP TRIGGER audit_is_append_only_update; UPDATE audit SET new_value = NULL, value_salt = NULL WHERE id = 20;"
        )
        let result = try Casebook.run(["audit", "verify", "--db", db], environment: cli.user)
        #expect(result.status == 0 && result.output.contains("Erased values: 1"), "\(result.error)")
    }

    @Test func aHeadThatIsNotAHashIsRefusedWithWhatToGive() throws {
        let db = try cli.demo(clients: 5, seed: 3)
        let result = try Casebook.run(["audit", "verify", "--db", db, "--head", "abc"], environment: cli.user)
        #expect(result.status != 0 && errorLine(result).contains("64 hexadecimal digits"))
    }
}
