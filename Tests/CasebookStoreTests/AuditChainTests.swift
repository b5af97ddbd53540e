import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// SplitMix64: the same salts on every run, for holding the chain to recorded hashes.
struct SeededSalts: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct AuditChainTests {
    /// Format v1 of `HashChain`, held to the hashes it gave when it was released: every row ever
    /// chained is checked by it, so it can never change. The figures were also worked out apart
    /// from this code, from the format as `HashChain` documents it (Python's hashlib).
    @Test func aRowsHashesAreThoseOfFormatOne() {
        var salts = SeededSalts(state: 1)
        let link = HashChain.audit.link(
            fields: [
                .text("2026-11-23T09:00:00Z"), .integer(1), .text("client"), .integer(7), .integer(7), .text("address"),
            ],
            values: ["Storgata 1, 0155 Oslo", nil], previous: HashChain.audit.genesis.bytes, using: &salts)
        #expect(HashChain.audit.genesis.hex == "9f0efd8ee4abdd0ff4d24253c72728c1b8fdefd9f6480a12516a12fa8f03e7d7")
        #expect(link.salt.map { ChainHash.hexOf($0) } == "c1675e0bb980a575a89661fec08aa83b")
        #expect(link.valueHashes[0]?.hex == "8a197d88a3b06af346ce4178712ed1786e9aef7a639429746a24cea879571328")
        #expect(link.valueHashes[1] == nil, "a NULL value has no hash")
        #expect(link.hash.hex == "1c2e275f3167e8e4db4576ce2407cea88b1406b95626bb0ccc182b41e3ca0f38")
        var again = SeededSalts(state: 1)
        let chained = HashChain.audit.link(
            fields: [
                .text("2026-11-23T09:00:00Z"), .integer(1), .text("client"), .integer(7), .null, .text("address"),
            ],
            values: [nil, nil], previous: link.hash.bytes, using: &again)
        #expect(chained.salt == nil, "no value, no salt")
        #expect(chained.hash.hex == "2be7a3339d5c63cb467bbcf72ce8a54ca17adcec0dda8990f7dd06dbabf0762c")
    }

    /// Migration 7's Swift step is frozen like its SQL: on a fixed file of schema 6, with fixed
    /// salts, it gives the hashes it gave when it was released.
    @Test func migrationSevenChainsAFixedFileAsItDidWhenReleased() throws {
        let folder = TemporaryFolder()
        let database = try Database(path: folder.file("v6.db"), mode: .create)
        try database.executeScript("BEGIN")
        for migration in migrations where migration.version <= 6 { try migration.apply(on: database) }
        try database.executeScript(
            """
            INSERT INTO audit (at, staff_id, entity, entity_id, client_id, field, old_value, new_value) VALUES
                ('2026-01-05T09:00:00Z', 1, 'staff', 1, NULL, 'role', NULL, 'admin'),
                ('2026-01-05T09:01:00Z', 1, 'client', 1, 1, 'family_name', NULL, 'Ødegård'),
                ('2026-01-06T10:00:00Z', 2, 'client', 1, 1, 'address', 'Storgata 1', '東京都 1-2'),
                ('2026-01-07T11:30:00Z', 2, 'case', 1, 1, 'phase', 'referred', NULL);
            """)
        var salts = SeededSalts(state: 7)
        let seven = try #require(migrations.first { $0.version == 7 })
        try seven.apply(on: database, using: &salts)
        let hashes = try database.query("SELECT hash FROM audit ORDER BY id") { $0.blob(0).map(ChainHash.hexOf) ?? "" }
        try database.executeScript("COMMIT")
        #expect(
            hashes == [
                "55b0ce67e2a5969a6415a39069681a5b71a4fb52d2009d5a8cc70f9462e4849f",
                "d116781e0f97c40c6f05c74f984ac43b30f21643810435c1da15e64b4770c9d7",
                "81197802ae9686109c8ae06f9661e22e065c6e862cfbaad3722ad9a640969f0b",
                "304ad79c84e1d31492897d3411ad533ec8c55302137c8a5349f9abe54ddc7be2",
            ])
        #expect(try HashChain.audit.verify(on: database).isIntact)
    }

    @Test func everySaveExtendsOneChainWhoseHeadIsTheLastRow() throws {
        let fixture = try Fixture()
        let client = try fixture.add("Haddad", "Rasha", number: 1, officer: fixture.officer.id)
        _ = try fixture.store.changePhase(
            clientID: client.id, PhaseChangeDraft(to: .eligibilityCheck, on: testDay), expectedVersion: client.version, actor: fixture.officer.id)
        let report = try fixture.store.verifyAudit()
        let rows = try fixture.store.database.scalar("SELECT count(*) FROM audit") ?? 0
        #expect(report.isIntact && report.rows == Int(rows) && rows > 5)
        let last = try fixture.store.database.queryFirst("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1") {
            ($0.int64(0), $0.blob(1))
        }
        #expect(report.head?.row == last?.0 && report.head?.hash.bytes == last?.1)
        #expect(try fixture.store.auditHead() == report.head)
    }

    /// Two processes saving in turn: each reads the head inside its immediate transaction, so the
    /// rows of both form one chain.
    @Test func twoConnectionsSavingInTurnKeepOneChain() throws {
        let fixture = try Fixture()
        let second = try fixture.secondConnection()
        for number in 1...6 {
            let store = number.isMultiple(of: 2) ? second : fixture.store
            _ = try store.addClient(Fixture.draft("Haddad", "Rasha", number: number), actor: fixture.admin.id)
        }
        #expect(try fixture.store.verifyAudit().isIntact)
        let head = try fixture.store.auditHead()
        #expect(try second.verifyAudit().head == head)
    }

    @Test func theTriggersRefuseChangesAndRowsWithoutTheirHash() throws {
        let fixture = try Fixture()
        try fixture.add("Haddad", "Rasha", number: 1)
        let database = fixture.store.database
        for sql in [
            "UPDATE audit SET new_value = 'x' WHERE id = 1", "DELETE FROM audit WHERE id = 1",
            "INSERT INTO audit (at, staff_id, entity, entity_id, field) VALUES ('2026-01-01T00:00:00Z', 1, 'client', 1, 'x')",
            "INSERT INTO audit (at, staff_id, entity, entity_id, field, prev_hash, hash) VALUES ('2026-01-01T00:00:00Z', 1, 'client', 1, 'x', x'00', x'00')",
        ] {
            #expect(throws: DatabaseError.self, "\(sql)") { try database.execute(sql) }
        }
        #expect(try fixture.store.verifyAudit().isIntact)
    }

    @Test func aBackupRecordsItsCopysHead() throws {
        let fixture = try Fixture()
        try fixture.add("Haddad", "Rasha", number: 1)
        let head = try fixture.store.backup(to: fixture.folder.file("copy.db"), overwrite: false)
        let now = try fixture.store.auditHead()
        #expect(head != nil && head == now)
        try fixture.add("Khoury", "Layla", number: 2)
        let later = try fixture.store.verifyAudit(recordedHead: head?.hash)
        #expect(later.isIntact && later.recordedHeadRow == head?.row && later.head != head)
    }

    @Test func headsReadBackFromTheirHex() throws {
        let hash = HashChain.audit.genesis
        #expect(ChainHash(hex: hash.hex) == hash)
        #expect(ChainHash(hex: hash.hex.uppercased()) == hash)
        #expect(ChainHash(hex: String(hash.hex.dropLast())) == nil)
        #expect(ChainHash(hex: String(repeating: "g", count: 64)) == nil)
    }
}

