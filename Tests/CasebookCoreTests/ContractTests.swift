import CasebookL10n
import CasebookCore
import CasebookTestSupport
import CasebookText
import Foundation
import Testing

@Suite struct DueDateTests {
    private func template(_ anchor: Anchor, _ due: String) -> ObligationTemplate {
        ObligationTemplate(party: .authority, category: .language, description: "Offer a course place", legalBasis: "§ 12", anchor: anchor, due: TimeSpan(due)!)
    }

    @Test(arguments: [
        // Month ends clamp to the shorter month, in leap and common years.
        (Anchor.settlement, "2026-01-31", "1m", "2026-02-28"),
        (.settlement, "2028-01-31", "1m", "2028-02-29"),
        (.settlement, "2026-08-31", "3m", "2026-11-30"),
        (.settlement, "2026-10-31", "4m", "2027-02-28"),
        (.settlement, "2027-10-31", "4m", "2028-02-29"),
        // A leap day anchor a year on lands on Feb 28; four years on on Feb 29.
        (.arrival, "2028-02-29", "1y", "2029-02-28"),
        (.arrival, "2028-02-29", "4y", "2032-02-29"),
        (.arrival, "2028-02-29", "12m", "2029-02-28"),
        // Days and weeks cross month, year and leap-day boundaries.
        (.signature, "2028-02-20", "14d", "2028-03-05"),
        (.signature, "2027-02-20", "14d", "2027-03-06"),
        (.signature, "2026-12-25", "2w", "2027-01-08"),
        (.courseEnd, "2027-01-31", "0d", "2027-01-31"),
        (.recognitionComplete, "2026-06-30", "18m", "2027-12-30"),
        (.enrolment, "2026-05-31", "1m", "2026-06-30"),
    ])
    func dueDatesCountFromTheirAnchor(anchor: Anchor, anchorDay: String, span: String, expected: String) {
        var anchors = AnchorDates()
        switch anchor {
        case .arrival: anchors.arrival = day(anchorDay)
        case .settlement: anchors.settlement = day(anchorDay)
        case .signature: anchors.signature = day(anchorDay)
        case .courseEnd: anchors.courseEnd = day(anchorDay)
        case .recognitionComplete: anchors.recognitionComplete = day(anchorDay)
        case .enrolment: anchors.enrolment = day(anchorDay)
        }
        #expect(template(anchor, span).dueDate(from: anchors) == day(expected))
    }

    @Test(arguments: Anchor.allCases)
    func anUnknownAnchorLeavesTheDueDateOpen(anchor: Anchor) {
        // Every other anchor is known; this one is not.
        var anchors = AnchorDates(
            arrival: day("2026-01-01"), settlement: day("2026-01-01"), signature: day("2026-01-01"),
            courseEnd: day("2026-01-01"), recognitionComplete: day("2026-01-01"), enrolment: day("2026-01-01"))
        switch anchor {
        case .arrival: anchors.arrival = nil
        case .settlement: anchors.settlement = nil
        case .signature: anchors.signature = nil
        case .courseEnd: anchors.courseEnd = nil
        case .recognitionComplete: anchors.recognitionComplete = nil
        case .enrolment: anchors.enrolment = nil
        }
        #expect(template(anchor, "3m").dueDate(from: anchors) == nil)
        #expect(Anchor.allCases.filter { $0 != anchor }.allSatisfy { template($0, "3m").dueDate(from: anchors) == day("2026-04-01") })
    }
}

@Suite struct ObligationTimingTests {
    let today = day("2026-11-23")

    @Test(arguments: [
        ("2026-11-22", ObligationTiming.overdue),
        ("2020-01-01", .overdue),
        ("2026-11-23", .dueSoon),
        ("2026-11-30", .dueSoon),
        ("2026-12-01", .later),
    ])
    func aPendingObligationIsOverdueDueSoonOrLater(due: String, expected: ObligationTiming) {
        #expect(ObligationTiming.of(due: day(due), status: .pending, today: today) == expected)
    }

