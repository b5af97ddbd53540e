import CasebookL10n

#if canImport(Glibc)
    import Glibc
#endif

/// Where an installed Casebook finds its files, from the place of its own binary
/// (`PREFIX/bin/casebook`, as `make install` puts it): the shipped configuration and programme
/// presets in `PREFIX/share/casebook`, the site settings in `PREFIX/etc/casebook/casebook.toml`
/// (`/etc/casebook/casebook.toml` when PREFIX is `/usr`). A binary in a build folder has none.
struct Installation: Equatable {
    let prefix: String
    /// The installed binary.
    let binary: String

    var shareFolder: String { prefix + "/share/casebook" }
    /// True when the binary is set-group-id (`casebook setup` made it so).
    var isSetgid: Bool {
        var info = stat()
        return stat(binary, &info) == 0 && info.st_mode & S_ISGID != 0
    }
    var siteSettingsPath: String { (prefix == "/usr" ? "" : prefix) + "/etc/casebook/casebook.toml" }

    /// The installation of `executable` (a resolved path), when it sits in a `bin` folder
    /// beside `share/casebook/casebook.toml`.
    static func of(executable: String, isFile: (String) -> Bool) -> Installation? {
        let bin = directory(of: executable)
        guard bin.hasSuffix("/bin") else { return nil }
        let prefix = directory(of: bin)
        let installation = Installation(prefix: prefix == "/" ? "" : prefix, binary: executable)
        return isFile(installation.shareFolder + "/casebook.toml") ? installation : nil
    }

    /// This binary's installation.
    static let current: Installation? = of(executable: Environment.executablePath, isFile: Environment.isFile)

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Why `path` cannot be trusted to say what the office group's rights are used for, or nil
    /// when it can: the file and every folder above it must be owned by root and writable by no
    /// one else (a folder with the sticky bit, such as /tmp, lets others add files but not
    /// replace root's), and none may be a symbolic link.
    static func trustProblem(_ path: String) -> String? {
        // TRANSLATORS: the {problem} in "… but {problem}; …" and "…: {problem}; …": lower case, no full stop.
        guard path.hasPrefix("/") else { return tr("{path} is not an absolute path", ["path": path]) }
        var current = ""
        let parts = path.split(separator: "/")
        for (index, part) in ([""] + parts.map(String.init)).enumerated() {
            if index > 0 { current += "/" + part }
            let name = current.isEmpty ? "/" : current
            var info = stat()
            guard lstat(name, &info) == 0 else {
                return tr(
                    "{path} cannot be read ({reason})", ["path": name, "reason": String(cString: strerror(errno))])
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK { return tr("{path} is a symbolic link", ["path": name]) }
            if info.st_uid != 0 { return tr("{path} is not owned by root", ["path": name]) }
            let sticky = type == S_IFDIR && info.st_mode & S_ISVTX != 0
            if info.st_mode & 0o022 != 0 && !sticky {
                return tr("{path} can be changed by users other than root", ["path": name])
            }
        }
        return nil
    }
}
