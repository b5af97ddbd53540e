import CasebookCore
import CasebookText
import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookTUI

/// Hints in screen text ("d drafts it") name the key bound now, with the shipped keys and
/// after a user moved every command to another key.
@Suite struct HintTests {
    @Test(arguments: HintCase.all, [false, true])
    func everyHintNamesTheKeyBoundNow(_ screen: HintCase, _ remapped: Bool) throws {
        let keys = remapped ? try KeyMap.everyCommandMoved() : .standard
        let fixture = try UIFixture()
        try screen.prepare(fixture)
        let app = try screen.open(fixture, keys)
        let terminal = GoldenSize.small.terminal
        for step in screen.steps {
            switch step {
            case .press(let command):
                let key = try #require(keys.keys(for: command).first, "\(command) has no key")
                fixture.run(app, on: terminal, [key])
            case .key(let key): fixture.run(app, on: terminal, [key])
            case .type(let text): fixture.run(app, on: terminal, typing(text))
            }
        }
        // A long message may be cut at 80 columns; it is read whole.
        let text = fixture.run(app, on: terminal) + "\n" + (app.message?.text ?? "")
        for (command, template) in screen.hints {
            let hint = template.replacingOccurrences(of: "%", with: keys.hint(command))
            #expect(text.contains(hint), "no \"\(hint)\" in:\n\(text)")
        }
        // Any "<key> <verb>" on the screen names a key of a command a screen drawn offers.
        let drawn = app.stack[(app.stack.lastIndex { !$0.isOverlay } ?? 0)...]
        let bound = Set(drawn.flatMap { app.offered(on: $0) }.flatMap { keys.keys(for: $0.command).map(\.label) })
        for token in HintCase.hintedKeys(in: text) {
            #expect(bound.contains(token), "\"\(token)\" is named in a hint but runs nothing here:\n\(text)")
        }
    }

    @Test func remappingDraftToZChangesTheContractTab() throws {
        let keys = try KeyMap(overrides: [KeyOverride(command: "contract.draft", keys: ["z"], file: "k.toml", line: 1)])
        let fixture = try UIFixture()
        let app = try fixture.record("Ødegård", tab: .contract, keys: keys)
        let text = fixture.run(app, on: GoldenSize.small.terminal)
        #expect(text.contains("No contract yet. z drafts it"))
        #expect(text.contains("z Draft"))
        #expect(
            fixture.run(app, on: GoldenSize.small.terminal, [.character("m")]).contains(
                "No contract yet; z drafts one."))
    }

    @Test func theMovedKeyMapMovesEveryCommandOffItsDefaults() throws {
        let keys = try KeyMap.everyCommandMoved()
        let defaults = Set(CommandTable.all.flatMap(\.defaultKeys))
        for command in CommandID.allCases {
            #expect(
                !keys.keys(for: command).isEmpty && defaults.isDisjoint(with: keys.keys(for: command)), "\(command)")
        }
    }
}

extension KeyMap {
    /// Every command on a key no command has by default, without a clash: a user who changed
    /// every key. Commands of screens where characters type text get control and function keys.
    static func everyCommandMoved() throws -> KeyMap {
        let defaults = Set(CommandTable.all.flatMap(\.defaultKeys))
        let controls =
            ("abcdefgklnopqrstuvwxyz".map { Key.control($0) } + (1...12).map { Key.function($0) } + [.insert])
            .filter { !defaults.contains($0) }
        let characters = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".map { Key.character($0) })
            .filter { !defaults.contains($0) }
        let typing: Set<KeyContext> = [.global, .movement, .form, .edit, .dialog, .search]
        let sets = BindingSet.everyScreen.map { Set($0.commands + App.bindings.commands()) }
        var moved: [CommandID: Key] = [:]
        var overrides: [KeyOverride] = []
        for info in CommandTable.all {
            let neighbours = sets.filter { $0.contains(info.id) }.reduce(into: Set<CommandID>()) { $0.formUnion($1) }
            let taken = Set(neighbours.compactMap { moved[$0] })
            let pool = typing.contains(info.context) ? controls : characters
            guard let key = pool.first(where: { !taken.contains($0) }) else {
                throw KeyMapError.unknownCommand(file: "", line: 0, command: "no key left for \(info.id)")
            }
            moved[info.id] = key
            overrides.append(
                KeyOverride(
                    command: info.id.rawValue, keys: [key.notation], file: "moved.toml", line: overrides.count + 1))
        }
        return try KeyMap(overrides: overrides)
    }
}

