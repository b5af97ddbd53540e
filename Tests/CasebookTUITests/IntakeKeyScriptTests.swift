import CasebookCore
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// The Intake and Participation tabs and the partner register, driven by an officer's and an
/// admin's keys on a virtual terminal against a real database.
@Suite struct IntakeKeyScriptTests {
    @Test func theOfficerChangesTheMappingAndTheTabShowsIt() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .intake)
        let terminal = VirtualTerminal(width: 80, height: 24)
        #expect(fixture.run(app, on: terminal).contains("Work as a nurse again"))
        // The form opens on the stored mapping; the career goal is the tenth field.
        fixture.run(app, on: terminal, [.character("m")] + Array(repeating: .tab, count: 9))
        let text = fixture.run(app, on: terminal, [.control("u")] + typing("Nurse at Ullevål") + [.control("s")])
        #expect(text.contains("Nurse at Ullevål"), "the tab reads the saved mapping")
        let mapping = try #require(
            try fixture.store.intakeMapping(clientID: fixture.client("Haddad").id, by: fixture.base.officer.id))
        #expect(mapping.careerGoal == "Nurse at Ullevål" && mapping.version == 2)
        #expect(mapping.highestLevel == .bachelor, "the other fields stay as they were")
    }

    @Test func aMappingInTheFutureIsRefusedBesideTheFieldAndNothingIsSaved() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Ødegård", tab: .intake)
        let terminal = VirtualTerminal(width: 80, height: 24)
        #expect(fixture.run(app, on: terminal).contains("Not mapped yet"))
        let text = fixture.run(
            app, on: terminal, [.character("m"), .control("u")] + typing("+3d") + [.control("s")])
        #expect(text.contains("Lies in the future"))
        #expect(
            try fixture.store.intakeMapping(clientID: fixture.client("Ødegård").id, by: fixture.base.officer.id) == nil)
    }

    @Test func theOfficerRecordsAnActivityWithAPartnerFromTheRegister() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .participation)
        let terminal = VirtualTerminal(width: 132, height: 43)
        var keys: [Key] = [.character("a")] + typing("volunt") + [.enter]  // kind, from its pick list
        keys += typing("turn") + [.enter]  // the partner
        keys += [.tab, .tab] + typing("3") + [.tab] + typing("Football on Tuesdays") + [.control("s")]
        let text = fixture.run(app, on: terminal, keys)
        #expect(text.contains("Oslo Turnforening"))
        let activities = try fixture.store.activities(
            clientID: fixture.client("Haddad").id, by: fixture.base.officer.id)
        let added = try #require(activities.first { $0.note == "Football on Tuesdays" })
        #expect(added.kind == .volunteering && added.partnerName == "Oslo Turnforening" && added.hours == 3)
        #expect(added.startsOn == testDay)
    }

    @Test func anOfficerReadsTheRegisterButIsToldWhoMayChangeIt() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 80, height: 24)
        let text = fixture.run(app, on: terminal, [.character("O"), .character("a")])
        #expect(app.top is PartnersScreen, "no form opened")
        #expect(text.contains("Only a supervisor or an admin"))
        #expect(text.contains("Oslo Turnforening"))
    }

    @Test func anAdminAddsAPartner() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = VirtualTerminal(width: 80, height: 24)
        let keys: [Key] =
            [.character("O"), .character("a")] + typing("Grünerløkka Mosque") + [.tab] + typing("faith")
            + [.enter] + typing("Imam, 900 11 222") + [.control("s")]
        let text = fixture.run(app, on: terminal, keys)
        #expect(text.contains("Grünerløkka Mosque"))
        #expect(
            try fixture.store.partners(actor: fixture.base.admin.id).contains {
                $0.name == "Grünerløkka Mosque" && $0.kind == .faithCommunity
            })
    }
}
