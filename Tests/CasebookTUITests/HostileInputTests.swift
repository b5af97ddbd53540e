#if canImport(Glibc)
    import Glibc
#endif
import CasebookCore
import CasebookText
import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookTUI

/// Hostile text through every text and date field of every form: each value is stored exactly
/// or refused beside its field with nothing saved, and the screen never carries a control
/// character or a line wider than the terminal.
@Suite struct HostileInputTests {
    @Test(arguments: FormCase.all, HostileValue.all)
    func everyFieldStoresAHostileValueExactlyOrRefusesItBesideTheField(_ form: FormCase, _ value: HostileValue) throws {
        let fixture = try HostileFixture()
        let terminal = VirtualTerminal(width: 132, height: 43)
        let app = try form.open(fixture, terminal)
        let field = try #require(form.probe(app), "\(form) did not open")
        let before = try HostileFixture.baseline.get()

        // Focus the field with Tab, clear it, then type or paste the value.
        var keys = Array(repeating: Key.tab, count: (field.index - field.focus + field.count) % field.count)
        keys += [.control("u")] + (value.isTyped ? typing(value.text) : [.paste(value.text)])
        fixture.run(app, on: terminal, keys)
        #expect(form.probe(app)?.text == value.text, "the field holds exactly what arrived")
        expectReadable(terminal)

        fixture.run(app, on: terminal, [.control("s")])
        expectReadable(terminal)
        let after = try fixture.storedTexts()
        let mustRefuse =
            Sanitized.problem(in: value.text) != nil || field.limit.map { value.text.count > $0 } == true
        if app.top === field.screen {
            // Refused: a message beside the field, and nothing at all was written.
            let message = try #require(
                form.probe(app)?.error, "refused without a message beside the field:\n\(terminal.text)")
            let row = terminal.frame.lines.first {
                $0.contains(String(field.label.prefix(10))) && $0.contains(String(message.prefix(10)))
            }
            #expect(row != nil, "the message is not on the field's row:\n\(terminal.text)")
            #expect(after == before, "a refused value left something in the database")
            #expect(!(form.isFreeText && !mustRefuse), "free text was refused: \(message)")
        } else {
            // Saved: the very same text is in the store.
            #expect(!mustRefuse, "a value that must be refused was saved")
            #expect(after.contains(value.text) && !before.contains(value.text), "saved, but not stored exactly")
            #expect(!terminal.text.contains("fields need attention"))
        }
    }

    /// Curses answers ERR at once when a paste holds bytes that are not UTF-8 (and swallows
    /// them), then delivers the end marker: the paste goes on and marks the spot.
    @Test func invalidUTF8InAPasteIsMarkedAndTheRestOfThePasteIsKept() {
        var reader = PasteReader()
        for input: PasteReader.Input in [
            .character(97), .character(98), .unreadable, .unreadable, .character(0x63), .end, .character(0x71),
        ] {
            reader.take(input)
        }
        #expect(reader.isComplete)
        #expect(reader.key == .paste("ab\u{FFFD}c"), "nothing after the end marker, nothing lost before it")
        var lost = PasteReader()
        for _ in 0..<100 { lost.take(.unreadable) }
        #expect(lost.isComplete, "endless errors (input closed) end the paste")
        var quiet = PasteReader()
        quiet.take(.character(0x1B))
        quiet.take(.quiet)
        #expect(quiet.isComplete && quiet.key == .paste("\u{1B}"))
    }

    @Test(arguments: [
        (UInt32(0x1B), Key.escape), (0x09, .tab), (0x0D, .enter), (0x7F, .backspace), (0x01, .control("a")),
        (0x9B, .character("\u{9B}")), (0x202E, .character("\u{202E}")), (0xD800, .character("\u{FFFD}")),
        (0x11_0000, .character("\u{FFFD}")), (0x200B, .character("\u{200B}")),
    ])
    func characterCodesBecomeKeysAndOddOnesReachTheFieldVisibly(_ code: UInt32, _ key: Key) {
        #expect(KeyDecoding.key(forCharacter: code) == key)
    }

    @Test func codesThatMeanNothingAreIgnored() {
        for code: UInt32 in [0, 28, 29, 30, 31] { #expect(KeyDecoding.key(forCharacter: code) == nil) }
    }

    /// Typing hostile text into a pick list's filter (on every choice field of the client form)
    /// finds nothing, chooses nothing and leaves the screen clean.
    @Test(arguments: HostileValue.all)
    func hostileTextInAPickListFilterChoosesNothing(_ value: HostileValue) throws {
        let fixture = try HostileFixture()
        let terminal = VirtualTerminal(width: 100, height: 30)
        let app = try FormCase.newClient.open(fixture, terminal)
        let screen = try #require(app.top as? FormScreen<ClientDraft>)
        for (index, field) in screen.fields.enumerated() {
            guard case .choice = field.kind else { continue }
            let before = screen.text(at: index)
            let steps = (index - screen.focus + screen.fields.count) % screen.fields.count
            fixture.run(app, on: terminal, Array(repeating: .tab, count: steps) + [.paste(value.text)])
            expectReadable(terminal)
            #expect(app.top is PickListDialog)
            fixture.run(app, on: terminal, [.escape])
            #expect(app.top === screen)
            #expect(screen.text(at: index) == before, "\(field.label) changed")
        }
    }

    enum Place: String, CaseIterable { case list, record, form, pickList = "pick list", help }

    /// Every screen, at every size from nothing to 300×100, with names that join, mark and run
    /// right to left on it: no crash, nothing unprintable, no line too wide; back at a normal
    /// size the same screen answers keys.
    @Test(arguments: Place.allCases)
    func everySizeFromNothingTo300x100DrawsReadably(_ place: Place) throws {
        let fixture = try HostileFixture()
        let haddad = try fixture.clientID("Haddad")
        let stored = try #require(try fixture.store.client(id: haddad, by: fixture.officer.id))
        var draft = ClientDraft(stored)
        draft[.givenNames] = "Rasha 👨‍👩‍👧 Had\u{200B}dad\u{200F} العلي"
        draft[.otherNames] = String(repeating: "الحسن ", count: 30)
        _ = try fixture.store.updateClient(
            id: haddad, with: draft, expectedVersion: stored.version, actor: fixture.officer.id)
        let terminal = VirtualTerminal(width: 100, height: 30)
        let app = try fixture.app()
        switch place {
        case .record: app.push(try ClientRecordScreen(app: app, clientID: haddad))
        case .form: fixture.run(app, on: terminal, [.character("n")])
        case .pickList: fixture.run(app, on: terminal, [.character("n"), .tab, .tab, .tab, .tab, .tab, .enter])
        case .help: fixture.run(app, on: terminal, [.character("?")])
        case .list: break
        }
        let screen = try #require(app.top)
        for width in [0, 1, 2, 5, 19, 20, 21, 59, 60, 61, 80, 133, 300] {
            for height in [0, 1, 2, 5, 14, 15, 16, 24, 43, 100] {
                terminal.resize(width: width, height: height)
                fixture.run(app, on: terminal)
                expectReadable(terminal)
                if width >= 60 && height >= 15 { #expect(terminal.text.contains("Casebook"), "\(width)×\(height)") }
            }
        }
        terminal.resize(width: 100, height: 30)
        fixture.run(app, on: terminal, place == .record ? [.tab, .tab, .tab, .tab] : [.down])
        #expect(app.top === screen && !app.isFinished)
        expectReadable(terminal)
    }
}

/// A value an officer, a paste or a terminal could deliver.
struct HostileValue: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    /// Typed key by key rather than pasted.
    var isTyped = false

    var testDescription: String { name }

    static let all: [HostileValue] = [
        HostileValue(name: "control U+0001", text: "Ha\u{01}ddad"),
        HostileValue(name: "tab", text: "Ha\tddad"),
        HostileValue(name: "carriage return", text: "Ha\rddad"),
        HostileValue(name: "line break", text: "Haddad\nRasha"),
        HostileValue(name: "DEL", text: "Ha\u{7F}ddad"),
        HostileValue(name: "clear-screen escape", text: "\u{1B}[2J"),
        HostileValue(name: "clear-screen escape, typed", text: "x\u{1B}[2J", isTyped: true),
        HostileValue(name: "window-title escape", text: "\u{1B}]0;pwn\u{07}"),
        HostileValue(name: "C1 CSI", text: "a\u{9B}31mb"),
        HostileValue(name: "right-to-left override", text: "\u{202E}daddaH"),
        HostileValue(name: "right-to-left isolate", text: "\u{2067}Haddad\u{2069}"),
        HostileValue(name: "right-to-left mark", text: "Haddad\u{200F}"),
        HostileValue(name: "zero-width space", text: "Had\u{200B}dad"),
        HostileValue(name: "zero-width joiner", text: "Had\u{200D}dad"),
        HostileValue(name: "byte-order mark", text: "\u{FEFF}Haddad"),
        HostileValue(name: "emoji joined by U+200D", text: "👨‍👩‍👧 family"),
        HostileValue(name: "10,000 characters", text: String(repeating: "ab", count: 5_000)),
        HostileValue(name: "invalid UTF-8 in a paste", text: HostileValue.pasteWithInvalidBytes),
        HostileValue(name: "SQL injection", text: "'; DROP TABLE clients; --"),
        HostileValue(name: "SQL injection, typed", text: "x'); DELETE FROM audit; --", isTyped: true),
        HostileValue(name: "percent", text: "%"),
        HostileValue(name: "underscore", text: "_"),
        HostileValue(name: "double quote", text: "\""),
        HostileValue(name: "backslash", text: "\\"),
    ]

    /// "Oslo ", bytes that are not UTF-8 (0xFF 0xFE), "VO": what the paste reader makes of the
    /// answers curses gives for them.
    static let pasteWithInvalidBytes: String = {
        var reader = PasteReader()
        for byte in "Oslo ".unicodeScalars { reader.take(.character(byte.value)) }
        reader.take(.unreadable)
        for byte in "VO".unicodeScalars { reader.take(.character(byte.value)) }
        reader.take(.end)
        guard case .paste(let text) = reader.key else { return "" }
        return text
    }()
}

