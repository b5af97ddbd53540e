import CasebookISOCodes

#if canImport(Glibc)
    import Glibc
#endif

/// Casebook's messages in one language: its compiled catalogue (`casebook.mo`) and the plural
/// rule from that catalogue's header.
///
/// Read with the `.mo` reader of `CasebookISOCodes` rather than through glibc's `dgettext`:
/// - the language is ours to choose (`--language`, `casebook.toml`, then the environment), and
///   glibc would take it from the environment only, so we would have to rewrite `LANGUAGE`
///   with `setenv` in a process that has threads;
/// - glibc translates only after `setlocale`, ignores `LANGUAGE` under the `C` locale and
///   converts to the locale's character set (`?` for every letter beyond ASCII under `C`);
///   the CLI's commands would all need `setlocale`, and the result would depend on the host's
///   locales rather than on the catalogue;
/// - a catalogue read into an immutable value is safe to share between threads, and a test
///   can speak German in one task while another speaks English in the same process.
/// The rule for which language the environment names is glibc's (see `LanguageChoice`).
package struct Catalogue: Sendable {
    /// The code English messages are written in, which needs no catalogue.
    package static let english = "en"
    /// The gettext domain: `casebook.po` compiles to `casebook.mo`.
    package static let domain = "casebook"

    /// The language code the catalogue was found under ("nb").
    package let language: String
    package let messages: MessageCatalog
    package let plural: PluralRule

    package init(language: String, messages: MessageCatalog) {
        self.language = language
        self.messages = messages
        plural = messages.headerField("Plural-Forms").flatMap(PluralRule.init(header:)) ?? .germanic
    }

    /// Reads `folder/LANGUAGE/LC_MESSAGES/casebook.mo`; nil when there is no such file.
    package static func load(language: String, folder: String) throws(CatalogueError) -> Catalogue? {
        let path = "\(folder)/\(language)/LC_MESSAGES/\(domain).mo"
        guard let bytes = readFile(path) else { return nil }
        do { return Catalogue(language: language, messages: try MessageCatalog(bytes: bytes)) } catch {
            throw CatalogueError(path: path, reason: error.description)
        }
    }

    /// The translation of `message`; the message itself where the catalogue has none (or an
    /// empty one, which msgfmt leaves out anyway).
    package func translate(_ message: String) -> String {
        guard let text = messages[message], !text.isEmpty else { return message }
        return text
    }

    /// The form of a plural message for `count` by the catalogue's rule; English's rule where the
    /// catalogue lacks the message.
    package func translate(_ singular: String, _ pluralText: String, _ count: Int) -> String {
        guard let forms = messages.plurals[singular] else { return count == 1 ? singular : pluralText }
        let index = plural.form(for: count)
        return index < forms.count && !forms[index].isEmpty ? forms[index] : forms[0]
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let read = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if read > 0 { bytes.append(contentsOf: buffer[0..<read]) }
            if read < buffer.count { break }
        }
        return ferror(file) == 0 ? bytes : nil
    }
}

/// A catalogue file that exists but cannot be read as one.
package struct CatalogueError: Error, Equatable, CustomStringConvertible {
    package let path: String
    package let reason: String

    package var description: String {
        tr(
            "The translation {path} {reason}; reinstall Casebook, or start it with --language en.",
            [
                "path": path, "reason": reason,
            ])
    }
}
