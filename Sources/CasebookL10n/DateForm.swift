import Synchronization

/// How a language writes a date by hand: day, month and year with its own separator
/// (17.03.2024 in Norwegian and German, 17/03/2024 in French, 17-03-2024 in Dutch).
///
/// English has none: British and American officers write the day and month in opposite orders,
/// so an English screen keeps ISO and English input takes ISO only.
package struct DateForm: Sendable, Equatable {
    package let separator: Character

    /// The form of `language` ("nb"), nil for a language that keeps ISO.
    package static func of(language: String) -> DateForm? {
        switch language {
        case "nb", "nn", "no", "de": return DateForm(separator: ".")
        case "fr": return DateForm(separator: "/")
        case "nl": return DateForm(separator: "-")
        default: return nil
        }
    }

    /// The form of the language `tr` speaks.
    package static var current: DateForm? { of(language: Messages.language) }

    /// Whether screens write dates in the language's form (`date_format = "locale"`) rather
    /// than ISO, chosen once at start-up.
    private static let showsLocal = Mutex(false)

    package static var isShown: Bool {
        if let override = showsLocalOverride { return override }
        return showsLocal.withLock { $0 }
    }

    /// For a test or one task: the setting without changing it for the process.
    @TaskLocal package static var showsLocalOverride: Bool? = nil

    package static func show(_ local: Bool) { showsLocal.withLock { $0 = local } }

    /// The form screens write dates in now: nil for ISO.
    package static var shown: DateForm? { isShown ? current : nil }
}