/// A screen with hints, how to reach it, and the hints it must show.
struct HintCase: Sendable, CustomTestStringConvertible {
    enum Step: Sendable {
        case press(CommandID)
        case key(Key)
        case type(String)
    }

    let name: String
    var prepare: @Sendable (UIFixture) throws -> Void = { _ in }
    let open: @Sendable (UIFixture, KeyMap) throws -> App
    var steps: [Step] = []
    /// Each hint: the command whose key it names, and the text with % for the key.
    let hints: [(CommandID, String)]

    var testDescription: String { name }

    static func list(as admin: Bool = false) -> @Sendable (UIFixture, KeyMap) throws -> App {
        { fixture, keys in try fixture.app(as: admin ? fixture.base.admin : nil, keys: keys) }
    }

    static func record(_ family: String, _ tab: RecordTabID) -> @Sendable (UIFixture, KeyMap) throws -> App {
        { fixture, keys in try fixture.record(family, tab: tab, keys: keys) }
    }

    static let all: [HintCase] = [
        HintCase(name: "client list", open: list(), hints: [(.search, "% searches by name")]),
        HintCase(
            name: "search without match", open: list(), steps: [.press(.search), .type("zzzz"), .press(.acceptSearch)],
            hints: [(.back, "% clears the search")]),
        HintCase(
            name: "empty caseload", open: list(), steps: [.press(.phaseFilter), .type("closed"), .press(.accept)],
            hints: [(.mine, "% shows all clients")]),
        HintCase(
            name: "empty list", open: list(as: true), steps: [.press(.phaseFilter), .type("closed"), .press(.accept)],
            hints: [(.newClient, "% registers a new client")]),
        HintCase(name: "the first screen", open: list(), steps: [.press(.back)], hints: [(.quit, "% quits")]),
        HintCase(
            name: "a key that does nothing", open: list(), steps: [.key(.character("~"))],
            hints: [(.help, "% lists the keys")]),
        HintCase(
            name: "empty My day", open: list(as: true), steps: [.press(.openWorklist)],
            hints: [(.back, "% shows the client list")]),
        HintCase(
            name: "dashboard", open: list(as: true), steps: [.press(.openDashboard)], hints: [(.openBar, "% lists:")]),
        HintCase(name: "help", open: list(), steps: [.press(.help)], hints: [(.back, "% closes")]),
        HintCase(
            name: "phase pick list", open: list(), steps: [.press(.phaseFilter)],
            hints: [(.accept, "% chooses"), (.back, "% cancels")]),
        HintCase(
            name: "languages pick list", open: list(),
            steps: [.press(.newClient)] + Array(repeating: .press(.nextField), count: 8) + [.press(.pick)],
            hints: [(.toggle, "% ticks"), (.accept, "% keeps the ticked"), (.back, "% cancels")]),
        HintCase(
            name: "discard question", open: list(),
            steps: [.press(.newClient), .press(.nextField), .type("Berg"), .press(.back)],
            hints: [(.yes, "% Discard"), (.no, "% No, go back")]),
        HintCase(
            name: "Language tab, not enrolled", open: record("احمدی", .language),
            hints: [
                (.enrol, "% enrols"), (.addCourse, "% adds a course"), (.addAssessment, "% records one"),
            ]),
        HintCase(
            name: "attendance without a course", open: record("احمدی", .language), steps: [.press(.addAttendance)],
            hints: [(.addCourse, "% adds one")]),
        HintCase(
            name: "Qualifications tab, empty", open: record("احمدی", .qualifications),
            hints: [(.addQualification, "% adds one")]),
        HintCase(
            name: "step without a qualification", open: record("احمدی", .qualifications),
            steps: [.press(.stepQualification)],
            hints: [(.addQualification, "% adds one")]),
        HintCase(
            name: "Civic tab, not enrolled", open: record("احمدی", .civic),
            hints: [
                (.enrol, "% enrols"), (.addCivicSession, "% records one"),
            ]),
        HintCase(
            name: "session without modules", open: record("احمدی", .civic), steps: [.press(.addCivicSession)],
            hints: [(.enrol, "% enrols")]),
        HintCase(
            name: "Contract tab, no contract", open: record("Ødegård", .contract),
            hints: [(.draftContract, "% drafts it")]),
        HintCase(
            name: "a contract command without a contract", open: record("Ødegård", .contract),
            steps: [.press(.markMet)],
            hints: [(.draftContract, "% drafts one")]),
        HintCase(
            name: "a contract drafted", open: record("Ødegård", .contract),
            steps: [.press(.draftContract), .press(.save)],
            hints: [(.signContract, "% records the signatures"), (.signContract, "% records both signatures")]),
        HintCase(
            name: "an amendment opened", open: record("Ødegård", .contract),
            steps: [
                .press(.draftContract), .press(.save), .press(.signContract), .press(.save), .press(.amendContract),
                .type("Moved"), .press(.save),
            ],
            hints: [(.signContract, "% signs"), (.contractVersions, "% shows it")]),
        HintCase(
            name: "earlier versions", open: record("Ødegård", .contract),
            steps: [
                .press(.draftContract), .press(.save), .press(.signContract), .press(.save), .press(.amendContract),
                .type("Moved"), .press(.save), .press(.contractVersions),
            ],
            hints: [(.back, "% closes")]),
        HintCase(
            name: "terms in force", open: record("Haddad", .contract), steps: [.press(.addObligation)],
            hints: [(.amendContract, "% starts an amendment")]),
        HintCase(
            name: "a proposal", prepare: { fixture in try fixture.meetLanguageTargets() },
            open: record("Haddad", .contract),
            steps: [.press(.down)], hints: [(.markMet, "% confirms")]),
        HintCase(name: "Notes tab, empty", open: record("احمدی", .notes), hints: [(.addNote, "% records a contact")]),
        HintCase(
            name: "follow-up without notes", open: record("احمدی", .notes), steps: [.press(.followUpDone)],
            hints: [(.addNote, "% records one")]),
        HintCase(
            name: "a conflict", open: { fixture, keys in try fixture.editingHaddad(keys: keys) },
            steps: [.press(.save)],
            hints: [(.mergeReload, "% loads theirs")]),
        HintCase(
            name: "a merge", open: { fixture, keys in try fixture.editingHaddad(keys: keys) },
            steps: [.press(.save), .press(.mergeReload)], hints: [(.save, "Save again with %.")]),
    ]

