import CasebookCore
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// The Civic tab tells a programme's exemption in words, with the version it comes from, at the
/// sizes the goldens hold.
@Suite struct CivicExemptionScreenTests {
    @Test(arguments: GoldenSize.allCases)
    func theCivicTabSaysThePresetsExemptionInWords(_ size: GoldenSize) throws {
        let fixture = try UIFixture(populated: false)
        let store = fixture.store
        var exempting = sampleProgramme()
        exempting.id = "exempting"
        exempting.civicTest = CivicTestRule(
            name: "Exam", questions: 40, passMark: 32, exemptResidence: [.refugee], exemptFromAge: 65)
        try store.importProgramme(exempting, sourceFile: "e", sourceText: "e", actor: fixture.base.admin.id)
        // Fixture.draft's client is a refugee.
        let client = try fixture.base.add("Haddad", "Rasha", number: 1, officer: fixture.base.officer.id)
        try store.enrol(
            clientID: client.id, EnrolmentDraft(ProgrammeChoice("exempting", version: 1, profile: "basic")),
            actor: fixture.base.officer.id)
        let app = try fixture.app()
        app.push(try ClientRecordScreen(app: app, clientID: client.id, tab: .civic))
        let screen = fixture.run(app, on: size.terminal)
        #expect(screen.contains("Exempt from the civic test: beneficiary of international protection (Refugee)."))
        #expect(screen.contains("Source: the rule of exempting version 1"))
        #expect(screen.contains("Exempt"), "the stage")
    }
}
