#if canImport(Glibc)
    import Glibc
#endif
import CasebookCore

@testable import CasebookStore

/// A fresh temporary folder per test, removed when released.
final class TemporaryFolder {
    let path: String

    init() {
        var template = Array("/tmp/casebook-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { _ = system("rm -rf '\(path)'") }
}

let testDay = Day(year: 2026, month: 11, day: 23)!
let testClock = FixedClock(today: testDay)

/// A new case file with an admin and an officer, on a fixed clock.
struct Fixture {
    let folder = TemporaryFolder()
    let store: Store
    let admin: Staff
    let officer: Staff

    init(clock: any Clock = testClock) throws {
        store = try Store.open(path: folder.file("case.db"), mode: .create, clock: clock)
        try store.bootstrapAdmin(username: "admin", displayName: "Ada Admin")
        admin = try store.staff(username: "admin")!
        officer = try store.addStaff(username: "okarlsen", displayName: "Ola Karlsen", role: .officer, actor: admin.id)
    }

    /// Another connection to the same file, as a second Casebook process would have.
    func secondConnection() throws -> Store {
        try Store.open(path: store.path, mode: .readWrite, clock: store.clock)
    }

    static func draft(
        _ family: String, _ given: String, number: Int, other: String = "", officer: Staff.ID? = nil
    ) -> ClientDraft {
        ClientDraft(
            values: [
                .caseNumber: CaseNumber(year: 2026, sequence: number)!.text, .familyName: family, .givenNames: given,
                .otherNames: other, .dateOfBirth: "1990-05-01", .sex: "F", .countryOfBirth: "SY", .nationality: "SY",
                .languages: "ar", .arrivalDate: "2025-09-14", .residenceCategory: "refugee",
                .programmeStatus: "right_and_obligation",
            ], officerID: officer)
    }

    @discardableResult
    func add(_ family: String, _ given: String, number: Int, other: String = "", officer: Staff.ID? = nil) throws -> Client {
        try store.addClient(Fixture.draft(family, given, number: number, other: other, officer: officer), actor: admin.id)
    }
}

/// The bytes of a file, to prove it was left untouched.
func contents(of path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { return [] }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}

func write(_ text: String, to path: String) {
    let file = fopen(path, "wb")
    fputs(text, file)
    fclose(file)
}

/// Runs a statement through the sqlite3 shell, as someone editing the file by hand would.
func sqliteShell(_ path: String, _ sql: String) -> Int32 {
    system("sqlite3 '\(path)' \"\(sql)\" >/dev/null 2>&1")
}