    /// The words a hint puts after a key.
    static let verbs = [
        "searches", "clears", "shows", "registers", "drafts", "records", "adds", "enrols", "confirms", "signs",
        "starts",
        "loads", "chooses", "cancels", "ticks", "keeps", "lists", "closes", "quits",
    ]

    /// A key as `Key.label` names it: one character, or a named key ("Ctrl-S", "F2", "Esc").
    static func looksLikeAKey(_ word: String) -> Bool {
        let named = [
            "Space", "Enter", "Esc", "Tab", "Shift-Tab", "Backspace", "Del", "Ins", "Home", "End", "PgUp", "PgDn",
        ]
        return word.count == 1 || named.contains(word) || word.hasPrefix("Ctrl-")
            || (word.hasPrefix("F") && Int(word.dropFirst()) != nil)
    }

    /// The keys named before a hint's verb ("d drafts it" names d).
    static func hintedKeys(in text: String) -> [String] {
        var keys: [String] = []
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " }).map(String.init)
            for (index, word) in words.enumerated().dropFirst() {
                let verb = word.trimmingCharacters(in: .punctuationCharacters)
                guard verbs.contains(verb) else { continue }
                let key = words[index - 1].trimmingCharacters(in: CharacterSet(charactersIn: "("))
                if looksLikeAKey(key) { keys.append(key) }
            }
        }
        return keys
    }
}

extension UIFixture {
    /// Haddad's remaining skills reach the profile's targets: the Contract tab proposes the
    /// language obligation met.
    func meetLanguageTargets() throws {
        try store.addAssessment(
            clientID: client("Haddad").id,
            AssessmentDraft(
                on: day("2026-11-16"), skills: [.spokenInteraction, .spokenProduction], level: .b1,
                instrument: "Norskprøven", provider: "Oslo VO", isCertified: true),
            actor: base.officer.id)
    }

    /// The officer edits Haddad's phone number, unsaved, and a colleague saves an email meanwhile.
    func editingHaddad(keys: KeyMap) throws -> App {
        let app = try record("Haddad", tab: .overview, keys: keys)
        let terminal = GoldenSize.small.terminal
        guard let edit = keys.keys(for: .edit).first, let next = keys.keys(for: .nextField).first,
            let clear = keys.keys(for: .clearField).first
        else { return app }
        run(app, on: terminal, [edit] + Array(repeating: next, count: 16) + [clear] + typing("+47 400 00 000"))
        let haddad = client("Haddad")
        var theirs = ClientDraft(haddad)
        theirs[.email] = "rasha@example.org"
        _ = try store.updateClient(id: haddad.id, with: theirs, expectedVersion: haddad.version, actor: base.admin.id)
        return app
    }
}