    @Test(arguments: [ObligationStatus.met, .waived, .breached])
    func aSettledObligationIsNeverOverdue(status: ObligationStatus) {
        #expect(ObligationTiming.of(due: day("2026-01-01"), status: status, today: today) == .settled)
    }

    @Test func aPendingObligationWithoutADueDateWaits() {
        #expect(ObligationTiming.of(due: nil, status: .pending, today: today) == .later)
    }

    @Test func wasOverdueLooksAtTheDayItWasAsked() {
        let due = day("2026-03-31")
        #expect(!ObligationTiming.wasOverdue(due: due, settledOn: nil, on: day("2026-03-31")))
        #expect(ObligationTiming.wasOverdue(due: due, settledOn: nil, on: day("2026-04-30")))
        #expect(ObligationTiming.wasOverdue(due: due, settledOn: day("2026-05-10"), on: day("2026-04-30")))
        #expect(!ObligationTiming.wasOverdue(due: due, settledOn: day("2026-04-10"), on: day("2026-04-30")))
        #expect(!ObligationTiming.wasOverdue(due: nil, settledOn: nil, on: day("2026-04-30")))
    }
}

@Suite struct ObligationRuleTests {
    private func obligation(_ party: Party, _ status: ObligationStatus, due: String?, category: ObligationCategory = .other, id: Int64 = 0) -> Obligation {
        Obligation(id: id, party: party, category: category, description: "x", legalBasis: "", dueOn: due.map { day($0) }, status: status)
    }

    @Test func complianceCountsEachSideAndProvidersActForTheAuthority() {
        let today = day("2026-11-23")
        let all = [
            obligation(.newcomer, .met, due: "2026-01-01"), obligation(.newcomer, .pending, due: "2026-11-01"),
            obligation(.newcomer, .pending, due: "2027-01-01"), obligation(.newcomer, .breached, due: "2026-02-01"),
            obligation(.authority, .pending, due: "2026-11-22"), obligation(.provider, .pending, due: "2026-10-01"),
            obligation(.authority, .waived, due: "2026-10-01"), obligation(.authority, .pending, due: nil),
        ]
        let newcomer = Compliance(all, party: .newcomer, today: today)
        #expect((newcomer.met, newcomer.pending, newcomer.overdue, newcomer.breached, newcomer.waived) == (1, 1, 1, 1, 0))
        let authority = Compliance(all, party: .authority, today: today)
        #expect((authority.met, authority.pending, authority.overdue, authority.breached, authority.waived) == (0, 1, 2, 0, 1))
        #expect(newcomer.total + authority.total == all.count)
    }

    @Test(arguments: ObligationStatus.allCases, ObligationStatus.allCases)
    func onlyAPendingObligationIsSettled(from: ObligationStatus, to: ObligationStatus) {
        let legal = from == .pending && to != .pending
        #expect((Obligation.settlementProblem(from: from, to: to) != nil) == !legal)
    }

    @Test func aWaiverNeedsItsReason() {
        let waiver = SettlementDraft(.waived, on: testDay, reason: "  ")
        #expect(problems(SettlementDraft.Field.self) { try waiver.validated(today: testDay) } == [.reason: "Say why it is waived."])
        #expect(refused(SettlementDraft.Field.self) { try SettlementDraft(.met, on: testDay).validated(today: testDay) } == [])
    }

    @Test func termsNeedADescriptionAndNoControlCharacters() {
        func terms(_ description: String, _ basis: String = "") -> [ObligationDraft.Field] {
            refused(ObligationDraft.Field.self) { try ObligationDraft(description: description, legalBasis: basis).validated() }
        }
        #expect(terms(" ") == [.description])
        #expect(terms("Attend\u{1B}[2J") == [.description])
        #expect(terms(String(repeating: "a", count: 301)) == [.description])
        #expect(terms("Attend", String(repeating: "§", count: 121)) == [.legalBasis])
        #expect(terms("Délivrer l'attestation", "CESEDA L413-2") == [])
    }

