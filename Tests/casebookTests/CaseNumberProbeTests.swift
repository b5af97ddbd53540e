import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

/// Every command that takes a case number, run by a person of one office of the demo on a client
/// of another: the answer is the sentence a number never given gets, so nobody can probe which
/// numbers exist in an office they do not work in.
@Suite struct CaseNumberProbeTests {
    /// A command taking a case number, as `role` runs it (one who may run it in their office).
    struct Probe: Sendable, CustomTestStringConvertible {
        let role: Role
        let arguments: @Sendable (String) -> [String]
        let testDescription: String
    }

    static let probes: [Probe] = [
        Probe(role: .supervisor, arguments: { ["access-log", $0] }, testDescription: "access-log"),
        Probe(
            role: .supervisor, arguments: { ["transfer", "propose", $0, "--to", "SOR", "--reason", "Moved"] },
            testDescription: "transfer propose"),
        Probe(role: .officer, arguments: { ["contract", "print", $0] }, testDescription: "contract print"),
        Probe(role: .supervisor, arguments: { ["client", "export", $0] }, testDescription: "client export"),
        Probe(
            role: .supervisor, arguments: { ["client", "hold", $0, "--reason", "Court case"] },
            testDescription: "client hold"),
        Probe(role: .admin, arguments: { ["client", "unrestrict", $0] }, testDescription: "client unrestrict"),
        Probe(role: .officer, arguments: { ["audit", "show", $0] }, testDescription: "audit show"),
    ]

    /// The demo's file, a person of its first office holding `role` there only, and a case
    /// number held by another office.
    struct Demo {
        let cli: CLIFixture
        let db: String
        let insider: String
        let foreignNumber: String

        init(role: Role) throws {
            cli = try CLIFixture()
            db = try cli.demo(clients: 60, seed: 5)
            let store = try Store.open(path: db, mode: .readWrite)
            let offices = try store.offices()
            try #require(offices.count >= 2, "the demo makes three offices")
            let (home, away) = (offices[0], offices[1])
            // A new member of the first office only, so that no other membership lets them see.
            let owner = try #require(try store.staff(username: "tester"))
            insider = "probe\(role.rawValue)"
            _ = try store.addStaff(
                username: insider, displayName: "Probe", role: role, office: home.id, actor: owner.id)
            let theirs = try #require(
                try store.clientList.page(ClientFilter(viewer: owner.id), sort: .name, limit: 500).first {
                    try store.office(ofClient: $0.id, by: owner.id)?.id == away.id
                })
            foreignNumber = theirs.caseNumber
        }

        func run(_ arguments: [String]) throws -> Casebook.Result {
            try Casebook.run(
                arguments + ["--db", db],
                environment: ["CASEBOOK_USER": insider, "XDG_CONFIG_HOME": cli.scratch.path("config")])
        }
    }

    @Test(arguments: probes)
    func aClientOfAnotherOfficeIsAnsweredAsANumberNeverGiven(_ probe: Probe) throws {
        let demo = try Demo(role: probe.role)
        let never = "2026-999999"
        let foreign = try demo.run(probe.arguments(demo.foreignNumber))
        let missing = try demo.run(probe.arguments(never))
        #expect(foreign.status != 0 && missing.status != 0)
        #expect(!missing.error.isEmpty)
        #expect(
            foreign.error.replacingOccurrences(of: demo.foreignNumber, with: "NUMBER")
                == missing.error.replacingOccurrences(of: never, with: "NUMBER"),
            "\(probe.testDescription): \(foreign.error) | \(missing.error)")
        #expect(foreign.output.isEmpty)
    }
}