/// A field of a form, and how to open that form with every other field valid.
struct FormCase: Sendable, CustomTestStringConvertible {
    let form: String
    let field: String
    /// Free text (a name, a reason, a summary): any value without control characters that
    /// fits must be stored. Other fields (dates, numbers, codes) may refuse what they cannot read.
    let isFreeText: Bool
    let open: @Sendable (HostileFixture, VirtualTerminal) throws -> App
    /// The field as the form on top shows it, or nil when that is not the form.
    let probe: @Sendable (App) -> FieldProbe?

    var testDescription: String { "\(form): \(field)" }

    /// What the test reads of one field of the form on top.
    struct FieldProbe {
        let screen: any Screen
        let index: Int
        let focus: Int
        let count: Int
        let label: String
        let limit: Int?
        let text: String?
        let error: String?
    }

    static let all: [FormCase] = {
        var cases: [FormCase] = []
        func add<Draft: FormDraft>(
            _ form: String, _ opener: Opener<Draft>, free: [Draft.Field], other: [Draft.Field] = []
        ) {
            for (fields, isFree) in [(free, true), (other, false)] {
                cases += fields.map { field in
                    FormCase(form: form, field: field.rawValue, isFreeText: isFree, open: opener.open) { app in
                        guard let screen = app.top as? FormScreen<Draft>,
                            let index = screen.fields.firstIndex(where: { $0.id == field })
                        else { return nil }
                        return FieldProbe(
                            screen: screen, index: index, focus: screen.focus, count: screen.fields.count,
                            label: screen.fields[index].label, limit: field.characterLimit,
                            text: screen.text(of: field), error: screen.error(of: field))
                    }
                }
            }
        }
        add(
            "new client", newClient, free: [ClientField.familyName, .givenNames, .otherNames, .municipality, .address],
            other: [.caseNumber, .dateOfBirth, .arrivalDate, .permitExpiry, .phone, .email])
        add("edit client", record("Haddad", .overview, "e", ClientDraft.self), free: [.familyName, .address])
        add(
            "phase", record("Haddad", .overview, "c") { (draft: inout PhaseChangeDraft) in draft.target = .onLeave },
            free: [.note], other: [.effectiveOn])
        add(
            "assessment",
            record("Haddad", .language, "a") { (draft: inout AssessmentDraft) in
                (draft.level, draft.instrument, draft.provider) = (.b1, "Test", "VO")
            }, free: [.instrument, .provider], other: [.date])
        add(
            "target",
            record("Haddad", .language, "o") { (draft: inout TargetDraft) in
                (draft.skill, draft.level, draft.reason) = (.reading, .b1, "Dyslexia")
            }, free: [.reason])
        add(
            "course",
            record("Haddad", .language, "n") { (draft: inout CourseDraft) in
                (draft.provider, draft.level, draft.hoursPlanned) = ("VO", .b1, 100)
            }, free: [.provider], other: [.startsOn, .endsOn, .hoursPlanned])
        add(
            "attendance",
            record("Haddad", .language, "t") { (draft: inout AttendanceDraft) in
                (draft.scheduled, draft.attended) = (10, 10)
            }, free: [], other: [.date, .scheduled, .attended])
        add(
            "qualification",
            record("Haddad", .qualifications, "a") { (draft: inout QualificationDraft) in
                (draft.title, draft.year, draft.iscedLevel) = ("BSc", 2010, 6)
            }, free: [.title, .field, .institution], other: [.year, .identifiedOn])
        add(
            "recognition step",
            record("Haddad", .qualifications, "s") { (draft: inout RecognitionStepDraft) in
                draft.stage = .fullRecognition
            }, free: [.note], other: [.on, .passportIssuedOn, .compensationStart, .compensationEnd])
        add(
            "civic requirement",
            record("Haddad", .civic, "x") { (draft: inout CivicRequirementDraft) in
                (draft.requirement, draft.reason) = (.exempt, "Illness")
            }, free: [.reason])
        add(
            "civic session", record("Haddad", .civic, "s") { (draft: inout CivicSessionDraft) in draft.hours = 2 },
            free: [], other: [.date, .hours])
        add(
            "civic test", record("Haddad", .civic, "t") { (draft: inout CivicTestDraft) in draft.score = 30 },
            free: [], other: [.date, .score])
        add("civic attestation", record("Haddad", .civic, "v", AttestationDraft.self), free: [], other: [.date])
        add(
            "contract draft", record("Ødegård", .contract, "d", NewContractDraft.self), free: [],
            other: [.settledOn, .draftedOn])
        add(
            "obligation",
            record("Müller", .contract, "a") { (draft: inout ObligationDraft) in draft.description = "Attend" },
            free: [.description, .legalBasis], other: [.dueOn])
        add("obligation met", settle("m") { _ in }, free: [.evidence], other: [.on])
        add("obligation waived", settle("w") { $0.reason = "Ill" }, free: [.reason, .evidence])
        add("obligation breached", settle("b") { _ in }, free: [.evidence])
        add(
            "signatures", record("Müller", .contract, "S", SignatureDraft.self), free: [],
            other: [.newcomer, .authority])
        add(
            "contract review", record("Haddad", .contract, "R", ContractReviewDraft.self), free: [.note],
            other: [.on])
        add(
            "amendment", record("Haddad", .contract, "A") { (draft: inout AmendmentDraft) in draft.reason = "Moved" },
            free: [.reason])
        add(
            "contract end",
            record("Haddad", .contract, "X") { (draft: inout ContractEndDraft) in draft.reason = "Moved" },
            free: [.reason], other: [.on])
        add(
            "note", record("Haddad", .notes, "a") { (draft: inout NoteDraft) in draft.summary = "Met" },
            free: [.summary], other: [.date, .followUpOn])
        return cases
    }()

