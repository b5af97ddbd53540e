import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// What a successful save reports, and what happens once the form has closed.
package struct FormSaved {
    package var message: String
    /// For the screen beneath, from a form that stores nothing itself (the dashboard's period).
    package var answer: Answer?
    /// Runs after the form has closed (opening the record just registered).
    package var next: Effect

    package init(_ message: String, answer: Answer? = nil, next: Effect = .none) {
        self.message = message
        self.answer = answer
        self.next = next
    }
}

/// A question a form asks before it saves (a possible duplicate): a pick list whose first
/// choice, `goOn`, saves; any other choice is the question's to act on, above the form, so
/// that the typed values stay.
package struct SaveQuestion {
    package static let goOn = "save"

    package var title: String
    /// The choices after "save anyway", whose label is `goOnLabel`.
    package var goOnLabel: String
    package var choices: [Choice]
    package var act: (App, String) throws -> Effect

    package init(title: String, goOnLabel: String, choices: [Choice], act: @escaping (App, String) throws -> Effect) {
        self.title = title
        self.goOnLabel = goOnLabel
        self.choices = choices
        self.act = act
    }

    var options: [Choice] { [Choice(SaveQuestion.goOn, goOnLabel)] + choices }
}

/// A keyboard form over a Core draft: Tab and arrows between fields, text editing in fields,
/// pick lists, Ctrl-S to save, Esc to cancel (asking first when something changed). The draft's
/// validation names every problem beside its field before the Store is asked, and the Store's
/// refusals land beside their fields too. Whatever happens on save (invalid values, a colleague's
/// conflicting save, a locked database) the typed values stay.
package final class FormScreen<Draft: FormDraft>: Screen {
    package typealias Field = Draft.Field

    package let heading: String
    package let fields: [FormField<Draft>]
    /// The text of each field, by its place in `fields`.
    private var editors: [LineEditor]
    /// What the form opened with (or read again after a conflict): each field shows it until
    /// typed over, and a save starts from it.
    private var base: Draft
    private let required: [Bool]
    /// Problems, by field place.
    private var errors: [Int: String] = [:]
    /// After a conflict: what the colleague's version holds where both of you changed a field.
    private var theirs: [Int: String] = [:]
    package private(set) var focus = 0
    /// The first row shown, as the last move left it.
    private var scroll = 0
    private var conflict = false
    /// What saving changes in the case file, for the screens beneath.
    private let changes: Changes
    private let validate: (Draft, App) throws -> Void
    private let save: (App, Draft, Int) throws -> FormSaved
    private var record: FormRecord<Draft>?
    /// A dialog this form opened and waits for.
    private var asking: Question?
    /// Asked after validation, before the save (nil: nothing to ask).
    private let question: ((App, Draft) throws -> SaveQuestion?)?

    private enum Question {
        /// A pick list for the field at this place.
        case pick(Int)
        case discard
        case beforeSaving(SaveQuestion)
    }

    /// A form over a stored record.
    /// - Parameters:
    ///   - validate: the draft's validation, as the form knows its context; it throws the
    ///     draft's `ValidationFailure`. The Store runs it again, with what it has stored.
    ///   - save: stores the draft on the record at the version given and returns the success
    ///     message; the Store's refusals are shown beside their fields.
    package init(
        title: String, fields: [FormField<Draft>], draft: Draft, changes: Changes,
        validate: @escaping (Draft, App) throws -> Void, record: FormRecord<Draft>?,
        ask question: ((App, Draft) throws -> SaveQuestion?)? = nil,
        save: @escaping (App, Draft, Int) throws -> FormSaved
    ) {
        self.question = question
        heading = title
        self.fields = fields
        base = draft
        editors = fields.map { LineEditor($0.text(draft)) }
        required = fields.map { $0.id.map(draft.requiredFields.contains) ?? false }
        self.changes = changes
        self.validate = validate
        self.record = record
        self.save = save
    }

    /// A form whose save adds something new.
    package convenience init(
        title: String, fields: [FormField<Draft>], draft: Draft, changes: Changes,
        validate: @escaping (Draft, App) throws -> Void, ask question: ((App, Draft) throws -> SaveQuestion?)? = nil,
        save: @escaping (App, Draft) throws -> FormSaved
    ) {
        self.init(
            title: title, fields: fields, draft: draft, changes: changes, validate: validate, record: nil,
            ask: question, save: { app, draft, _ in try save(app, draft) })
    }

    package var capturesText: Bool { true }
    package var title: String { heading }
    package var hasUnsavedChanges: Bool { fields.indices.contains { editors[$0].text != fields[$0].text(base) } }

    package var focusedField: FormField<Draft> { fields[focus] }

    private func place(of field: Field) -> Int? { fields.firstIndex { $0.id == field } }

    /// A field's text as typed.
    package func text(of field: Field) -> String? { place(of: field).map(text(at:)) }

    /// The text of the field at `index` in `fields`, as typed.
    package func text(at index: Int) -> String { editors[index].text }

    /// The problem shown beside a field.
    package func error(of field: Field) -> String? { place(of: field).flatMap { errors[$0] } }

    /// Whether the form marks the field as one that must be filled in.
    package func isRequired(_ field: Field) -> Bool { place(of: field).map { required[$0] } ?? false }

    /// Changes the draft as the fields hold it, and shows the result (tests, and a form filled
    /// for the officer).
    package func fill(_ change: (inout Draft) -> Void) {
        var draft = base
        for index in fields.indices { _ = fields[index].read(editors[index].text, &draft) }
        change(&draft)
        for index in fields.indices { editors[index].set(fields[index].text(draft)) }
        errors = [:]
    }

    private func setText(_ text: String, at index: Int) {
        editors[index].set(text)
        errors[index] = nil
    }

    // MARK: Bindings

    package func bindings(app: App) -> [BoundCommand] { FormScreen.bindings.bound(to: self, app: app) }

    /// Every form binds the same commands, whatever its draft.
    static var bindingSets: [BindingSet] { [BindingSet(tr("a form"), bindings.commands())] }

    private static var bindings: [Binding<FormScreen>] {
        [
            Binding(.save) { form, app in try form.attemptSave(app: app) },
            Binding(.nextField) { form, app in form.move(by: 1, app: app) },
            Binding(.previousField) { form, app in form.move(by: -1, app: app) },
            Binding(.pick) { form, app in
                switch form.focusedField.kind {
                case .choice, .several: return form.openPicker(app: app, filter: "")
                case .text, .date: return form.move(by: 1, app: app)
                }
            },
            Binding(
                .mergeReload,
                unavailable: { form, _ in
                    form.conflict && form.record != nil ? nil : tr("Nothing to reload: there was no conflict.")
                }
            ) { form, app in try form.mergeTheirs(app: app) },
        ]
            + LineEditor.commands.map { command in
                Binding(command) { form, app in form.edit(command, app: app) }
            } + [
                Binding(.back) { form, _ in form.cancel() }
            ]
    }

    // MARK: Keys

    package func type(_ text: String, app: App) throws -> Effect {
        switch focusedField.kind {
        case .text, .date:
            editors[focus].insert(text)
            keepCursorVisible(app: app)
            return .none
        case .choice, .several:
            return openPicker(app: app, filter: trimmed(text))
        }
    }

    private func edit(_ command: CommandID, app: App) -> Effect {
        switch (focusedField.kind, command) {
        case (.choice, .deleteBack), (.choice, .deleteForward), (.choice, .clearField), (.several, .deleteBack),
            (.several, .deleteForward), (.several, .clearField):
            // A chosen value is removed whole; it is chosen again from its list.
            editors[focus].set("")
        default:
            _ = editors[focus].apply(command)
        }
        keepCursorVisible(app: app)
        return .none
    }

    private func move(by step: Int, app: App) -> Effect {
        expandDate(at: focus, app: app)
        focus = (focus + step + fields.count) % fields.count
        keepFocusVisible(app: app)
        keepCursorVisible(app: app)
        return .none
    }

    /// Turns t, +7d and the like into a date when leaving a date field.
    private func expandDate(at index: Int, app: App) {
        guard case .date = fields[index].kind,
            let day = DateShortcut.expand(editors[index].text, today: app.clock.today)
        else { return }
        editors[index].set(day.shown)
    }

    private func openPicker(app: App, filter: String) -> Effect {
        let field = focusedField
        let current = editors[focus].text
        switch field.kind {
        case .choice(let options):
            asking = .pick(focus)
            return .push(PickListDialog(title: field.label, options: options, chosen: [current], filter: filter))
        case .several(let options):
            asking = .pick(focus)
            return .push(
                PickListDialog(
                    title: field.label, options: options, chosen: FormScreen.codes(current), allowsSeveral: true,
                    filter: filter))
        case .text, .date:
            return .none
        }
    }

    package func didReturn(_ returned: Returned, app: App) throws -> Effect {
        defer { asking = nil }
        switch (asking, returned.answer) {
        case (.pick(let index), .chose(let chosen)?):
            if case .several = fields[index].kind {
                setText(chosen.joined(separator: ", "), at: index)
                return .none
            }
            setText(chosen.first ?? "", at: index)
            return move(by: 1, app: app)
        case (.discard, .confirmed?):
            return .all([.close, .info(tr("Changes discarded."))])
        case (.beforeSaving(let question), .chose(let chosen)?):
            guard let choice = chosen.first else { return .none }
            if choice == SaveQuestion.goOn { return try attemptSave(app: app, asked: true) }
            return try question.act(app, choice)
        default:
            return .none
        }
    }

    private func attemptSave(app: App, asked: Bool = false) throws -> Effect {
        for index in fields.indices { expandDate(at: index, app: app) }
        // Every problem at once: what cannot be read, then what the draft's rules refuse.
        var draft = base
        var problems: [Int: String] = [:]
        for (index, field) in fields.enumerated() {
            if let problem = field.read(editors[index].text, &draft) { problems[index] = problem }
        }
        do { try validate(draft, app) } catch let failure as ValidationFailure<Field> {
            return refuse(failure, besides: problems, app: app)
        }
        guard problems.isEmpty else { return refuse(ValidationFailure(issues: []), besides: problems, app: app) }
        if !asked, let question = try question?(app, draft) {
            asking = .beforeSaving(question)
            return .push(PickListDialog(title: question.title, options: question.options))
        }
        do {
            let saved = try save(app, draft, record?.version ?? 0)
            errors = [:]
            // The message first: what the screens beneath report as they read again comes after it.
            return .all([.success(saved.message), .pop(Returned(changes: changes, answer: saved.answer)), saved.next])
        } catch StoreError.invalid(let failure as ValidationFailure<Field>) {
            return refuse(failure, besides: [:], app: app)
        } catch let error as StoreError {
            guard case .conflict = error else { throw error }
            conflict = true
            return .message(
                .error(
                    error.description + " "
                        + tr(
                            "Your changes are still here: {key} loads theirs and keeps yours on top.",
                            ["key": app.keys.hint(.mergeReload)])
                ))
        }
    }

    /// Shows each problem beside its field (a field that cannot be read keeps that message) and
    /// focuses the first; nothing was saved.
    private func refuse(_ failure: ValidationFailure<Field>, besides unreadable: [Int: String], app: App) -> Effect {
        var problems = unreadable
        var elsewhere: [String] = []
        for issue in failure.issues {
            guard let index = place(of: issue.field) else {
                elsewhere.append(issue.message)
                continue
            }
            if problems[index] == nil { problems[index] = issue.message }
        }
        errors = problems
        if let first = problems.keys.min() { focus = first }
        keepFocusVisible(app: app)
        let count = problems.count
        let summary =
            count == 0
            ? tr("Nothing was saved.")
            : trn(
                "{count} field needs attention; nothing was saved.",
                "{count} fields need attention; nothing was saved.",
                count)
        return .message(.error(([summary] + elsewhere).joined(separator: " ")))
    }

    /// After a conflict: takes the colleague's saved values for the fields this officer did not
    /// touch, keeps this officer's values where they did, and marks fields both changed.
    private func mergeTheirs(app: App) throws -> Effect {
        guard conflict, let record else { return .none }
        let stored = try record.read(app)
        let now = stored.draft ?? base
        theirs = [:]
        for (index, field) in fields.enumerated() {
            let (before, mine, saved) = (field.text(base), editors[index].text, field.text(now))
            if mine == before {
                editors[index].set(saved)
            } else if saved != before, saved != mine {
                theirs[index] = saved
            }
        }
        base = now
        self.record?.version = stored.version
        conflict = false
        keepFocusVisible(app: app)
        guard theirs.isEmpty else {
            return .message(
                .error(
                    trn(
                        "{count} field was changed by both of you; theirs is shown beside yours. Check, then save.",
                        "{count} fields were changed by both of you; theirs is shown beside yours. Check, then save.",
                        theirs.count)
                ))
        }
        return .info(
            tr("Loaded their version; your changes are on top. Save again with {key}.", ["key": app.keys.hint(.save)]))
    }

    private func cancel() -> Effect {
        guard hasUnsavedChanges else { return .close }
        asking = .discard
        return .push(
            ConfirmDialog(
                title: tr("Discard changes?"), question: tr("You changed this form. Leave it and lose the changes?"),
                yesLabel: tr("Discard")))
    }

    /// The codes a field of several holds.
    private static func codes(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    // MARK: Layout

    /// Where the parts of the form go in `area`.
    private struct Layout {
        let body: Rect
        let labelWidth: Int
        let inputWidth: Int
        let noteX: Int
        /// Messages go beside their fields when there is room, else below them.
        let notesBeside: Bool
    }

    private func layout(in area: Rect) -> Layout {
        let body = area.inset(top: 2, left: 1, right: 1)
        // Labels take up to 24 columns, more (up to 36) where a label with its " *" needs them and
        // the input keeps its 40: a German "Richtige Antworten (von 34)" is not cut.
        let longest = fields.map { TextWidth.of($0.label) }.max() ?? 10
        let needed = fields.indices.map { TextWidth.of(fields[$0].label) + (required[$0] ? 2 : 0) + 1 }.max() ?? 0
        let labelWidth = needed <= 24 ? min(24, longest + 3) : min(max(24, min(36, body.width - 42)), needed)
        let inputWidth = max(10, min(40, body.width - labelWidth - 2))
        let noteX = body.x + labelWidth + inputWidth + 2
        return Layout(
            body: body, labelWidth: labelWidth, inputWidth: inputWidth, noteX: noteX,
            notesBeside: body.maxX - noteX >= 24)
    }

    /// Each field takes a row, plus one per line of its message when that goes below it.
    private func rows(_ layout: Layout) -> [(field: Int, note: String?, role: TextRole)] {
        var rows: [(field: Int, note: String?, role: TextRole)] = []
        for index in fields.indices {
            rows.append((index, nil, .normal))
            if let note = note(at: index), !layout.notesBeside {
                for line in TextWidth.wrap(note.text, width: max(10, layout.body.width - layout.labelWidth)) {
                    rows.append((index, line, note.role))
                }
            }
        }
        return rows
    }

    /// The first row to show: the one kept, moved just enough to show the focused field and its message.
    private func firstRow(_ rows: [(field: Int, note: String?, role: TextRole)], height: Int) -> Int {
        let focusRow = rows.firstIndex { $0.field == focus && $0.note == nil } ?? 0
        let lastFocusRow = rows.lastIndex { $0.field == focus } ?? focusRow
        var first = scroll
        if focusRow < first { first = focusRow }
        if lastFocusRow >= first + height { first = lastFocusRow - height + 1 }
        return max(0, min(first, max(0, rows.count - height)))
    }

    private func keepFocusVisible(app: App) {
        let layout = layout(in: app.screenArea)
        scroll = firstRow(rows(layout), height: layout.body.height)
    }

    private func keepCursorVisible(app: App) {
        editors[focus].keepCursorVisible(width: layout(in: app.screenArea).inputWidth)
    }

    // MARK: Drawing

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        // The legend takes what its language needs at the right; the title the rest.
        let legend = tr("* required")
        let legendWidth = min(area.width / 3, TextWidth.of(legend) + 1)
        frame.text(heading, in: Rect(x: area.x + 1, y: area.y, width: area.width - legendWidth - 3, height: 1), .title)
        frame.text(
            legend, in: Rect(x: area.maxX - legendWidth - 1, y: area.y, width: legendWidth, height: 1), .dim,
            alignRight: true)
        let layout = layout(in: area)
        let body = layout.body
        let rows = rows(layout)
        for (offset, row) in rows.dropFirst(firstRow(rows, height: body.height)).prefix(body.height).enumerated() {
            let y = body.y + offset
            let field = fields[row.field]
            if let note = row.note {
                frame.text(note, x: body.x + layout.labelWidth, y: y, row.role, maxX: body.maxX)
                continue
            }
            frame.text(
                field.label + (required[row.field] ? " *" : ""),
                in: Rect(x: body.x, y: y, width: layout.labelWidth - 1, height: 1),
                errors[row.field] != nil ? .error : .label)
            let input = Rect(x: body.x + layout.labelWidth, y: y, width: layout.inputWidth, height: 1)
            let focused = row.field == focus
            let style = frame.style(focused ? .inputFocused : .input)
            switch field.kind {
            case .text, .date:
                let cursorX = editors[row.field].draw(in: input, buffer: &frame.buffer, style: style)
                if focused { frame.cursor = Point(x: cursorX, y: y) }
            case .choice(let options), .several(let options):
                frame.buffer.put(FormScreen.display(editors[row.field].text, options: options), in: input, style: style)
                frame.text("▾", x: input.maxX, y: y, .dim)
                if focused { frame.cursor = Point(x: input.x, y: y) }
            }
            if layout.notesBeside, let note = note(at: row.field) {
                frame.text(
                    note.text, in: Rect(x: layout.noteX, y: y, width: body.maxX - layout.noteX, height: 1), note.role)
            }
        }
    }

    private func note(at index: Int) -> (text: String, role: TextRole)? {
        if let error = errors[index] { return (error, .error) }
        if let other = theirs[index] {
            let shown = fields[index].kind.options.map { FormScreen.display(other, options: $0) } ?? other
            return (tr("Theirs: {value}", ["value": shown.isEmpty ? tr("(empty)") : shown]), .warning)
        }
        return nil
    }

    /// The labels of the codes a choice field holds.
    private static func display(_ value: String, options: [Choice]) -> String {
        codes(value).map { code in options.first { $0.value == code }?.label ?? code }.joined(separator: ", ")
    }
}

extension FieldKind {
    /// The options of a field chosen from a list.
    var options: [Choice]? {
        switch self {
        case .choice(let options), .several(let options): return options
        case .text, .date: return nil
        }
    }
}
