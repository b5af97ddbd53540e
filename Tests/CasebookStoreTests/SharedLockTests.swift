import CasebookCore
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookStore

/// Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
/// too. Opening a file a second time must not do that: another process would then take
/// itself for the last connection, checkpoint and delete the WAL under the first one, and the
/// next writes damage the file (found when `casebook bench` damaged its 100,000-client file).
@Suite struct SharedLockTests {
    @Test func openingTheFileAgainKeepsTheFirstConnectionsLocks() throws {
        guard let shell = ["/usr/bin/sqlite3", "/bin/sqlite3"].first(where: FileManager.default.isExecutableFile)
        else {
            print("SharedLockTests skipped: the sqlite3 shell is not installed (`make test` installs it).")
            return
        }
        let folder = TemporaryFolder()
        let path = folder.file("case.db")
        let first = try Store.open(path: path, mode: .create, clock: testClock)
        #expect(try first.bootstrapAdmin(username: "admin", displayName: "Ada"))
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        // A second store in the same process (the benchmark, `check --repair`) checks the file.
        let second = try Store.open(path: path, mode: .readOnly, clock: testClock)
        #expect(try second.allStaff().map(\.username) == ["admin"])
        // Another process opens the file and closes it. While this process holds it, that
        // process is not the last connection, so the WAL stays.
        let other = Process()
        other.executableURL = URL(fileURLWithPath: shell)
        other.arguments = [path, "SELECT count(*) FROM sqlite_schema;"]
        other.standardOutput = FileHandle.nullDevice
        try other.run()
        other.waitUntilExit()
        #expect(other.terminationStatus == 0)
        #expect(
            FileManager.default.fileExists(atPath: path + "-wal"),
            "the other process took itself for the last connection and removed the WAL")
        let admin = try #require(try first.staff(username: "admin"))
        try first.addStaff(username: "bea", displayName: "Bea", role: .officer, actor: admin.id)
        #expect(try first.database.query("PRAGMA quick_check") { $0.text(0) } == ["ok"])
    }
}
