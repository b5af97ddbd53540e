import CasebookL10n

#if canImport(Glibc)
    import Glibc
#endif

/// The language Casebook speaks, settled before any command runs: `--language` (any command),
/// else `language` in casebook.toml, else the environment (`LanguageChoice`); and whether
/// screens write dates as that language does (`date_format`).
enum Language {
    /// Takes `--language CODE` / `--language=CODE` out of `arguments`, wherever it stands before
    /// a `--`, so that every command accepts it without declaring it.
    static func extract(from arguments: [String]) throws -> (arguments: [String], language: String?) {
        var rest: [String] = []
        var language: String?
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" {
                rest += arguments[index...]
                break
            }
            if argument == "--language" {
                let next = arguments.index(after: index)
                guard next < arguments.endIndex, !arguments[next].hasPrefix("-") else {
                    throw CommandError(tr("--language needs a language code, such as nb, de, fr, nl or en."))
                }
                language = arguments[next]
                index = arguments.index(after: next)
                continue
            }
            if argument.hasPrefix("--language=") {
                language = String(argument.dropFirst("--language=".count))
                if language?.isEmpty == true {
                    throw CommandError(tr("--language needs a language code, such as nb, de, fr, nl or en."))
                }
            } else {
                rest.append(argument)
            }
            index = arguments.index(after: index)
        }
        return (rest, language)
    }

    /// Settles the language and makes it the program's, printing one sentence on stderr when the
    /// asked-for one is not there.
    static func start(requested: String?) {
        // A settings file with a mistake is refused by the command that reads it, in this language.
        let settings = try? Configuration.load()
        DateForm.show(settings?.dateFormat == .locale)
        let folders = catalogueFolders()
        let choice = LanguageChoice.settle(
            requested: requested ?? settings?.language, environment: environment(),
            has: { code in folders.contains { Environment.isFile(path(folder: $0, language: code)) } })
        if let warning = choice.warning { printError(warning) }
        guard let code = choice.language else { return }
        for folder in folders {
            do {
                if let catalogue = try Catalogue.load(language: code, folder: folder) {
                    Messages.use(catalogue)
                    return
                }
            } catch {
                printError(error.description)
                return
            }
        }
    }

    /// The catalogue of `code` (nil inside for English), or nil when Casebook has none installed.
    static func catalogue(for code: String) throws -> Catalogue?? {
        if code == Catalogue.english { return .some(nil) }
        guard LanguageChoice.shipped.contains(code) else { return nil }
        for folder in catalogueFolders() {
            do {
                if let catalogue = try Catalogue.load(language: code, folder: folder) { return .some(catalogue) }
            } catch {
                throw CommandError(error.description)
            }
        }
        return nil
    }

    /// Where the compiled catalogues are, first found first used. In the office mode only the
    /// installed `PREFIX/share/locale`. Otherwise `$CASEBOOK_LOCALE_DIR`, the installed folder,
    /// and the `.build/locale` that `make` compiles in the source tree the binary was built in.
    static func catalogueFolders() -> [String] {
        let installed = Installation.current.map { $0.prefix + "/share/locale" }
        if PrivilegedMode.startedPrivileged { return installed.map { [$0] } ?? [] }
        var folders: [String] = []
        if let folder = Environment.variable("CASEBOOK_LOCALE_DIR") { folders.append(folder) }
        if let installed { folders.append(installed) }
        var folder = Environment.executablePath.split(separator: "/").dropLast().map(String.init)
        while !folder.isEmpty {
            folders.append("/" + folder.joined(separator: "/") + "/.build/locale")
            folder.removeLast()
        }
        return folders
    }

    private static func path(folder: String, language: String) -> String {
        "\(folder)/\(language)/LC_MESSAGES/\(Catalogue.domain).mo"
    }

    private static func environment() -> [String: String] {
        var values: [String: String] = [:]
        for name in ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] { values[name] = Environment.variable(name) }
        return values
    }

    private static func printError(_ sentence: String) {
        let line = Array((sentence + "\n").utf8)
        _ = line.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
