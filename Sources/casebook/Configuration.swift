import CasebookL10n
import CasebookConfig
import CasebookCore
import CasebookStore
import CasebookTUI

#if canImport(Glibc)
    import Glibc
#endif

/// Where settings and the database come from. In order, later winning: the shipped
/// `casebook.toml`, the site settings (root's, for every user of this host), the user's own
/// `~/.config/casebook/casebook.toml`.
enum Configuration {
    /// The folder of the shipped `casebook.toml` and `programmes/`. In the office mode only the
    /// installed `PREFIX/share/casebook`, and only when root alone can change it. Otherwise
    /// `$CASEBOOK_CONFIG_DIR`, else the installed folder, else `./config`, else the `config`
    /// folder of the source tree the binary was built in.
    static func shippedFolder() throws -> String? {
        if PrivilegedMode.startedPrivileged {
            let installation = try trustedInstallation()
            try requireTrusted(installation.shareFolder)
            return installation.shareFolder
        }
        if let folder = Environment.variable("CASEBOOK_CONFIG_DIR") { return folder }
        if let installation = Installation.current { return installation.shareFolder }
        if Environment.isFile("config/casebook.toml") { return "config" }
        var folder = Environment.executablePath.split(separator: "/").dropLast().map(String.init)
        while !folder.isEmpty {
            let candidate = "/" + folder.joined(separator: "/") + "/config"
            if Environment.isFile(candidate + "/casebook.toml") { return candidate }
            folder.removeLast()
        }
        return nil
    }

    nonisolated(unsafe) private static var cachedSite: Settings?

    /// The site settings (`[site]`: the office's database and log, and office-wide defaults);
    /// empty when the binary is not installed or `casebook setup` has not written them. In the
    /// office mode a file that anyone but root could change is refused.
    static func siteSettings() throws -> Settings {
        if let cachedSite { return cachedSite }
        var settings = Settings()
        let installation = PrivilegedMode.startedPrivileged ? try trustedInstallation() : Installation.current
        if let path = installation?.siteSettingsPath, Environment.isFile(path) {
            if PrivilegedMode.startedPrivileged { try requireTrusted(path) }
            guard let text = Environment.readFile(path) else {
                throw CommandError(
                    tr("Cannot read the site settings {path}; ask the administrator to check it.", ["path": path]))
            }
            do { settings = try Settings.load(path: path, text: text, themes: Theme.names, scope: .site) } catch {
                throw CommandError(error.description)
            }
        }
        cachedSite = settings
        return settings
    }

    /// Every setting, from the shipped file, the site settings and the user's own file (read with
    /// the user's own rights).
    static func load() throws -> Settings {
        var settings = Settings()
        if let shipped = try shippedFolder() {
            let path = shipped + "/casebook.toml"
            if let text = Environment.readFile(path) {
                do { settings = try Settings.load(path: path, text: text, themes: Theme.names, scope: .shipped) } catch
                {
                    throw CommandError(error.description)
                }
            }
        }
        settings = settings.merged(with: try siteSettings())
        let path = Environment.userConfigPath
        if let text = try Environment.readUserFile(path) {
            do {
                let user = try Settings.load(path: path, text: text, themes: Theme.names)
                settings = try settings.merged(withUser: user, path: path)
            } catch {
                throw CommandError(error.description)
            }
        }
        return settings
    }

    /// The database a command works on: `requested` (`--db`), else the office's. In the office
    /// mode any other file than the office's drops the office group's rights for good before
    /// anything opens it: it is then simply the user's own file. Outside it: `--db`, else
    /// `$CASEBOOK_DB`, else the site settings' database, else
    /// `$XDG_DATA_HOME/casebook/casebook.db`.
    static func databasePath(requested: String?) throws -> String {
        if PrivilegedMode.isHeld {
            let office = try siteSettings().database
            if let requested, absolute(requested) != office.map(absolute) {
                try PrivilegedMode.dropForGood()
                return requested
            }
            guard let office else {
                throw CommandError(
                    tr(
                        "This Casebook is installed for an office but has no database yet; the administrator runs `casebook setup` first."
                    ))
            }
            return office
        }
        if let requested { return requested }
        if !PrivilegedMode.startedPrivileged, let path = Environment.variable("CASEBOOK_DB") { return path }
        return try siteSettings().database ?? Environment.defaultDatabasePath
    }

    /// `path` made absolute against the working folder, with `.` parts and doubled slashes
    /// taken out (`..` kept: it may cross a symbolic link).
    static func absolute(_ path: String) -> String {
        var base = ""
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: 4096)
            if getcwd(&buffer, buffer.count) != nil {
                base = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
        let parts = (base + "/" + path).split(separator: "/").filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }

    private static func trustedInstallation() throws -> Installation {
        guard let installation = Installation.current else {
            throw CommandError(
                tr(
                    "This Casebook runs with a group's rights but is not installed (no share/casebook beside its bin folder); install it with `make install`."
                ))
        }
        return installation
    }

    private static func requireTrusted(_ path: String) throws {
        if let problem = Installation.trustProblem(path) {
            throw CommandError(
                tr(
                    "Casebook will not use its office rights with {path}: {problem}; ask the administrator to fix it.",
                    ["path": path, "problem": problem]))
        }
    }
}
