import CasebookTestSupport
import CasebookText
import Testing

@testable import CasebookCore

@Suite struct CasePhaseTests {
    /// The lifecycle of DOMAIN.md, written out independently of the implementation.
    static let legal: Set<String> = [
        "referred>eligibility_check", "eligibility_check>not_eligible", "eligibility_check>offered",
        "not_eligible>closed", "offered>intake_assessment", "intake_assessment>plan_draft",
        "plan_draft>contract_signed", "contract_signed>active", "active>on_leave", "on_leave>active",
        "active>suspended", "suspended>active", "suspended>discontinued", "discontinued>closed",
        "active>completed", "active>exempted", "active>transferred_out", "completed>closed", "exempted>closed",
        "transferred_out>closed", "closed>reopened", "closed>archived", "reopened>intake_assessment",
        "reopened>active",
    ]

    static let allPairs: [(CasePhase, CasePhase)] = CasePhase.allCases.flatMap { from in
        CasePhase.allCases.map { (from, $0) }
    }

    @Test(arguments: allPairs)
    func everyTransitionIsLegalExactlyWhenTheLifecycleSaysSo(_ from: CasePhase, _ to: CasePhase) {
        let expected = Self.legal.contains("\(from.rawValue)>\(to.rawValue)")
        #expect(from.canMove(to: to) == expected)
        let move = PhaseChangeDraft(to: to, on: testDay, exitReason: to == .closed ? .work : nil)
        let refusal = problems(PhaseChangeDraft.Field.self) { try move.validated(from: from, today: testDay) }
        #expect(refusal == (expected ? [:] : [.target: PhaseError.illegal(from: from, to: to).description]))
    }

    @Test(arguments: CasePhase.allCases)
    func refusalNamesTheLegalNextPhases(_ from: CasePhase) {
        guard let illegal = CasePhase.allCases.first(where: { !from.canMove(to: $0) }) else { return }
        let message = PhaseError.illegal(from: from, to: illegal).description
        #expect(message.contains(from.label))
        for next in from.next { #expect(message.contains(next.label)) }
        if from.next.isEmpty { #expect(message.contains("final")) }
    }

    @Test func closingNeedsAnExitReasonAndOnlyClosingTakesOne() {
        let closing = PhaseChangeDraft(to: .closed, on: testDay)
        #expect(refused(PhaseChangeDraft.Field.self) { try closing.validated(from: .completed, today: testDay) } == [.exitReason])
        let completing = PhaseChangeDraft(to: .completed, on: testDay, exitReason: .work)
        #expect(refused(PhaseChangeDraft.Field.self) { try completing.validated(from: .active, today: testDay) } == [.exitReason])
    }

    @Test(arguments: CasePhase.allCases)
    func phasesParseFromTheirNameAndLabel(_ phase: CasePhase) throws {
        #expect(try CasePhase(parsing: phase.rawValue) == phase)
        #expect(try CasePhase(parsing: phase.label) == phase)
        #expect(try CasePhase(parsing: phase.rawValue.uppercased()) == phase)
    }

    @Test func unknownPhaseIsRefusedByName() {
        #expect(throws: PhaseError.unknown("finished")) { try CasePhase(parsing: "finished") }
    }

    @Test func everyPhaseButArchivedHasAWayOn() {
        for phase in CasePhase.allCases where phase != .archived { #expect(!phase.next.isEmpty) }
    }
}