    @Test func signaturesAreTwoDatesBetweenTheDraftAndToday() {
        let drafted = day("2026-11-01")
        let today = day("2026-11-23")
        func signed(_ newcomer: Day?, _ authority: Day?) -> [SignatureDraft.Field] {
            refused(SignatureDraft.Field.self) {
                try SignatureDraft(newcomer: newcomer, authority: authority).validated(drafted: drafted, today: today)
            }
        }
        #expect(signed(nil, today) == [.newcomer])
        #expect(signed(today, day("2026-11-24")) == [.authority])
        #expect(signed(day("2026-10-31"), today) == [.newcomer])
        #expect(signed(drafted, today) == [])
    }

    @Test func trackFactsProposeOnlyWhatTheyFulfil() {
        let obligations = [
            obligation(.newcomer, .pending, due: nil, category: .language, id: 1),
            obligation(.newcomer, .pending, due: nil, category: .civic, id: 2),
            obligation(.authority, .pending, due: nil, category: .recognition, id: 3),
            obligation(.provider, .pending, due: nil, category: .recognition, id: 4),
            obligation(.authority, .pending, due: nil, category: .language, id: 5),
            obligation(.newcomer, .met, due: nil, category: .language, id: 6),
            obligation(.newcomer, .pending, due: nil, category: .employment, id: 7),
        ]
        #expect(TrackFacts().proposals(for: obligations).isEmpty)
        let facts = TrackFacts(languageTargetMetOn: day("2026-06-15"), civicCompletedOn: day("2026-10-03"), recognitionDecidedOn: day("2026-09-01"))
        let proposals = facts.proposals(for: obligations)
        #expect(proposals.map(\.obligationID) == [1, 2, 3, 4])
        #expect(proposals.map(\.on) == [day("2026-06-15"), day("2026-10-03"), day("2026-09-01"), day("2026-09-01")])
        #expect(TrackFacts(civicCompletedOn: day("2026-10-03")).proposals(for: obligations).map(\.obligationID) == [2])
    }
}

@Suite struct NoteRuleTests {
    let today = day("2026-11-23")

    @Test func aNoteIsAPastContactWithASummary() {
        func note(_ date: Day, _ summary: String, interpreter: String? = nil, followUp: Day? = nil) -> [NoteDraft.Field] {
            let draft = NoteDraft(date: date, interpreter: interpreter, summary: summary, followUpOn: followUp)
            return refused(NoteDraft.Field.self) { try draft.validated(clientID: 1, today: today) }
        }
        #expect(note(today, "Talked about the course", interpreter: "ar", followUp: day("2026-12-01")) == [])
        #expect(note(day("2026-11-24"), "x") == [.date])
        #expect(note(today, "  ") == [.summary])
        #expect(note(today, "x", interpreter: "zz") == [.interpreter])
        #expect(note(today, "x", followUp: day("2026-11-22")) == [.followUpOn])
        #expect(note(today, "a\u{07}b") == [.summary])
    }

    @Test func theWorklistPutsOverdueFirstThenByDay() {
        func item(_ kind: WorkItem.Kind, _ date: String?, _ number: String) -> WorkItem {
            WorkItem(kind: kind, clientID: 1, caseNumber: number, clientName: "x", day: date.map { day($0) }, text: "")
        }
        let items = [
            item(.noContact, nil, "2026-000001"), item(.followUp, "2026-11-20", "2026-000002"),
            item(.dueSoonObligation, "2026-11-25", "2026-000003"), item(.overdueObligation, "2026-11-01", "2026-000004"),
            item(.overdueObligation, "2026-10-01", "2026-000005"), item(.permitExpiring, "2026-12-20", "2026-000006"),
        ]
        #expect(WorkItem.ordered(items).map(\.caseNumber) == ["2026-000005", "2026-000004", "2026-000003", "2026-000002", "2026-000006", "2026-000001"])
    }
}

