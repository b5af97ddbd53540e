import CasebookCore
import CasebookStore

/// What a form field holds and how it is entered.
package enum FieldKind: Sendable {
    case text
    /// YYYY-MM-DD, with the shortcuts t (today) and +7d, -2w, +3m, +1y.
    case date
    /// One value from a list, chosen in a pick list that filters as you type.
    case choice([Choice])
    /// Any number of values from a list (stored comma-separated).
    case several([Choice])
}

package struct FormField: Sendable {
    package var id: String
    package var label: String
    package var kind: FieldKind
    package var isRequired: Bool
    /// The longest value the field takes, in characters.
    package var maxLength: Int

    /// - Parameter maxLength: by default 200 characters for text and 40 for a date.
    package init(id: String, label: String, kind: FieldKind = .text, isRequired: Bool = false, maxLength: Int? = nil) {
        self.id = id
        self.label = label
        self.kind = kind
        self.isRequired = isRequired
        if let maxLength {
            self.maxLength = maxLength
        } else if case .date = kind {
            self.maxLength = 40
        } else {
            self.maxLength = 200
        }
    }

    /// What makes `value` unfit for this field whatever the form means by it (control
    /// characters, direction overrides, unreadable bytes, too many characters), or nil.
    package func problem(with value: String) -> String? {
        switch kind {
        case .text, .date:
            if let problem = Sanitized.problem(in: value) { return problem }
            if value.count > maxLength { return "Too long: at most \(Numbers.grouped(maxLength)) characters." }
            return nil
        case .choice, .several:
            return nil
        }
    }
}

/// Problems with a form's values, one message per field id; thrown by a form's save.
package struct FormErrors: Error {
    package var messages: [String: String]
    package var summary: String

    package init(_ messages: [String: String], summary: String? = nil) {
        self.messages = messages
        let count = messages.count
        self.summary =
            summary
            ?? "\(count) field\(count == 1 ? "" : "s") need\(count == 1 ? "s" : "") attention; nothing was saved."
    }
}

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

