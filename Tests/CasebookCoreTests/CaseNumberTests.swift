import Testing

@testable import CasebookCore

@Suite struct CaseNumberTests {
    @Test(arguments: ["2026-000123", "1999-999999", "2026-000001"])
    func acceptsTheOfficeFormat(_ text: String) throws {
        #expect(try CaseNumber(text).text == text)
    }

    @Test(arguments: ["2026-123", "2026000123", "26-000123", "2026-00012a", "2026-000000", "2026-0001234", "", "２026-000123"])
    func refusesAnythingElse(_ text: String) {
        #expect(throws: CaseNumberError.malformed) { try CaseNumber(text) }
    }

    @Test func ordersByYearThenSequence() throws {
        #expect(try CaseNumber("2025-999999") < CaseNumber("2026-000001"))
        #expect(CaseNumber(year: 2026, sequence: 7)?.text == "2026-000007")
    }

    @Test func rolesParseAndUnknownRolesAreNamed() throws {
        #expect(try Role(parsing: "Supervisor") == .supervisor)
        #expect(throws: RoleError.unknown("boss")) { try Role(parsing: "boss") }
        #expect(RoleError.unknown("boss").description.contains("officer, supervisor or admin"))
        #expect(Role.supervisor.seesDashboard && Role.admin.seesDashboard && !Role.officer.seesDashboard)
    }

    @Test(arguments: [("akarlsen", true), ("a.b-c_d", true), ("_svc", true), ("Akarlsen", false), ("1abc", false), ("", false), ("a b", false), ("ødegård", false)])
    func usernamesFollowThePosixRule(_ name: String, _ valid: Bool) {
        #expect((Staff.validate(username: name) == nil) == valid)
    }
}
