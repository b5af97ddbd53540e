#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CasebookCore
import CasebookL10n
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

    /// The person at the keyboard, working on the database at `databasePath`: in the office mode
    /// the passwd entry of the real uid, nothing else. Otherwise the operating-system user, or
    /// `$CASEBOOK_USER` (for demonstrations and tests that act as several staff members on one
    /// machine), which is honoured only on a file the real user owns: there it grants nothing
    /// they could not do to their own file anyway.
    static func person(actingOn databasePath: String) throws -> Person {
        if let person = PrivilegedMode.person { return person }
        if let user = variable("CASEBOOK_USER") {
            var info = stat()
            guard stat(databasePath, &info) == 0, info.st_uid == getuid() else {
                throw CommandError(
                    tr(
                        "CASEBOOK_USER acts as another staff member only on a database file you own; unset it to work as yourself."
                    ))
            }
            return Person(username: user, displayName: user, home: home)
        }
        return Person.entry(uid: getuid())
            ?? Person(username: "uid\(getuid())", displayName: "uid\(getuid())", home: home)
    }

    static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// A whole text file, or nil when it cannot be read (the installed files).
    static func readFile(_ path: String) -> String? {
        DatabaseFile.contents(of: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A whole text file the user named (their settings, a programme file), read with their own
    /// rights; nil when it does not exist. Any other failure says which file and why, and
    /// nothing of what a path might point to.
    static func readUserFile(_ path: String) throws -> String? {
        try readUserBytes(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A whole file the user named, as bytes (a spreadsheet), read with their own rights; nil
    /// when it does not exist.
    static func readUserBytes(_ path: String) throws -> [UInt8]? {
        try PrivilegedMode.asUser {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                if errno == ENOENT { return nil }
                throw CommandError(
                    tr(
                        "Cannot read {path}: {reason}.",
                        ["path": Sanitized.inline(path, limit: 200), "reason": String(cString: strerror(errno))]))
            }
            defer { close(fd) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count < 0 {
                    throw CommandError(
                        tr(
                            "Cannot read {path}: {reason}.",
                            ["path": Sanitized.inline(path, limit: 200), "reason": String(cString: strerror(errno))]))
                }
                if count == 0 { break }
                bytes += buffer[0..<count]
            }
            return bytes
        }
    }

    /// Writes a file the user named (refused rows, an export) with their own rights, readable by
    /// them alone (`DatabaseFile.writePrivate`).
    static func writeUserFile(_ path: String, _ bytes: [UInt8], replace: Bool) throws {
        try PrivilegedMode.asUser { try DatabaseFile.writePrivate(path, bytes, replace: replace) }
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