@Suite struct ContractDocumentTests {
    func document(description: String = "Offer a course place") -> ContractDocument {
        let contract = Contract(
            id: 1, clientID: 1, programmeID: "no-introduction", programmeVersion: 2, status: .active, number: 1,
            settledOn: day("2025-03-02"), newcomerSignedOn: day("2025-03-25"), authoritySignedOn: nil, reviewedOn: nil,
            endedOn: nil, endReason: "", version: 3)
        let obligations = [
            Obligation(party: .authority, category: .language, description: description, legalBasis: "§ 12", anchor: .settlement, offset: TimeSpan(3, .months), dueOn: day("2025-06-02")),
            Obligation(party: .newcomer, category: .meeting, description: "Attend the intake meeting", legalBasis: "§ 15", dueOn: day("2025-04-09"), status: .met, settledOn: day("2025-04-02")),
            Obligation(party: .provider, category: .interpreter, description: "Provide an interpreter", legalBasis: "", dueOn: nil, status: .waived, waivedReason: "Speaks Norwegian now", settledOn: day("2026-01-10")),
        ]
        return ContractDocument(
            programmeName: "Introduction programme (Norway)", contract: contract, obligations: obligations,
            clientName: "Haddad, Rasha", caseNumber: "2026-000011", dateOfBirth: day("1990-05-01"), officerName: "Ola Karlsen",
            printedOn: day("2026-11-23"))
    }

    @Test func theTextHasBothSidesWithTheSameWeightAndSignatureLines() throws {
        let text = document().text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let newcomer = try #require(lines.firstIndex(of: "THE NEWCOMER COMMITS TO"))
        let authority = try #require(lines.firstIndex(of: "THE AUTHORITY COMMITS TO"))
        #expect(newcomer < authority)
        #expect(lines[newcomer + 2] == " 1. Attend the intake meeting")
        #expect(text.contains("    Due: 2025-06-02 (3 months after settlement)"))
        #expect(text.contains("    Status: Pending, overdue"))
        #expect(text.contains("    Provider acting for the authority"))
        #expect(text.contains("    Status: Waived on 2026-01-10: Speaks Norwegian now"))
        #expect(text.contains("The newcomer          ______________________________   Date: 2025-03-25"))
        #expect(text.contains("For the authority     ______________________________   Date: __________"))
        #expect(text.contains("Newcomer:     Haddad, Rasha, born 1990-05-01"))
    }

    @Test func htmlEscapesWhatOfficersTypedAndControlCharactersNeverReachThePage() {
        let html = document(description: "<script>alert('x')</script> & \u{1B}[31mred").html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;"))
        #expect(!html.contains("\u{1B}"))
        #expect(html.contains("<h2>The newcomer commits to</h2>") && html.contains("<h2>The authority commits to</h2>"))
        #expect(html.contains("Date: 2025-03-25") && html.contains("Date: ____________"))
    }
}

@Suite struct DocumentWrapTests {
    @Test func wrappingFillsLinesAndKeepsEveryWord() {
        let text = "Draw up the integration plan with the participant and sign the integration contract at the same time"
        let lines = ContractDocument.wrap(text, width: 30)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines.joined(separator: " ") == text)
        #expect(ContractDocument.wrap("", width: 10) == [""])
        #expect(ContractDocument.wrap("Kompetansekartleggingen", width: 10) == ["Kompetansekartleggingen"])
    }
}

/// The printed contract in the officer's language, and a second one beside it.
@Suite(
    .enabled(
        if: !msgfmtMissing || ProcessInfo.processInfo.environment["CI"] == "true",
        "Skipped: msgfmt is not installed (make deps installs gettext)."))