    /// How to open a form over `Draft`.
    struct Opener<Draft: FormDraft>: Sendable {
        let open: @Sendable (HostileFixture, VirtualTerminal) throws -> App
    }

    /// The new-client form with valid values in every required field.
    static let newClient = Opener<ClientDraft> { fixture, terminal in
        let app = try fixture.app()
        fixture.run(app, on: terminal, [.character("n")])
        let form = try #require(app.top as? FormScreen<ClientDraft>)
        let valid: [ClientField: String] = [
            .familyName: "Berg", .givenNames: "Ane", .dateOfBirth: "1990-01-01", .sex: "F", .countryOfBirth: "SY",
            .nationality: "SY", .arrivalDate: "2025-01-01", .residenceCategory: "refugee",
        ]
        form.fill { draft in for (field, value) in valid { draft[field] = value } }
        return app
    }

    /// Opens `family`'s record at `tab`, presses `key` and fills the form's draft with `fill`.
    static func record<Draft: FormDraft>(
        _ family: String, _ tab: RecordTabID, _ key: Character, _ type: Draft.Type = Draft.self,
        fill: @escaping @Sendable (inout Draft) -> Void = { _ in }
    ) -> Opener<Draft> {
        Opener { fixture, terminal in
            let app = try fixture.app()
            app.push(try ClientRecordScreen(app: app, clientID: try fixture.clientID(family), tab: tab))
            fixture.run(app, on: terminal, [.character(key)])
            let form = try #require(app.top as? FormScreen<Draft>, "\(key) opened no form: \(terminal.text)")
            form.fill(fill)
            return app
        }
    }

