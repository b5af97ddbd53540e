import Synchronization

/// Every word a person reads goes through `tr` or `trn`, so that one place can put it in the
/// officer's language (issue 19) and one extractor can find every message.
///
/// The rules for a message, so that the extractor (`xgettext --language=C --keyword=tr
/// --keyword=trn:1,2`, `make pot`) and the translators can read it:
/// - the message is one string literal, never built with `\( )` or `+`;
/// - what changes goes in as a named placeholder, `{name}`, with its value in `values`, so a
///   translator can move it within the sentence;
/// - a count goes through `trn`, which picks the plural form and fills `{count}`;
/// - a comment starting `TRANSLATORS:` on the line before reaches the translator.
///
/// The message is its own English translation; another language comes from its catalogue.
package func tr(_ message: String, _ values: [String: String] = [:]) -> String {
    Messages.fill(Messages.current?.translate(message) ?? message, values)
}

/// A message whose wording depends on a number: "1 client", "2 clients" (and, in the
/// languages that have them, further forms). `{count}` is filled with `count`.
package func trn(_ singular: String, _ plural: String, _ count: Int, _ values: [String: String] = [:]) -> String {
    var all = values
    all["count"] = String(count)
    let text = Messages.current?.translate(singular, plural, count) ?? (count == 1 ? singular : plural)
    return Messages.fill(text, all)
}

package enum Messages {
    /// The language the program speaks, chosen once at start-up (`Messages.use`).
    private static let chosen = Mutex<Catalogue?>(nil)

    /// A language for the work of one task and what it starts (a test, a second language for a
    /// printed contract), without changing it for the rest of the process.
    @TaskLocal package static var override: Catalogue?? = nil

    /// The catalogue `tr` reads; nil for English.
    package static var current: Catalogue? {
        if let override { return override }
        return chosen.withLock { $0 }
    }

    /// The language code `tr` speaks: "en", or the catalogue's ("nb").
    package static var language: String { current?.language ?? Catalogue.english }

    /// Makes `catalogue` the program's language (nil: English).
    package static func use(_ catalogue: Catalogue?) {
        chosen.withLock { $0 = catalogue }
    }

    /// Runs `body` in the language of `catalogue` (nil: English), for this task only.
    package static func speaking<T>(_ catalogue: Catalogue?, _ body: () throws -> T) rethrows -> T {
        try $override.withValue(.some(catalogue), operation: body)
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

    /// The `{placeholders}` a message names, for the catalogue check.
    package static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "}") else { break }
            let name = rest[after..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                names.insert(String(name))
            }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