extension ChainHash {
    /// Any bytes as lowercase hexadecimal (salts are 16 bytes, not a hash).
    static func hexOf(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }
}

/// What schema 7 added to the audit log, taken out again so that a file made to look older
/// meets the chain's migration as a real one would (its rows are chained again then).
let undoAuditChainOfSchemaSeven = """
    DROP TRIGGER audit_rows_are_chained;
    DROP TRIGGER audit_is_append_only_update;
    ALTER TABLE audit DROP COLUMN hash;
    ALTER TABLE audit DROP COLUMN prev_hash;
    ALTER TABLE audit DROP COLUMN new_hash;
    ALTER TABLE audit DROP COLUMN old_hash;
    ALTER TABLE audit DROP COLUMN value_salt;
    CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    """

/// A long log is walked in two halves at once: whatever is done to it, the two halves find what
/// one walk finds.
@Suite struct AuditChainHalvesTests {
    static let tampering = [
        "", "UPDATE audit SET field = 'x' WHERE id = 3", "UPDATE audit SET new_value = 'x' WHERE id = 20",
        "DELETE FROM audit WHERE id = 21", "DELETE FROM audit WHERE id = 22", "DELETE FROM audit WHERE id = 1",
        "UPDATE audit SET id = -1 WHERE id = 21; UPDATE audit SET id = 21 WHERE id = 22; UPDATE audit SET id = 22 WHERE id = -1",
        "UPDATE audit SET id = -1 WHERE id = 30; UPDATE audit SET id = 30 WHERE id = 31; UPDATE audit SET id = 31 WHERE id = -1",
        "DELETE FROM audit WHERE id > 35", "UPDATE audit SET hash = randomblob(32) WHERE id = 39",
        "UPDATE audit SET new_value = NULL, value_salt = NULL WHERE id = 25",
    ]

    @Test(arguments: tampering)
    func twoHalvesFindWhatOneWalkFinds(sql: String) throws {
        let fixture = try Fixture()
        for number in 1...4 { try fixture.add("Haddad", "Rasha", number: number) }
        let database = fixture.store.database
        let rows = try database.scalar("SELECT count(*) FROM audit") ?? 0
        #expect(rows > 40)
        let head = try HashChain.audit.head(on: database)?.hash
        try database.executeScript(
            "DROP TRIGGER audit_is_append_only_update; DROP TRIGGER audit_is_append_only_delete; " + sql)
        let one = try database.read { try HashChain.audit.verify(on: database, recordedHead: head) }
        let two = try database.read { try HashChain.audit.verify(on: database, recordedHead: head, halvesFrom: 2) }
        #expect(one == two)
        #expect(
            one.isIntact == (sql.isEmpty || sql.contains("NULL")),
            "\(one.problem.map { $0.sentence("the log") } ?? "intact")")
    }
}
