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
        self.summary = summary ?? "\(count) field\(count == 1 ? "" : "s") need\(count == 1 ? "s" : "") attention; nothing was saved."
    }
}

/// What a successful save reports, and what to do once the form has closed.
package struct FormSaved {
    package var message: String
    package var then: ((App) throws -> Void)?

    package init(_ message: String, then: ((App) throws -> Void)? = nil) {
        self.message = message
        self.then = then
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
    private var scroll = 0
    private var conflict = false
    private let save: (App, [String: String]) throws -> FormSaved
    private let reloadBase: ((App) throws -> [String: String])?

    /// - Parameters:
    ///   - save: stores the values and returns the success message; throws `FormErrors` or a
    ///     `StoreError`.
    ///   - reloadBase: after a conflict, reads the stored values again (and takes their version).
    package init(
        title: String, fields: [FormField], values: [String: String],
        save: @escaping (App, [String: String]) throws -> FormSaved,
        reloadBase: ((App) throws -> [String: String])? = nil
    ) {
        heading = title
        self.fields = fields
        original = values
        self.save = save
        self.reloadBase = reloadBase
        for field in fields { editors[field.id] = LineEditor(values[field.id] ?? "") }
    }

    package var contexts: [KeyContext] { [.form, .edit] }
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

    package func handle(_ input: Input, app: App) -> Bool {
        let field = fields[focus]
        switch input {
        case .text(let text):
            switch field.kind {
            case .text, .date:
                editors[field.id]?.insert(text)
            case .choice, .several:
                openPicker(for: field, app: app, filter: text.trimmingSpaces)
            }
        case .command(let command):
            switch command {
            case .nextField: move(by: 1, app: app)
            case .previousField: move(by: -1, app: app)
            case .pick:
                switch field.kind {
                case .choice, .several: openPicker(for: field, app: app, filter: "")
                default: move(by: 1, app: app)
                }
            case .save: attemptSave(app: app)
            case .mergeReload: mergeTheirs(app: app)
            case .back: cancel(app: app)
            case .quit: app.requestQuit()
            case .deleteBack, .deleteForward, .clearField:
                if case .text = field.kind {
                    _ = editors[field.id]?.apply(command)
                } else if case .date = field.kind {
                    _ = editors[field.id]?.apply(command)
                } else {
                    editors[field.id]?.set("")
                }
            default:
                return editors[field.id]?.apply(command) ?? false
            }
        }
        return true
    }

    private func move(by step: Int, app: App) {
        expandDate(fields[focus], app: app)
        focus = (focus + step + fields.count) % fields.count
    }

    /// Turns t, +7d and the like into a date when leaving a date field.
    private func expandDate(_ field: FormField, app: App) {
        guard case .date = field.kind, let text = editors[field.id]?.text,
            let day = DateShortcut.expand(text, today: app.clock.today)
        else { return }
        editors[field.id]?.set(day.iso)
    }

    private func openPicker(for field: FormField, app: App, filter: String) {
        let current = editors[field.id]?.text ?? ""
        switch field.kind {
        case .choice(let options):
            app.push(
                PickListDialog(title: field.label, options: options, chosen: [current], filter: filter) { [weak self] app, chosen in
                    self?.setValue(chosen.first ?? "", for: field.id)
                    self?.move(by: 1, app: app)
                })
        case .several(let options):
            let chosen = current.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            app.push(
                PickListDialog(title: field.label, options: options, chosen: chosen, allowsSeveral: true, filter: filter) {
                    [weak self] _, chosen in
                    self?.setValue(chosen.joined(separator: ", "), for: field.id)
                })
        default:
            break
        }
    }

    private func attemptSave(app: App) {
        for field in fields { expandDate(field, app: app) }
        do {
            // Text no form can store is refused beside its field before the form's own rules run.
            var problems: [String: String] = [:]
            for field in fields { problems[field.id] = field.problem(with: editors[field.id]?.text ?? "") }
            if !problems.isEmpty { throw FormErrors(problems) }
            let saved = try save(app, values)
            errors = [:]
            app.pop()
            app.message = .success(saved.message)
            try saved.then?(app)
        } catch let failure as FormErrors {
            errors = failure.messages
            if let first = fields.firstIndex(where: { failure.messages[$0.id] != nil }) { focus = first }
            app.message = .error(failure.summary)
        } catch let error as StoreError {
            if case .conflict = error {
                conflict = true
                let key = app.keys.keys(for: .mergeReload).first?.label ?? "Ctrl-R"
                app.message = .error(error.description + " Your changes are still here: \(key) loads theirs and keeps yours on top.")
            } else {
                app.report(error)
            }
        } catch {
            app.report(error)
        }
    }

    /// After a conflict: takes the colleague's saved values for the fields this officer did not
    /// touch, keeps this officer's values where they did, and marks fields both changed.
    private func mergeTheirs(app: App) {
        guard conflict, let reloadBase else {
            app.message = .info("Nothing to reload: there was no conflict.")
            return
        }
        do {
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
            app.message = theirs.isEmpty
                ? .info("Loaded their version; your changes are on top. Save again with Ctrl-S.")
                : .error("\(theirs.count) field(s) were changed by both of you; theirs is shown beside yours. Check, then save.")
        } catch {
            app.report(error)
        }
    }

    private func cancel(app: App) {
        guard hasUnsavedChanges else {
            app.pop()
            return
        }
        app.push(
            ConfirmDialog(title: "Discard changes?", question: "You changed this form. Leave it and lose the changes?", yesLabel: "Discard") {
                [weak self] app in
                guard let self else { return }
                app.pop(to: self)
                app.pop()
                app.message = .info("Changes discarded.")
            })
    }

    // MARK: Drawing

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        frame.text(heading, in: Rect(x: area.x + 1, y: area.y, width: area.width - 14, height: 1), .title)
        frame.text("* required", in: Rect(x: area.maxX - 12, y: area.y, width: 11, height: 1), .dim, alignRight: true)
        let body = area.inset(top: 2, left: 1, right: 1)
        let labelWidth = min(24, (fields.map { TextWidth.of($0.label) }.max() ?? 10) + 3)
        let inputWidth = max(10, min(40, body.width - labelWidth - 2))
        let noteX = body.x + labelWidth + inputWidth + 2
        let notesBeside = body.maxX - noteX >= 24

        // Each field takes a row, plus one when its message goes below it.
        var rows: [(field: Int, note: String?, role: Role)] = []
        for (index, field) in fields.enumerated() {
            rows.append((index, nil, .normal))
            let note = noteText(field)
            if let note, !notesBeside {
                for line in TextWidth.wrap(note.text, width: max(10, body.width - labelWidth)) {
                    rows.append((index, line, note.role))
                }
            }
        }
        let focusRow = rows.firstIndex { $0.field == focus && $0.note == nil } ?? 0
        let lastFocusRow = rows.lastIndex { $0.field == focus } ?? focusRow
        if focusRow < scroll { scroll = focusRow }
        if lastFocusRow >= scroll + body.height { scroll = lastFocusRow - body.height + 1 }
        scroll = max(0, min(scroll, max(0, rows.count - body.height)))

        for (offset, row) in rows.dropFirst(scroll).prefix(body.height).enumerated() {
            let y = body.y + offset
            let field = fields[row.field]
            if let note = row.note {
                frame.text(note, x: body.x + labelWidth, y: y, row.role, maxX: body.maxX)
                continue
            }
            let label = field.label + (field.isRequired ? " *" : "")
            frame.text(label, in: Rect(x: body.x, y: y, width: labelWidth - 1, height: 1), errors[field.id] != nil ? .error : .label)
            let input = Rect(x: body.x + labelWidth, y: y, width: inputWidth, height: 1)
            let focused = row.field == focus
            let style = frame.style(focused ? .inputFocused : .input)
            switch field.kind {
            case .text, .date:
                var editor = editors[field.id] ?? LineEditor()
                let cursorX = editor.draw(in: input, buffer: &frame.buffer, style: style)
                editors[field.id] = editor
                if focused { frame.cursor = Point(x: cursorX, y: y) }
            case .choice(let options), .several(let options):
                let shown = display(editors[field.id]?.text ?? "", options: options)
                frame.buffer.put(shown.isEmpty ? "" : shown, in: input, style: style)
                frame.text("▾", x: input.maxX, y: y, .dim)
                if focused { frame.cursor = Point(x: input.x, y: y) }
            }
            if notesBeside, let note = noteText(field) {
                frame.text(note.text, in: Rect(x: noteX, y: y, width: body.maxX - noteX, height: 1), note.role)
            }
        }
    }

    private func noteText(_ field: FormField) -> (text: String, role: Role)? {
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
