import CasebookL10n

/// The fields of a form's draft. The raw value names the field where a program reads it (the
/// audit log, tests, the command line); the words people read beside it are the form's, in the TUI.
package protocol DraftField: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    /// The longest text the field takes, in characters; nil for a field that is not free text.
    var characterLimit: Int? { get }
    /// How a message about the field is introduced where the form is not there to show it.
    var name: String { get }
}

extension DraftField {
    package var characterLimit: Int? { nil }
    package var name: String { rawValue }
}

/// What a form edits before it is saved: typed fields, and one `validated(...)` (with whatever
/// it must know: today, the case's phase, the programme) that names every problem with its field.
/// The form and the Store call the same validation, so a rule holds for every caller.
package protocol FormDraft: Sendable {
    associatedtype Field: DraftField
    /// The fields that must be filled in as the draft stands: the form marks them, and the
    /// validation refuses them empty.
    var requiredFields: Set<Field> { get }
}

/// A problem with one field, in a sentence the officer can act on.
package struct FieldIssue<Field: DraftField>: Hashable, Sendable, CustomStringConvertible {
    package var field: Field
    package var message: String

    package init(_ field: Field, _ message: String) {
        self.field = field
        self.message = message
    }

    package var description: String { "\(field.name): \(message)" }
}

/// A draft's problems whatever its fields: what the Store reports as `StoreError.invalid`.
package protocol DraftFailure: Error, CustomStringConvertible {}

/// Why a draft was refused: one message per field at fault, in the order of the fields.
package struct ValidationFailure<Field: DraftField>: DraftFailure, Hashable {
    package var issues: [FieldIssue<Field>]

    package init(issues: [FieldIssue<Field>]) {
        let order = Array(Field.allCases)
        self.issues = issues.sorted {
            (order.firstIndex(of: $0.field) ?? order.count) < (order.firstIndex(of: $1.field) ?? order.count)
        }
    }

    /// One problem: a rule the Store checks against what is stored (a case number taken, a
    /// course that is not the client's).
    package init(_ field: Field, _ message: String) { self.init(issues: [FieldIssue(field, message)]) }

    package func message(for field: Field) -> String? { issues.first { $0.field == field }?.message }

    package var description: String { issues.map(\.description).joined(separator: " ") }
}

/// The problems found while checking one draft: the first per field (the one to fix first).
package struct FieldIssues<Field: DraftField> {
    package private(set) var list: [FieldIssue<Field>] = []

    package init() {}

    package var isEmpty: Bool { list.isEmpty }

    package func has(_ field: Field) -> Bool { list.contains { $0.field == field } }

    package mutating func add(_ field: Field, _ message: String) {
        if !has(field) { list.append(FieldIssue(field, message)) }
    }

    /// `value`, or nil once `message` is recorded when there is none.
    package mutating func require<Value>(_ value: Value?, _ field: Field, _ message: String = tr("Required.")) -> Value? {
        if value == nil { add(field, message) }
        return value
    }

    /// The text as it is stored (trimmed), after recording what keeps it from being stored:
    /// characters no field may hold, more than the field's limit, or nothing when `required`
    /// names what to write.
    @discardableResult
    package mutating func text(_ value: String, _ field: Field, required: String? = nil) -> String {
        let text = trimmed(value)
        if let problem = Sanitized.problem(in: text) {
            add(field, problem)
        } else if let limit = field.characterLimit, text.count > limit {
            add(field, trn("Too long: at most {count} character.", "Too long: at most {count} characters.", limit))
        } else if text.isEmpty, let required {
            add(field, required)
        }
        return text
    }

    /// A required day that is not in the future: what has happened is recorded, not what is planned.
    package mutating func pastDay(
        _ day: Day?, _ field: Field, today: Day, _ message: String = tr("Lies in the future; record what has happened.")
    ) -> Day? {
        guard let day = require(day, field) else { return nil }
        if day > today { add(field, message) }
        return day
    }

    /// Every problem found, in field order.
    package var failure: ValidationFailure<Field> { ValidationFailure(issues: list) }
}