struct ContractDocumentLanguageTests {
    private let texts = ["nb": ["Offer a course place": "Tilby plass på kurs"]]

    private func document(description: String = "Offer a course place") -> ContractDocument {
        var document = ContractDocumentTests().document(description: description)
        document.texts = texts
        return document
    }

    @Test func inNorwegianTheLabelsAndTheProgrammesOwnWordsAreNorwegian() throws {
        let norwegian = try #require(try shippedCatalogue("nb"))
        let text = Messages.speaking(norwegian) { document().text }
        #expect(!text.contains("INTEGRATION CONTRACT") && !text.contains("Due:"), "\(text)")
        #expect(text.contains("Tilby plass på kurs"), "\(text)")
        // An obligation the officer worded is printed as written.
        let reworded = Messages.speaking(norwegian) { document(description: "Offer a course place soon").text }
        #expect(reworded.contains("Offer a course place soon"))
    }

    @Test func withAlsoTheSecondLanguageFollowsOnItsOwnPage() throws {
        let norwegian = try #require(try shippedCatalogue("nb"))
        let text = document().text(also: ContractDocument.DocumentLanguage(norwegian))
        let pages = text.split(separator: "\u{0C}")
        #expect(pages.count == 2)
        #expect(pages.first?.contains("INTEGRATION CONTRACT") == true && pages.first?.contains("Offer a course place") == true)
        #expect(pages.last?.contains("Tilby plass på kurs") == true && pages.last?.contains("INTEGRATION CONTRACT") == false)
    }

    /// The printed contract names each category in full, in the language it is written in,
    /// from the same table as the screens' short names (CasebookText).
    @Test(arguments: ["nb", "de", "fr", "nl"])
    func categoriesArePrintedInTheLanguageOfThePage(language: String) throws {
        let catalogue = try #require(try shippedCatalogue(language))
        var document = document()
        document.obligations.append(
            Obligation(
                party: .newcomer, category: .civic, description: "Complete the civic orientation course",
                legalBasis: "", dueOn: day("2025-09-01")))
        // In the officer's language, and English beside it (`--also en`).
        let pages = Messages.speaking(catalogue) { document.text(also: ContractDocument.DocumentLanguage(nil)) }
            .split(separator: "\u{0C}").map(String.init)
        try #require(pages.count == 2)
        let (own, english) = (pages[0], pages[1])
        for category in [ObligationCategory.civic, .language, .meeting, .interpreter] {
            let name = Messages.speaking(catalogue) { category.printedName }
            let englishName = Messages.speaking(nil) { category.printedName }
            #expect(name != englishName, "\(language) has no name of its own for \(category)")
            #expect(own.contains(name) && !own.contains(englishName), "\(own)")
            #expect(english.contains(englishName), "\(english)")
        }
        #expect(english.contains("Category: Civic orientation"))
    }

    @Test func inHTMLTheTwoLanguagesStandInColumnsEachWithItsLanguage() throws {
        let german = try #require(try shippedCatalogue("de"))
        let norwegian = try #require(try shippedCatalogue("nb"))
        let html = Messages.speaking(german) { document().html(also: ContractDocument.DocumentLanguage(norwegian)) }
        #expect(html.contains("<html lang=\"de\">"))
        #expect(html.contains("<div class=\"languages\">"))
        #expect(html.contains("<article lang=\"de\">") && html.contains("<article lang=\"nb\">"))
        #expect(html.contains("Tilby plass på kurs"))
        // German has no words of its own for this obligation: the English as written.
        #expect(html.contains("Offer a course place"))
        let english = Messages.speaking(norwegian) { document().html(also: ContractDocument.DocumentLanguage(nil)) }
        #expect(english.contains("<article lang=\"en\">") && english.contains("INTEGRATION CONTRACT") == false)
        #expect(english.contains("Integration contract"))
    }
}
