import CasebookCore
import CasebookText
import CasebookL10n

/// How a form field is entered.
package enum FieldKind: Sendable {
    case text
    /// YYYY-MM-DD or the language's own form (17.03.2024), with the shortcuts t (today) and
    /// +7d, -2w, +3m, +1y.
    case date
    /// One value from a list, chosen in a pick list that filters as you type.
    case choice([Choice])
    /// Any number of values from a list (their codes held comma-separated).
    case several([Choice])
}

/// One field of a form over `Draft`: the draft's field it edits, the label people read, how it
/// is entered, and how its text and the draft's value turn into each other.
package struct FormField<Draft: FormDraft> {
    /// Nil for the one field no rule of the draft concerns (the client's officer).
    package let id: Draft.Field?
    package let label: String
    package let kind: FieldKind
    /// The text the field shows for a draft.
    let text: (Draft) -> String
    /// Puts the text into the draft, or says why it cannot be read (a date or a number typed
    /// wrong). The rules of what may be stored are the draft's.
    let read: (String, inout Draft) -> String?
}

extension FormField {
    /// Text the draft keeps as typed (it trims and checks it): free text, or the codes of a
    /// draft that holds every field as text (the client's) entered as `kind`.
    static func text(
        _ id: Draft.Field?, _ label: String, _ path: WritableKeyPath<Draft, String>, kind: FieldKind = .text
    ) -> FormField {
        FormField(id: id, label: label, kind: kind, text: { $0[keyPath: path] }) { text, draft in
            draft[keyPath: path] = text
            return nil
        }
    }

    static func date(_ id: Draft.Field, _ label: String, _ path: WritableKeyPath<Draft, Day?>) -> FormField {
        FormField(id: id, label: label, kind: .date, text: { $0[keyPath: path]?.shown ?? "" }) { text, draft in
            let text = trimmed(text)
            guard !text.isEmpty else {
                draft[keyPath: path] = nil
                return nil
            }
            do throws(DayError) { draft[keyPath: path] = try Day(typed: text) } catch { return error.description }
            return nil
        }
    }

    /// A number of hours, typed with a decimal point or comma.
    static func number(_ id: Draft.Field, _ label: String, _ path: WritableKeyPath<Draft, Double?>) -> FormField {
        parsed(id, label, path, unreadable: tr("Write a number, e.g. 2 or 1.5.")) { text in
            // "1,5" as officers in comma-decimal countries type it.
            Double(String(text.map { $0 == "," ? "." : $0 })).flatMap { $0.isFinite ? $0 : nil }
        }
    }

    static func whole(_ id: Draft.Field, _ label: String, _ path: WritableKeyPath<Draft, Int?>, unreadable: String)
        -> FormField
    {
        parsed(id, label, path, unreadable: unreadable) { Int($0) }
    }

    private static func parsed<Value: LosslessStringConvertible>(
        _ id: Draft.Field, _ label: String, _ path: WritableKeyPath<Draft, Value?>, unreadable: String,
        _ parse: @escaping (String) -> Value?
    ) -> FormField {
        FormField(id: id, label: label, kind: .text, text: { $0[keyPath: path]?.description ?? "" }) {
            text, draft in
            let text = trimmed(text)
            guard !text.isEmpty else {
                draft[keyPath: path] = nil
                return nil
            }
            guard let value = parse(text) else { return unreadable }
            draft[keyPath: path] = value
            return nil
        }
    }

    /// One of `options`, chosen from a pick list; `none` names the choice of nothing, when the
    /// field may be left empty on purpose.
    static func choice<Value: Equatable>(
        _ id: Draft.Field?, _ label: String, _ path: WritableKeyPath<Draft, Value?>,
        _ options: [(Value, String)], none: String? = nil
    ) -> FormField {
        // The field holds the chosen option's place in the list: the value itself stays typed.
        let choices = (none.map { [Choice("", $0)] } ?? []) + options.indices.map { Choice(String($0), options[$0].1) }
        return FormField(
            id: id, label: label, kind: .choice(choices),
            text: { draft in
                guard let value = draft[keyPath: path] else { return "" }
                return options.firstIndex { $0.0 == value }.map(String.init) ?? ""
            }
        ) { text, draft in
            guard !text.isEmpty else {
                draft[keyPath: path] = nil
                return nil
            }
            guard let index = Int(text), options.indices.contains(index) else { return tr("Choose from the list.") }
            draft[keyPath: path] = options[index].0
            return nil
        }
    }

    /// One of the cases of `Value`, by their labels.
    static func choice<Value: CaseIterable & Equatable>(
        _ id: Draft.Field?, _ label: String, _ path: WritableKeyPath<Draft, Value?>,
        _ cases: [Value] = Array(Value.allCases),
        label name: (Value) -> String, none: String? = nil
    ) -> FormField {
        choice(id, label, path, cases.map { ($0, name($0)) }, none: none)
    }
}

/// The choices forms share.
enum Choices {
    /// Named in the language Casebook speaks and ordered by that name; the code stays beside it,
    /// so the pick list filters on either.
    /// Made once per language: a form asks for them at every keystroke.
    static var countries: [Choice] { countryChoices.value }
    static var languages: [Choice] { languageChoices.value }
    private static let countryChoices = PerLanguage { CodeLabels.choices(Countries.all, CodeLabels.country) }
    private static let languageChoices = PerLanguage { CodeLabels.choices(Languages.all, CodeLabels.language) }
    /// The same, as values a typed field chooses among.
    static var countryCodes: [(String, String)] { countryCodePairs.value }
    static var languageCodes: [(String, String)] { languageCodePairs.value }
    private static let countryCodePairs = PerLanguage { countries.map { ($0.value, $0.label) } }
    private static let languageCodePairs = PerLanguage { languages.map { ($0.value, $0.label) } }
    static var yesNo: [(Bool, String)] { [(true, tr("Yes")), (false, tr("No"))] }
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
