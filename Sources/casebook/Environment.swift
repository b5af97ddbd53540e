#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CasebookCore
import CasebookStore

/// Facts from the process environment: variables, the operating-system user, paths.
enum Environment {
    static func variable(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    static var home: String { variable("HOME") ?? "/tmp" }

    /// `$CASEBOOK_DB`, else `$XDG_DATA_HOME/casebook/casebook.db` (`~/.local/share/casebook/casebook.db`).
    static var defaultDatabasePath: String {
        if let path = variable("CASEBOOK_DB") { return path }
        let data = variable("XDG_DATA_HOME") ?? home + "/.local/share"
        return data + "/casebook/casebook.db"
    }

    /// `$XDG_STATE_HOME/casebook/casebook.log` (`~/.local/state/casebook/casebook.log`).
    static var logPath: String {
        let state = variable("XDG_STATE_HOME") ?? home + "/.local/state"
        return state + "/casebook/casebook.log"
    }

    /// `$XDG_CONFIG_HOME/casebook/casebook.toml` (`~/.config/casebook/casebook.toml`).
    static var userConfigPath: String {
        let config = variable("XDG_CONFIG_HOME") ?? home + "/.config"
        return config + "/casebook/casebook.toml"
    }

    /// The person at the keyboard: the operating-system user, or `$CASEBOOK_USER` when set
    /// (for demonstrations and tests that act as several staff members on one machine).
    static var currentUser: (username: String, displayName: String) {
        if let user = variable("CASEBOOK_USER") { return (user, user) }
        guard let entry = getpwuid(getuid()) else { return ("uid\(getuid())", "uid\(getuid())") }
        let username = String(cString: entry.pointee.pw_name)
        let gecos = entry.pointee.pw_gecos.map { String(cString: $0) } ?? ""
        let fullName = gecos.split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return (username, trimmed(fullName).isEmpty ? username : trimmed(fullName))
    }

    static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// A whole text file, or nil when it cannot be read.
    static func readFile(_ path: String) -> String? {
        DatabaseFile.contents(of: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The names of the files in `folder` ending in `suffix`, sorted.
    static func files(in folder: String, suffix: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(suffix) { names.append(name) }
        }
        return names.sorted()
    }

    /// The running binary, resolved through /proc.
    static var executablePath: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return CommandLine.arguments.first ?? "" }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Seconds on a monotonic clock, for reporting how long a command took.
    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