    /// Haddad's contract with a pending obligation selected, settled with `key`.
    static func settle(_ key: Character, fill: @escaping @Sendable (inout SettlementDraft) -> Void)
        -> Opener<SettlementDraft>
    {
        Opener { fixture, terminal in
            let app = try fixture.app()
            let record = try ClientRecordScreen(app: app, clientID: try fixture.clientID("Haddad"), tab: .contract)
            app.push(record)
            fixture.run(app, on: terminal)
            let tab = try #require(record.currentTab as? ContractTab)
            for _ in 0..<10 where tab.selectedObligation?.status != .pending { fixture.run(app, on: terminal, [.down]) }
            fixture.run(app, on: terminal, [.character(key)])
            let form = try #require(
                app.top as? FormScreen<SettlementDraft>, "\(key) opened no form: \(terminal.text)")
            form.fill(fill)
            return app
        }
    }
}

/// A copy of one case file per test (made once, copied per test, so that a thousand cases stay
/// quick): the clients of `UIFixture`, with Müller's contract drafted as well.
final class HostileFixture {
    let folder: String
    let store: Store
    let officer: Staff

    private static let template: Result<String, Error> = Result(catching: {
        let base = try UIFixture()
        let muller = base.client("Müller").id
        try base.store.draftContract(
            clientID: muller, NewContractDraft(settledOn: testDay, draftedOn: testDay), actor: base.base.officer.id)
        let path = templateFolder + "/case.db"
        mkdir(templateFolder, 0o700)
        try base.store.backup(to: path, overwrite: true)
        atexit { _ = system("rm -rf '\(HostileFixture.templateFolder)'") }
        return path
    })
    private static let templateFolder = memory + "/casebook-hostile-\(getpid())"
    /// What every fresh copy holds (`storedTexts` of the template), read once.
    static let baseline: Result<Set<String>, Error> = Result(catching: { try HostileFixture().storedTexts() })

