import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// A programme's own retention period overrides the site's for the clients enrolled under it,
/// both ways (shorter and longer), in the dry run and when erasing; and the list shows only the
/// clients of offices where the person may see it.
extension PrivacyTests {
    /// The sample programme as `id`, with its own retention period of `period`.
    func importProgramme(_ id: String, retention period: TimeSpan) throws {
        var programme = sampleProgramme()
        programme.id = id
        programme.retention = ProgrammeRetention(eraseAfter: period, legalSource: "Archives Act § 9 (\(id))")
        try store.importProgramme(programme, sourceFile: "\(id).toml", sourceText: id, actor: fixture.admin.id)
    }

    func enrol(_ client: Client, in programme: String) throws {
        try store.enrol(
            clientID: client.id, EnrolmentDraft(ProgrammeChoice(programme, version: 1, profile: "basic")),
            actor: fixture.admin.id)
    }

    @Test func aProgrammesOwnPeriodOverridesTheSitesForItsClients() throws {
        try importProgramme("short", retention: TimeSpan(1, .years))
        try importProgramme("long", retention: TimeSpan(10, .years))
        // Closed in January 2024: due under the short programme's 1y, not under the site's 5y.
        let short = try closedClient("Tsegaye", "Zerihun", number: 1, closedOn: "2024-01-15")
        try enrol(short, in: "short")
        let siteOnly = try closedClient("Recent", "Case", number: 2, closedOn: "2024-01-15")
        // Closed in 2020: due under the site's 5y, kept by the long programme's 10y.
        let long = try closedClient("Old", "Case", number: 3, closedOn: "2020-05-01")
        try enrol(long, in: "long")
        let old = try closedClient("Older", "Case", number: 4, closedOn: "2020-05-01")

        let site = RetentionRule.site(PrivacyTests.fiveYears)
        let due = try store.retentionCandidates(site: site, today: testDay, actor: fixture.admin.id)
        #expect(Set(due.map(\.clientID)) == [short.id, old.id])
        let rule = try #require(due.first { $0.clientID == short.id }?.rule)
        #expect(rule.origin == .programme(id: "short", version: 1))
        #expect(rule.source == "Archives Act § 9 (short)" && rule.eraseAfter == TimeSpan(1, .years))
        #expect(due.first { $0.clientID == old.id }?.rule == site)

        // Without a site rule only the programme's clients are ever due.
        #expect(
            try store.retentionCandidates(site: nil, today: testDay, actor: fixture.admin.id).map(\.clientID) == [
                short.id
            ])

        // Erasing follows the same rule: the long programme keeps its client, the site's rule
        // does not reach a client its programme keeps longer, and the short one goes.
        #expect(throws: StoreError.self) { try store.erase(clientID: long.id, site: site, actor: fixture.admin) }
        #expect(throws: StoreError.self) { try store.erase(clientID: siteOnly.id, site: site, actor: fixture.admin) }
        try store.erase(clientID: short.id, site: site, actor: fixture.admin)
        #expect(throws: StoreError.self, "a client of no programme is erased only under the site's rule") {
            try store.erase(clientID: old.id, site: nil, actor: fixture.admin)
        }
        try store.erase(clientID: old.id, site: site, actor: fixture.admin)
        #expect(try store.isErased(clientID: short.id) && store.isErased(clientID: old.id))
        #expect(try !store.isErased(clientID: long.id) && !store.isErased(clientID: siteOnly.id))
    }

    @Test func theProgrammesRulesAreListedWithTheirClients() throws {
        try importProgramme("short", retention: TimeSpan(1, .years))
        let client = try closedClient("Tsegaye", "Zerihun", number: 1, closedOn: "2024-01-15")
        try enrol(client, in: "short")
        let rules = try store.programmeRetentionRules()
        #expect(rules.count == 1)
        #expect(rules.first?.rule.description.contains("Archives Act § 9 (short)") == true)
        #expect(rules.first?.enrolled == 1)
    }

    @Test func withOlderThanTheDryRunListsEveryCaseClosedThatLongAgoWithTheRuleThatWouldApply() throws {
        let client = try closedClient("Tsegaye", "Zerihun", number: 1, closedOn: "2024-01-15")
        let listed = try store.retentionCandidates(
            site: nil, olderThan: TimeSpan(1, .years), today: testDay, actor: fixture.admin.id)
        #expect(listed.map(\.clientID) == [client.id])
        #expect(listed.first?.rule == nil, "no rule applies to it")
    }
}

/// The retention list from the side of those it keeps out: another office's supervisor and
/// admin, and officers.
@Suite struct RetentionListPolicyTests {
    @Test func theListShowsOnlyTheClientsOfOfficesWhereThePersonMaySeeIt() throws {
        let o = try TwoOffices()
        for (client, office) in [(o.nordbyClient, o.nordby), (o.sorbyClient, o.sorby)] {
            let officer = try o.staff(office, .officer)
            var current = client
            for (phase, on) in [(CasePhase.eligibilityCheck, "2024-01-10"), (.notEligible, "2024-02-10")] {
                current = try o.store.changePhase(
                    clientID: client.id, PhaseChangeDraft(to: phase, on: day(on)), expectedVersion: current.version,
                    actor: officer.id)
            }
            current = try o.store.changePhase(
                clientID: client.id, PhaseChangeDraft(to: .closed, on: day("2024-03-01"), exitReason: .moved),
                expectedVersion: current.version, actor: officer.id)
        }
        let site = RetentionRule.site(TimeSpan(1, .years))
        for office in [o.nordby, o.sorby] {
            let own = office.id == o.nordby.id ? o.nordbyClient : o.sorbyClient
            for role in [Role.supervisor, .admin] {
                let listed = try o.store.retentionCandidates(
                    site: site, today: testDay, actor: try o.staff(office, role).id)
                #expect(listed.map(\.clientID) == [own.id], "\(role) of \(office.name)")
                #expect(listed.first?.office == office.name)
            }
            #expect(throws: StoreError.self, "an officer sees no retention list") {
                _ = try o.store.retentionCandidates(site: site, today: testDay, actor: try o.staff(office, .officer).id)
            }
        }
    }
}

/// What schema 15 added, taken out again so that a file made to look like an older version meets
/// that migration as a real one would.
let undoProgrammeRetentionOfSchemaFifteen = """
    ALTER TABLE programmes DROP COLUMN retention_legal_source;
    ALTER TABLE programmes DROP COLUMN retention_erase_after;
    """
