import CasebookCore
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// The contract, My day and notes, driven by the keys an officer presses.
@Suite struct ContractKeyScriptTests {
    @Test func markingAnAuthorityObligationMetFromMyDayTakesItOffTheList() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(onList: false)
        let terminal = VirtualTerminal(width: 100, height: 30)
        let day = fixture.run(app, on: terminal)
        #expect(day.contains("overdue: newcomer 0, authority 2"))
        let worklist = try #require(app.top as? WorklistScreen)
        #expect(worklist.items.first?.text == "Offer a course place")

        // Enter opens the record at the Contract tab with that obligation selected.
        fixture.run(app, on: terminal, [.enter])
        let record = try #require(app.top as? ClientRecordScreen)
        let tab = try #require(record.currentTab as? ContractTab)
        #expect(tab.selectedObligation?.description == "Offer a course place")

        let form = fixture.run(app, on: terminal, [.character("m")])
        #expect(form.contains("Authority: Offer a course place") && form.contains("Met on"))
        let saved = fixture.run(
            app, on: terminal, [.tab] + typing("Place at Oslo VO from 2026-08-01") + [.control("s")])
        #expect(saved.contains("Marked met."))
        #expect(saved.contains("met 1 · pending 0 · overdue 1"), "the authority's summary counts it")