    /// Memory-backed when the system has it: a thousand saves need no trip to the disk.
    private static let memory = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    init() throws {
        let template = try HostileFixture.template.get()
        folder = HostileFixture.memory + "/casebook-hostile-case-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let path = folder + "/case.db"
        try FileManager.default.copyItem(atPath: template, toPath: path)
        store = try Store.open(path: path, mode: .readWrite, clock: testClock)
        officer = try #require(try store.staff(username: "okarlsen"))
    }

    func app() throws -> App { try makeApp(store: store, me: officer) }

    func run(_ app: App, on terminal: VirtualTerminal, _ keys: [Key] = []) {
        for key in keys { terminal.send(.key(key)) }
        app.settle(on: terminal)
    }

    func clientID(_ family: String) throws -> Client.ID {
        let number = ["Ødegård": 1, "Müller": 2, "Haddad": 11][family] ?? 0
        let caseNumber = try #require(CaseNumber(year: 2026, sequence: number))
        return try #require(try store.client(caseNumber: caseNumber, by: officer.id)).id
    }

    /// Every piece of text the store gives back: every client, their tracks, notes and contract,
    /// and every audit entry (which also holds reasons and notes recorded with a change).
    func storedTexts() throws -> Set<String> {
        var texts: Set<String> = []
        func collect(_ value: Any) {
            if let text = value as? String {
                texts.insert(text)
                return
            }
            for child in Mirror(reflecting: value).children { collect(child.value) }
        }
        for summary in try store.clientList.page(ClientFilter(), sort: .name, limit: 100) {
            let id = summary.id
            collect(try store.client(id: id, by: officer.id) as Any)
            collect(try store.assessments(clientID: id, by: officer.id))
            collect(try store.courses(clientID: id, by: officer.id))
            collect(try store.phaseHistory(clientID: id, by: officer.id))
            collect(try store.targetOverrides(clientID: id, by: officer.id))
            collect(try store.attendance(clientID: id, by: officer.id))
            collect(try store.civicProgress(clientID: id, by: officer.id))
            collect(try store.civicSessions(clientID: id, by: officer.id))
            for file in try store.qualifications(clientID: id, by: officer.id) {
                collect(file)
                collect(try store.recognitionEvents(qualificationID: file.id, by: officer.id))
            }
            collect(try store.notes(clientID: id, by: officer.id))
            if let contract = try store.contract(clientID: id, by: officer.id) {
                collect(contract)
                collect(try store.obligations(contractID: contract.id, by: officer.id))
                collect(try store.contractVersions(contractID: contract.id, by: officer.id))
                for event in try store.contractEvents(contractID: contract.id, by: officer.id) {
                    collect(event)
                    // An amendment's reason is read back from its event, "version 2: <reason>"
                    // (the version in progress is not listed among the earlier versions).
                    if event.kind == "amended", let colon = event.note.range(of: ": ") {
                        texts.insert(String(event.note[colon.upperBound...]))
                    }
                }
            }
            collect(
                try store.auditTrail(clientID: id, limit: 10_000, by: officer.id).map {
                    [$0.field, $0.oldValue ?? "", $0.newValue ?? "", String($0.id)]
                })
        }
        return texts
    }
}