/// A keyboard form: Tab and arrows between fields, text editing in fields, pick lists,
/// Ctrl-S to save, Esc to cancel (asking first when something changed). Whatever happens on
/// save (invalid values, a colleague's conflicting save, a locked database) the typed values stay.
package final class FormScreen: Screen {
    package let heading: String
    package let fields: [FormField]
    private var editors: [String: LineEditor] = [:]
    private(set) var original: [String: String]
    package private(set) var errors: [String: String] = [:]
    /// After a conflict: what the colleague's version holds where both of you changed a field.
    private var theirs: [String: String] = [:]
    package private(set) var focus = 0
    /// The first row shown, as the last move left it.
    private var scroll = 0
    private var conflict = false
    /// What saving changes in the case file, for the screens beneath.
    private let changes: Changes
    private let save: (App, [String: String]) throws -> FormSaved
    private let reloadBase: ((App) throws -> [String: String])?
    /// A dialog this form opened and waits for.
    private var asking: Question?

    private enum Question {
        /// A pick list for the field at this index.
        case pick(Int)
        case discard
    }

    /// - Parameters:
    ///   - changes: what a save changes in the case file.
    ///   - save: stores the values and returns the success message; throws `FormErrors` or a
    ///     `StoreError`.
    ///   - reloadBase: after a conflict, reads the stored values again (and takes their version).
    package init(
        title: String, fields: [FormField], values: [String: String], changes: Changes,
        save: @escaping (App, [String: String]) throws -> FormSaved,
        reloadBase: ((App) throws -> [String: String])? = nil
    ) {
        heading = title
        self.fields = fields
        original = values
        self.changes = changes
        self.save = save
        self.reloadBase = reloadBase
        for field in fields { editors[field.id] = LineEditor(values[field.id] ?? "") }
    }

    package var capturesText: Bool { true }
    package var title: String { heading }
    package var hasUnsavedChanges: Bool { values != normalized(original) }

    /// The values as typed.
    package var values: [String: String] {
        var result: [String: String] = [:]
        for field in fields { result[field.id] = editors[field.id]?.text ?? "" }
        return result
    }

    private func normalized(_ values: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for field in fields { result[field.id] = values[field.id] ?? "" }
        return result
    }

    package var focusedField: FormField { fields[focus] }

    /// Sets a field's value (pick lists and tests).
    package func setValue(_ value: String, for id: String) {
        editors[id]?.set(value)
        errors[id] = nil
    }

    // MARK: Bindings

    package func bindings(app: App) -> [BoundCommand] { FormScreen.bindings.bound(to: self, app: app) }

    static var bindingSets: [BindingSet] { [BindingSet("a form", bindings.commands())] }

    static let bindings: [Binding<FormScreen>] =
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
                    form.conflict && form.reloadBase != nil ? nil : "Nothing to reload: there was no conflict."
                }
            ) { form, app in try form.mergeTheirs(app: app) },
        ]
        + LineEditor.commands.map { command in
            Binding(command) { form, app in form.edit(command, app: app) }
        } + [
            Binding(.back) { form, _ in form.cancel() }
        ]

    // MARK: Keys

    package func type(_ text: String, app: App) throws -> Effect {
        let field = focusedField
        switch field.kind {
        case .text, .date:
            editors[field.id]?.insert(text)
            keepCursorVisible(app: app)
            return .none
        case .choice, .several:
            return openPicker(app: app, filter: text.trimmingSpaces)
        }
    }

    private func edit(_ command: CommandID, app: App) -> Effect {
        let field = focusedField
        switch (field.kind, command) {
        case (.choice, .deleteBack), (.choice, .deleteForward), (.choice, .clearField), (.several, .deleteBack),
            (.several, .deleteForward), (.several, .clearField):
            // A chosen value is removed whole; it is chosen again from its list.
            editors[field.id]?.set("")
        default:
            _ = editors[field.id]?.apply(command)
        }
        keepCursorVisible(app: app)
        return .none
    }

    private func move(by step: Int, app: App) -> Effect {
        expandDate(fields[focus], app: app)
        focus = (focus + step + fields.count) % fields.count
        keepFocusVisible(app: app)
        keepCursorVisible(app: app)
        return .none
    }

    /// Turns t, +7d and the like into a date when leaving a date field.
    private func expandDate(_ field: FormField, app: App) {
        guard case .date = field.kind, let text = editors[field.id]?.text,
            let day = DateShortcut.expand(text, today: app.clock.today)
        else { return }
        editors[field.id]?.set(day.iso)
    }

    private func openPicker(app: App, filter: String) -> Effect {
        let field = focusedField
        let current = editors[field.id]?.text ?? ""
        switch field.kind {
        case .choice(let options):
            asking = .pick(focus)
            return .push(PickListDialog(title: field.label, options: options, chosen: [current], filter: filter))
        case .several(let options):
            asking = .pick(focus)
            let chosen = current.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            return .push(
                PickListDialog(
                    title: field.label, options: options, chosen: chosen, allowsSeveral: true, filter: filter))
        case .text, .date:
            return .none
        }
    }

    package func didReturn(_ returned: Returned, app: App) throws -> Effect {
        defer { asking = nil }
        switch (asking, returned.answer) {
        case (.pick(let index), .chose(let chosen)?):
            let field = fields[index]
            if case .several = field.kind {
                setValue(chosen.joined(separator: ", "), for: field.id)
                return .none
            }
            setValue(chosen.first ?? "", for: field.id)
            return move(by: 1, app: app)
        case (.discard, .confirmed?):
            return .all([.close, .info("Changes discarded.")])
        default:
            return .none
        }
    }

    private func attemptSave(app: App) throws -> Effect {
        for field in fields { expandDate(field, app: app) }
        do {
            // Text no form can store is refused beside its field before the form's own rules run.
            var problems: [String: String] = [:]
            for field in fields { problems[field.id] = field.problem(with: editors[field.id]?.text ?? "") }
            if !problems.isEmpty { throw FormErrors(problems) }
            let saved = try save(app, values)
            errors = [:]
            // The message first: what the screens beneath report as they read again comes after it.
            return .all([.success(saved.message), .pop(Returned(changes: changes, answer: saved.answer)), saved.next])
        } catch let failure as FormErrors {
            errors = failure.messages
            if let first = fields.firstIndex(where: { failure.messages[$0.id] != nil }) { focus = first }
            keepFocusVisible(app: app)
            return .message(.error(failure.summary))
        } catch let error as StoreError {
            guard case .conflict = error else { throw error }
            conflict = true
            return .message(
                .error(
                    error.description
                        + " Your changes are still here: \(app.keys.hint(.mergeReload)) loads theirs and keeps yours on top."
                ))
        }
    }

    /// After a conflict: takes the colleague's saved values for the fields this officer did not
    /// touch, keeps this officer's values where they did, and marks fields both changed.
    private func mergeTheirs(app: App) throws -> Effect {
        guard conflict, let reloadBase else { return .none }
        let stored = normalized(try reloadBase(app))
        let base = normalized(original)
        let mine = values
        theirs = [:]
        for field in fields {
            let id = field.id
            if mine[id] == base[id] {
                editors[id]?.set(stored[id] ?? "")
            } else if stored[id] != base[id], stored[id] != mine[id] {
                theirs[id] = stored[id]
            }
        }
        original = stored
        conflict = false
        keepFocusVisible(app: app)
        guard theirs.isEmpty else {
            return .message(
                .error(
                    "\(theirs.count) field(s) were changed by both of you; theirs is shown beside yours. Check, then save."
                ))
        }
        return .info("Loaded their version; your changes are on top. Save again with \(app.keys.hint(.save)).")
    }

    private func cancel() -> Effect {
        guard hasUnsavedChanges else { return .close }
        asking = .discard
        return .push(
            ConfirmDialog(
                title: "Discard changes?", question: "You changed this form. Leave it and lose the changes?",
                yesLabel: "Discard"))
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
        let labelWidth = min(24, (fields.map { TextWidth.of($0.label) }.max() ?? 10) + 3)
        let inputWidth = max(10, min(40, body.width - labelWidth - 2))
        let noteX = body.x + labelWidth + inputWidth + 2
        return Layout(
            body: body, labelWidth: labelWidth, inputWidth: inputWidth, noteX: noteX,
            notesBeside: body.maxX - noteX >= 24)
    }

    /// Each field takes a row, plus one per line of its message when that goes below it.
    private func rows(_ layout: Layout) -> [(field: Int, note: String?, role: TextRole)] {
        var rows: [(field: Int, note: String?, role: TextRole)] = []
        for (index, field) in fields.enumerated() {
            rows.append((index, nil, .normal))
            if let note = noteText(field), !layout.notesBeside {
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
        editors[focusedField.id]?.keepCursorVisible(width: layout(in: app.screenArea).inputWidth)
    }

    // MARK: Drawing

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        frame.text(heading, in: Rect(x: area.x + 1, y: area.y, width: area.width - 14, height: 1), .title)
        frame.text("* required", in: Rect(x: area.maxX - 12, y: area.y, width: 11, height: 1), .dim, alignRight: true)
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
            let label = field.label + (field.isRequired ? " *" : "")
            frame.text(
                label, in: Rect(x: body.x, y: y, width: layout.labelWidth - 1, height: 1),
                errors[field.id] != nil ? .error : .label)
            let input = Rect(x: body.x + layout.labelWidth, y: y, width: layout.inputWidth, height: 1)
            let focused = row.field == focus
            let style = frame.style(focused ? .inputFocused : .input)
            switch field.kind {
            case .text, .date:
                let cursorX = (editors[field.id] ?? LineEditor()).draw(in: input, buffer: &frame.buffer, style: style)
                if focused { frame.cursor = Point(x: cursorX, y: y) }
            case .choice(let options), .several(let options):
                let shown = display(editors[field.id]?.text ?? "", options: options)
                frame.buffer.put(shown.isEmpty ? "" : shown, in: input, style: style)
                frame.text("▾", x: input.maxX, y: y, .dim)
                if focused { frame.cursor = Point(x: input.x, y: y) }
            }
            if layout.notesBeside, let note = noteText(field) {
                frame.text(
                    note.text, in: Rect(x: layout.noteX, y: y, width: body.maxX - layout.noteX, height: 1), note.role)
            }
        }
    }

    private func noteText(_ field: FormField) -> (text: String, role: TextRole)? {
        if let error = errors[field.id] { return (error, .error) }
        if let other = theirs[field.id] { return ("Theirs: \(other.isEmpty ? "(empty)" : other)", .warning) }
        return nil
    }

    private func display(_ value: String, options: [Choice]) -> String {
        let parts = value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        return parts.map { part in options.first { $0.value == part }?.label ?? part }.joined(separator: ", ")
    }
}

extension String {
    var trimmingSpaces: String { CasebookCore.trimmed(self) }
}

/// Date shortcuts in date fields: t, +7d, -2w, +3m, +1y.
package enum DateShortcut {
    /// The day a shortcut means, or nil when the text is not a shortcut.
    package static func expand(_ text: String, today: Day) -> Day? {
        let input = trimmed(text).lowercased()
        if input == "t" || input == "today" { return today }
        guard input.count >= 3, let sign = input.first, sign == "+" || sign == "-", let unit = input.last,
            let amount = Int(input.dropFirst().dropLast()), amount <= 100_000
        else { return nil }
        let n = sign == "-" ? -amount : amount
        switch unit {
        case "d": return today.adding(days: n)
        case "w": return today.adding(days: 7 * n)
        case "m": return today.adding(months: n)
        case "y": return today.adding(years: n)
        default: return nil
        }
    }
}
