import CasebookCore
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// Forms over Core drafts: every problem beside its field, whether the form or the Store found
/// it, typed choices, and a colleague's save merged wherever a form edits a versioned record.
@Suite struct FormTests {
    @Test func whatCannotBeReadAndWhatTheRulesRefuseAreShownTogether() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .language)
        let terminal = GoldenSize.large.terminal
        // The course form: no provider, no level, and hours that are not a number.
        let text = fixture.run(
            app, on: terminal, [.character("n"), .tab, .tab, .tab, .tab] + typing("lots") + [.control("s")])
        let form = try #require(app.top as? FormScreen<CourseDraft>)
        #expect(form.error(of: .provider) == "Required.")
        #expect(form.error(of: .level) == "Choose the level the course leads to.")
        #expect(form.error(of: .hoursPlanned) == "Whole hours, e.g. 300.")
        #expect(form.error(of: .startsOn) == nil && form.focusedField.id == .provider)
        #expect(text.contains("3 fields need attention; nothing was saved."))
        #expect(
            try fixture.store.courses(clientID: fixture.client("Haddad").id, by: fixture.base.officer.id).count == 1)
    }

    @Test func aRuleOnlyTheStoreCanCheckLandsBesideItsField() throws {
        let fixture = try UIFixture()
        try fixture.store.draftContract(
            clientID: fixture.client("Müller").id, NewContractDraft(settledOn: testDay, draftedOn: day("2026-11-20")),
            actor: fixture.base.officer.id)
        let app = try fixture.record("Müller", tab: .contract)
        let terminal = GoldenSize.large.terminal
        // The version was drafted on the 20th; the form does not know it, the Store does.
        let text = fixture.run(
            app, on: terminal, [.character("S"), .control("u")] + typing("2026-11-19") + [.control("s")])
        let form = try #require(app.top as? FormScreen<SignatureDraft>)
        let message = "A signature cannot come before the version was drafted (2026-11-20)."
        #expect(form.error(of: .newcomer) == message && form.error(of: .authority) == nil)
        #expect(
            terminal.frame.lines.contains { $0.contains("Newcomer signed on") && $0.contains("A signature cannot") })
        #expect(text.contains("1 field needs attention"))
        #expect(
            try fixture.store.contract(clientID: fixture.client("Müller").id, by: fixture.base.officer.id)?.status
                == .draft)
    }

    @Test func aPickListChoosesATypedValue() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Warsame", tab: .overview)
        let terminal = GoldenSize.large.terminal
        fixture.run(app, on: terminal, [.character("P"), .enter] + typing("advanced") + [.enter])
        let form = try #require(app.top as? FormScreen<EnrolmentDraft>)
        #expect(terminal.text.contains("Sample programme · Advanced (v1)"))
        #expect(form.hasUnsavedChanges)
        let saved = fixture.run(app, on: terminal, [.control("s")])
        #expect(saved.contains("Enrolled in sample version 1, profile advanced."))
        let enrolment = try #require(
            try fixture.store.enrolment(clientID: fixture.client("Warsame").id, by: fixture.base.officer.id))
        #expect(enrolment.programmeID == "sample" && enrolment.programmeVersion == 1 && enrolment.profile == "advanced")
    }

    @Test func theEnrolmentFormOffersTheProgrammesInForceWithTheirOpenProfilesAndTellsOfAnAdmissionStop() throws {
        let fixture = try UIFixture()
        var stopped = sampleProgramme()
        stopped.id = "stopped"
        stopped.name = "Stopped programme"
        stopped.profiles.append(
            LearnerProfile(id: "legacy", name: "Legacy course", targets: [:], discontinuedFrom: day("2025-05-01")))
        stopped.admissionStops = [
            AdmissionStop(
                id: "stop", description: "No admissions this year", legalBasis: "§ 44 (4)",
                statuses: ProgrammeStatus.allCases, from: day("2026-01-01"), until: nil)
        ]
        var later = sampleProgramme()
        later.id = "later"
        later.name = "Later programme"
        later.validFrom = day("2027-01-01")
        for programme in [stopped, later] {
            _ = try fixture.store.importProgramme(
                programme, sourceFile: programme.id + ".toml", sourceText: programme.id, actor: fixture.base.admin.id)
        }
        let app = try fixture.record("Warsame", tab: .overview)
        let terminal = GoldenSize.large.terminal
        let offered = fixture.run(app, on: terminal, [.character("P"), .enter])
        #expect(offered.contains("Stopped programme · Advanced (v1)"))
        #expect(!offered.contains("Legacy course"), "a discontinued course type is not offered")
        #expect(!offered.contains("Later programme"), "a programme not yet in force is not offered")
        let saved = fixture.run(app, on: terminal, typing("Stopped") + [.enter, .control("s")])
        #expect(saved.contains("Admission stopped: No admissions this year (§ 44 (4))"))
        #expect(try fixture.store.enrolment(clientID: fixture.client("Warsame").id, by: app.me.id)?.programmeID == "stopped")
    }

    @Test func aColleaguesChangeToTheSameObligationIsMergedAndShownBesideMine() throws {
        let fixture = try UIFixture()
        let muller = fixture.client("Müller")
        let officer = fixture.base.officer.id
        let contract = try fixture.store.draftContract(
            clientID: muller.id, NewContractDraft(settledOn: testDay, draftedOn: testDay), actor: officer)
        let app = try fixture.record("Müller", tab: .contract)
        let terminal = GoldenSize.large.terminal
        fixture.run(app, on: terminal)
        let tab = try #require((app.top as? ClientRecordScreen)?.currentTab as? ContractTab)
        let selected = try #require(tab.selectedObligation)
        // The officer opens the selected obligation's terms and rewrites what it commits to.
        fixture.run(
            app, on: terminal, [.character("u"), .tab, .tab, .control("u")] + typing("Offer a place in Bergen"))
        let form = try #require(app.top as? FormScreen<ObligationDraft>)

        // Meanwhile a colleague sets its due date and rewrites the description too.
        let other = try fixture.base.secondConnection()
        let theirs = try #require(try other.obligation(id: selected.id, by: fixture.base.officer.id))
        var terms = ObligationDraft(theirs)
        (terms.description, terms.dueOn) = ("Offer a place in Oslo", day("2027-01-15"))
        try other.editObligation(
            id: theirs.id, terms, expectedContractVersion: contract.version, actor: fixture.base.admin.id)

        let refused = fixture.run(app, on: terminal, [.control("s")])
        #expect(refused.contains("changed by Ada Admin") && refused.contains("Offer a place in Bergen"))
        let merged = fixture.run(app, on: terminal, [.control("r")])
        #expect(form.text(of: .description) == "Offer a place in Bergen", "mine stays")
        #expect(form.text(of: .dueOn) == "2027-01-15", "theirs is taken where I changed nothing")
        #expect(merged.contains("Theirs: Offer a place in Oslo"))
        fixture.run(app, on: terminal, [.control("s")])
        let saved = try #require(try fixture.store.obligation(id: theirs.id, by: fixture.base.officer.id))
        #expect(saved.description == "Offer a place in Bergen" && saved.dueOn == day("2027-01-15"))
    }

    @Test func aPhaseChangeAfterAColleaguesSaveGoesThroughOnceReloaded() throws {
        let fixture = try UIFixture()
        let haddad = fixture.client("Haddad")
        let app = try fixture.record("Haddad", tab: .overview)
        let terminal = GoldenSize.large.terminal
        fixture.run(
            app, on: terminal,
            [.character("c"), .enter] + typing("leave") + [.enter, .tab, .tab] + typing("Parental leave"))
        var theirs = ClientDraft(haddad)
        theirs[.phone] = "+47 555 55 555"
        _ = try fixture.store.updateClient(
            id: haddad.id, with: theirs, expectedVersion: haddad.version, actor: fixture.base.admin.id)

        let refused = fixture.run(app, on: terminal, [.control("s")])
        #expect(refused.contains("changed by Ada Admin") && app.top is FormScreen<PhaseChangeDraft>)
        #expect(
            try fixture.store.client(id: haddad.id, by: fixture.base.officer.id)?.phase == .active,
            "nothing was overwritten")
        let form = try #require(app.top as? FormScreen<PhaseChangeDraft>)
        fixture.run(app, on: terminal, [.control("r")])
        #expect(form.text(of: .note) == "Parental leave")
        let saved = fixture.run(app, on: terminal, [.control("s")])
        #expect(saved.contains("is now On leave"))
        let stored = try #require(try fixture.store.client(id: haddad.id, by: fixture.base.officer.id))
        #expect(stored.phase == .onLeave && stored.phone == "+47 555 55 555")
        #expect(
            try fixture.store.phaseHistory(clientID: haddad.id, by: fixture.base.officer.id).last?.note
                == "Parental leave")
    }

    @Test func aPhaseChangeDatedTomorrowIsRefusedBesideItsDate() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .overview)
        let terminal = GoldenSize.large.terminal
        fixture.run(
            app, on: terminal, [.character("c"), .enter] + typing("leave") + [.enter, .control("u")] + typing("+1d"))
        fixture.run(app, on: terminal, [.control("s")])
        let form = try #require(app.top as? FormScreen<PhaseChangeDraft>)
        #expect(form.error(of: .effectiveOn) == "A phase change cannot lie in the future.")
        #expect(form.text(of: .effectiveOn) == "2026-11-24", "the shortcut became the day it means")
        #expect(
            try fixture.store.client(id: fixture.client("Haddad").id, by: fixture.base.officer.id)?.phase == .active)
    }
}
