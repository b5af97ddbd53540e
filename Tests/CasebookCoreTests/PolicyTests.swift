import CasebookCore
import Testing

@Suite struct PolicyTests {
    @Test(arguments: Action.allCases)
    func noClientActionReachesBeyondTheOffice(action: Action) {
        for role in Role.allCases {
            #expect(Policy.defaults.scope(action, role) <= Policy.ceiling(action))
        }
        if action.concernsClients { #expect(Policy.ceiling(action) == .office) }
    }

    @Test(arguments: Action.allCases)
    func everyActionIsSomeonesAndHasAPhrase(action: Action) {
        #expect(!Policy.defaults.roles(for: action).isEmpty)
        #expect(!action.phrase.isEmpty)
    }

    @Test func theDefaultsOfTheIssue() {
        let policy = Policy.defaults
        for action in [Action.seeList, .openRecord, .editIdentity, .recordTrack, .changePhase, .printContract] {
            #expect(policy.scope(action, .officer) == .office)
        }
        #expect(policy.scope(.seeDashboard, .officer) == .none)
        #expect(policy.scope(.seeDashboard, .supervisor) == .office)
        #expect(policy.roles(for: .moveCaseload) == [.supervisor])
        #expect(policy.roles(for: .manageStaff) == [.admin])
        #expect(policy.roles(for: .backup) == [.admin])
        #expect(policy.roles(for: .repair) == [.admin])
    }

    @Test func aRefusalSaysWhoMay() {
        let policy = Policy.defaults
        #expect(policy.refusal(.moveCaseload, officeName: "Nordby") == "Only supervisors of Nordby may move caseloads.")
        #expect(policy.refusal(.backup, officeName: nil) == "Only admins may back up the database.")
        #expect(
            policy.refusal(.seeDashboard, officeName: "Nordby")
                == "Only supervisors and admins of Nordby may see the dashboard and the report.")
        #expect(
            policy.refusal(.openRecord, officeName: "Nordby")
                == "Only officers, supervisors and admins of Nordby may open its clients' records.")
    }

    @Test func aPolicyNarrowsAndNeverWidens() throws {
        let own = try #require(Policy.defaults.narrowed(.editIdentity, .officer, to: .ownCaseload))
        #expect(own.scope(.editIdentity, .officer) == .ownCaseload)
        #expect(own.narrowed(.editIdentity, .officer, to: .office) == nil)
        #expect(Policy.defaults.narrowed(.seeDashboard, .officer, to: .office) == nil)
        #expect(Policy.defaults.narrowed(.openRecord, .admin, to: .everyOffice) == nil)
        let nobody = try #require(Policy.defaults.narrowed(.moveCaseload, .supervisor, to: .none))
        #expect(nobody.refusal(.moveCaseload, officeName: "Nordby") == "Nobody may move caseloads here.")
    }

    @Test func anActorSeesOnlyTheirOffices() throws {
        let staff = Staff(id: 7, username: "okarlsen", displayName: "Ola", role: .officer)
        let actor = Actor(staff: staff, memberships: [Membership(officeID: 1, role: .officer)])
        let policy = Policy.defaults
        #expect(actor.may(.openRecord, clientOffice: 1, officer: nil, policy: policy))
        #expect(!actor.may(.openRecord, clientOffice: 2, officer: 7, policy: policy))
        let own = try #require(policy.narrowed(.editIdentity, .officer, to: .ownCaseload))
        #expect(actor.may(.editIdentity, clientOffice: 1, officer: 7, policy: own))
        #expect(!actor.may(.editIdentity, clientOffice: 1, officer: 8, policy: own))
        #expect(actor.offices(for: .seeList, policy: policy).whole == [1])
        var inactive = actor
        inactive.staff.isActive = false
        #expect(!inactive.may(.openRecord, clientOffice: 1, officer: nil, policy: policy))
    }

    @Test(arguments: Scope.allCases)
    func scopeWordsReadBack(scope: Scope) {
        #expect(Scope(word: scope.description) == scope)
    }
}
