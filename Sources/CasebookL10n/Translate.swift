/// Every word a person reads goes through `tr` or `trn`, so that one place can put it in the
/// officer's language (issue 19) and one extractor can find every message.
///
/// The rules for a message, so that the extractor (`xgettext --language=C --keyword=tr
/// --keyword=trn:1,2`) and the translators can read it:
/// - the message is one string literal, never built with `\( )` or `+`;
/// - what changes goes in as a named placeholder, `{name}`, with its value in `values`, so a
///   translator can move it within the sentence;
/// - a count goes through `trn`, which picks the plural form and fills `{count}`.
///
/// Until the catalogues exist (issue 19), the message is its own English translation.
package func tr(_ message: String, _ values: [String: String] = [:]) -> String {
    Messages.fill(Messages.translate(message), values)
}

/// A message whose wording depends on a number: "1 client", "2 clients" (and, in the
/// languages that have them, further forms). `{count}` is filled with `count`.
package func trn(_ singular: String, _ plural: String, _ count: Int, _ values: [String: String] = [:]) -> String {
    var all = values
    all["count"] = String(count)
    return Messages.fill(Messages.translate(singular, plural, count), all)
}

package enum Messages {
    /// The translation of `message` in the language chosen at start-up.
    static func translate(_ message: String) -> String { message }

    /// The plural form of the message for `count`, in the language chosen at start-up.
    static func translate(_ singular: String, _ plural: String, _ count: Int) -> String {
        count == 1 ? singular : plural
    }

    /// `{name}` replaced by `values["name"]`; a brace that names no value stays as written, so
    /// a translation that mistypes a placeholder shows it rather than losing text.
    package static func fill(_ text: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, text.contains("{") else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "}"),
                let value = values[String(rest[after..<close])]
            else {
                result.append("{")
                rest = rest[after...]
                continue
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }
}
