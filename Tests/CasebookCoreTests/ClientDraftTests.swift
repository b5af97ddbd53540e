import Testing

@testable import CasebookCore

@Suite struct ClientDraftTests {
    let today = Day(year: 2026, month: 11, day: 23)!

    static func valid() -> ClientDraft {
        ClientDraft(values: [
            .caseNumber: "2026-000001", .familyName: "Haddad", .givenNames: "Rasha", .dateOfBirth: "1990-05-01",
            .sex: "F", .countryOfBirth: "SY", .nationality: "sy", .languages: "ar, en", .arrivalDate: "2025-09-14",
            .residenceCategory: "refugee", .programmeStatus: "right_and_obligation",
        ])
    }

    func issues(_ change: (inout ClientDraft) -> Void) -> ValidationFailure<ClientField>? {
        var draft = Self.valid()
        change(&draft)
        do {
            _ = try draft.validated(today: today)
            return nil
        } catch { return error }
    }

    @Test func aCompleteDraftBecomesAClient() throws {
        let client = try Self.valid().validated(today: today)
        #expect(client.nationality == "SY")
        #expect(client.languages == ["ar", "en"])
        #expect(client.phase == .referred)
        #expect(ClientDraft(client)[.languages] == "ar, en")
    }

    @Test(arguments: ClientField.allCases.filter(\.isRequired))
    func requiredFieldsAreRequired(_ field: ClientField) {
        #expect(issues { $0[field] = "  " }?.message(for: field) == "Required.")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let failure = issues {
            $0[.familyName] = ""
            $0[.dateOfBirth] = "1990-02-30"
            $0[.countryOfBirth] = "ZZ"
        }
        #expect(failure?.issues.map(\.field) == [.familyName, .dateOfBirth, .countryOfBirth])
    }

    @Test func birthDateCannotLieInTheFuture() {
        #expect(issues { $0[.dateOfBirth] = "2026-11-24" }?.message(for: .dateOfBirth)?.contains("future") == true)
        #expect(issues { $0[.dateOfBirth] = "1900-01-01" }?.message(for: .dateOfBirth)?.contains("120") == true)
    }

    @Test func arrivalCannotPrecedeBirth() {
        #expect(issues { $0[.arrivalDate] = "1989-01-01" }?.message(for: .arrivalDate) != nil)
    }

    @Test func permitMustExpireAfterArrival() {
        #expect(issues { $0[.permitExpiry] = "2025-09-14" }?.message(for: .permitExpiry) != nil)
        #expect(issues { $0[.permitExpiry] = "2028-09-14" } == nil)
    }

    @Test(arguments: [(ClientField.countryOfBirth, "XY"), (.nationality, "Syria"), (.languages, "ar, klingon"), (.interpreterLanguage, "zz")])
    func unknownCodesAreRefused(_ field: ClientField, _ value: String) {
        #expect(issues { $0[field] = value }?.message(for: field) != nil)
    }

    @Test func iso6393CodesForLanguagesWithoutTwoLettersAreKnown() {
        #expect(issues { $0[.languages] = "prs, ckb, tig" } == nil)
        #expect(Countries.isKnown("XX") && Countries.isKnown("ER") && Languages.isKnown("ti"))
    }

    @Test func caseNumberFormatIsChecked() {
        #expect(issues { $0[.caseNumber] = "26-1" }?.message(for: .caseNumber) != nil)
    }

    @Test(arguments: [(ClientField.sex, "female"), (.residenceCategory, "tourist"), (.programmeStatus, "maybe"), (.vulnerabilities, "sad")])
    func choicesMustBeKnown(_ field: ClientField, _ value: String) {
        #expect(issues { $0[field] = value }?.message(for: field)?.hasPrefix("Choose") == true)
    }

    @Test(arguments: ["Had\u{1B}[2Jdad", "Had\u{202E}dad", "Had\u{0}dad"])
    func controlCharactersAndOverridesAreRefused(_ name: String) {
        #expect(issues { $0[.familyName] = name }?.message(for: .familyName)?.contains("control") == true)
    }

    @Test func overlongTextIsRefused() {
        #expect(issues { $0[.familyName] = String(repeating: "a", count: 10_000) }?.message(for: .familyName)?.contains("100") == true)
    }

    @Test func contactDetailsAreChecked() {
        #expect(issues { $0[.email] = "rasha.example.org" }?.message(for: .email) != nil)
        #expect(issues { $0[.email] = "rasha@example.org" } == nil)
        #expect(issues { $0[.phone] = "call me" }?.message(for: .phone) != nil)
        #expect(issues { $0[.phone] = "+47 912 34 567" } == nil)
    }

    @Test func namesInEveryScriptAreAccepted() {
        for name in ["الحسن", "ገብረሂወት", "Шевченко", "王", "Nguyễn", "علی‌رضا"] {
            #expect(issues { $0[.familyName] = name } == nil)
        }
    }

    @Test func changesListOnlyWhatDiffers() throws {
        let before = try Self.valid().validated(today: today)
        var draft = ClientDraft(before)
        draft[.phone] = "+47 912 34 567"
        let after = try draft.validated(today: today)
        let changes = after.changes(from: before)
        #expect(changes.count == 1)
        #expect(changes.first?.field == .phone && changes.first?.old == "" && changes.first?.new == "+47 912 34 567")
    }
}
