import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// A released migration is what every older file runs to catch up, so its text never changes
/// after release: each is held to the SHA-256 of its text as released.
@Suite struct MigrationTests {
    /// The SHA-256 of each released migration's SQL. Migrations 4 and 5 were built from live code
    /// until they were written out as text; their hashes are those of the text that code made
    /// (at cbb7877), so the literal text is the very script older files ran. A new migration
    /// gets its line here when it is released: `SHA256.hex(migration.sql)`.
    static let released: [Int: String] = [
        1: "f21105f73e2b4ee6ff2ad59d8e956e32a2c63169864874201b0dec15122e66b7",
        2: "8adb9ed33f1aa3ab5b63d9f33583f1a6fe0676f6ac18c4732218f5ca09272a98",
        3: "68ed4cac258b531669a6d60b18c445ed7ee9f28d40198fef12c2132ac23e3598",
        4: "4ad93a8fe7dc4cee1d7e3207cb1c10b671ce890d9c4c837430f63f476305ab7f",
        5: "7aae0181f7aa7f34a56da9d9e260f227889ae09acaa47c1a6dc5c33627cb1fdf",
    ]

    @Test(arguments: migrations.map(\.version))
    func aReleasedMigrationsTextNeverChanges(version: Int) throws {
        let migration = try #require(migrations.first { $0.version == version })
        let recorded = try #require(
            MigrationTests.released[version], "migration \(version) has no recorded hash: record it when it is released"
        )
        #expect(SHA256.hex(migration.sql) == recorded, "migration \(version) was edited; add a new migration instead")
    }

    @Test func migrationsAreOrderedAndStartAtOne() {
        #expect(migrations.map(\.version) == Array(1...migrations.count))
        #expect(currentSchemaVersion == migrations.count)
    }
}

@Suite struct SHA256Tests {
    /// The examples of FIPS 180-4 (one block, two blocks) and the empty message.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func digestsMatchTheStandardsExamples(message: String, digest: String) {
        #expect(SHA256.hex(message) == digest)
    }
}