        let back = fixture.run(app, on: terminal, [.escape])
        #expect(app.top is WorklistScreen)
        #expect(!back.contains("Offer a course place"))
        #expect(back.contains("overdue: newcomer 0, authority 1"))
        let obligation = try #require(
            try fixture.store.obligations(contractID: tab.contract!.id, by: fixture.base.officer.id).first {
                $0.description == "Offer a course place"
            })
        #expect(
            obligation.status == .met && obligation.settledOn == testDay
                && obligation.evidence == "Place at Oslo VO from 2026-08-01")
    }

    @Test func enterOnAFollowUpOpensTheNotesAndDoneClearsIt() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(onList: false)
        let terminal = VirtualTerminal(width: 100, height: 30)
        fixture.run(app, on: terminal, [.down, .down, .down])
        let worklist = try #require(app.top as? WorklistScreen)
        #expect(worklist.items[worklist.selected].kind == .followUp)
        let notes = fixture.run(app, on: terminal, [.enter])
        #expect((app.top as? ClientRecordScreen)?.currentTab is NotesTab)
        #expect(notes.contains("FOLLOW-UP DUE 2026-11-20"))
        let done = fixture.run(app, on: terminal, [.character("f")])
        #expect(done.contains("Follow-up done.") && done.contains("follow-up 2026-11-20 done"))
        let back = fixture.run(app, on: terminal, [.escape])
        #expect(!back.contains("Follow-up "))
    }

    @Test func aContractIsDraftedEditedSignedAmendedAndItsEarlierVersionViewed() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 120, height: 40)
        let muller = fixture.client("Müller")
        app.push(try ClientRecordScreen(app: app, clientID: muller.id, tab: .contract))
        #expect(fixture.run(app, on: terminal).contains("No contract yet"))

        let drafted = fixture.run(app, on: terminal, [.character("d"), .control("s")])
        #expect(drafted.contains("Drafted with 4 obligations from sample"))
        #expect(drafted.contains("Not signed yet"))
        #expect(drafted.contains("The newcomer commits to") && drafted.contains("The authority commits to"))

        // The officer adds the authority's promise of an interpreter.
        let added = fixture.run(
            app, on: terminal,
            // Choosing from a pick list moves on to the next field.
            [.character("a"), .enter] + typing("auth") + [.enter, .enter] + typing("interp") + [.enter]
                + typing("Provide an interpreter at every meeting") + [.tab] + typing("§ 4") + [.tab]
                + typing("2026-12-01") + [.control("s")])
        #expect(added.contains("Obligation added."))
        #expect(added.contains("Provide an interpreter at every meeting"))

        // A signature in the future is refused beside the field; today's are accepted.
        let refused = fixture.run(
            app, on: terminal, [.character("S"), .control("u")] + typing("2026-12-24") + [.control("s")])
        #expect(refused.contains("A signature cannot lie in the future."))
        let signed = fixture.run(app, on: terminal, [.control("u")] + typing("t") + [.control("s")])
        #expect(signed.contains("In force"))
        #expect(signed.contains("Signed: newcomer 2026-11-23, authority 2026-11-23"))

        // The terms in force are fixed until an amendment is opened.
        #expect(fixture.run(app, on: terminal, [.character("a")]).contains("are fixed"))
        let amending = fixture.run(app, on: terminal, [.character("A")] + typing("Moved to Bergen") + [.control("s")])
        #expect(amending.contains("Version 2 opened; version 1 is kept."))
        #expect(amending.contains("Contract version 2 · Being amended"))
        let versions = fixture.run(app, on: terminal, [.character("V")])
        #expect(
            versions.contains(
                "Version 1, from 2026-11-23 (first version), signed newcomer 2026-11-23, authority 2026-11-23"))
        #expect(versions.contains("Provide an interpreter at every meeting"))
        let contract = try #require(try fixture.store.contract(clientID: muller.id, by: fixture.base.officer.id))
        #expect(contract.status == .amending && contract.number == 2)
    }

    @Test func aTrackFactProposesMarkingTheLanguageObligationMetAndTheOfficerConfirms() throws {
        let fixture = try UIFixture()
        let haddad = fixture.client("Haddad").id
        // The remaining skills reach the profile's targets.
        try fixture.store.addAssessment(
            clientID: haddad,
            AssessmentDraft(
                on: day("2026-11-16"), skills: [.spokenInteraction, .spokenProduction], level: .b1,
                instrument: "Norskprøven", provider: "Oslo VO", isCertified: true),
            actor: fixture.base.officer.id)
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 120, height: 40)
        app.push(try ClientRecordScreen(app: app, clientID: haddad, tab: .contract))
        let screen = fixture.run(app, on: terminal, [.down])
        #expect(screen.contains("Pending (proposed met)"))
        #expect(
            screen.contains(
                "Casebook proposes: met (m confirms) — Language target met in every skill (latest assessment 2026-11-16)"
            ))
        let form = fixture.run(app, on: terminal, [.character("m")])
        #expect(form.contains("2026-11-16"))
        fixture.run(app, on: terminal, [.control("s")])
        let contract = try #require(try fixture.store.contract(clientID: haddad, by: fixture.base.officer.id))
        let obligation = try #require(
            try fixture.store.obligations(contractID: contract.id, by: fixture.base.officer.id).first {
                $0.category == .language && $0.party == .newcomer
            })
        let assessed = try Day(iso: "2026-11-16")
        #expect(obligation.status == .met && obligation.settledOn == assessed)
        #expect(obligation.evidence.hasPrefix("Language target met"))
    }

    @Test func aNoteWithAnInterpreterAndFollowUpIsSavedAndShown() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: 100, height: 30)
        let ahmadi = fixture.client("احمدی").id
        app.push(try ClientRecordScreen(app: app, clientID: ahmadi, tab: .notes))
        #expect(fixture.run(app, on: terminal).contains("No notes yet"))
        let saved = fixture.run(
            app, on: terminal,
            [.character("a"), .enter] + typing("home") + [.enter, .tab, .enter] + typing("persian") + [.enter]
                + typing("Visited the family; school places for two children") + [.tab] + typing("+7d") + [
                    .control("s")
                ])
        #expect(saved.contains("Note saved; follow up on 2026-11-30."))
        #expect(saved.contains("Home visit") && saved.contains("follow up 2026-11-30"))
        let notes = try fixture.store.notes(clientID: ahmadi, by: fixture.base.officer.id)
        #expect(notes.count == 1 && notes[0].contact == .homeVisit && notes[0].interpreterLanguage == "fa")
        #expect(try fixture.store.auditTrail(clientID: ahmadi, by: fixture.base.officer.id).first?.entity == "note")
    }
}
