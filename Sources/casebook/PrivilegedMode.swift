import CPrivilege
import CasebookCore
import CasebookL10n

#if canImport(Glibc)
    import Glibc
#endif

/// The office mode: Casebook installed setgid to a group with no members, so that only Casebook
/// opens the office's database (research/shared-host.md §1.4). When the effective group differs
/// from the real one at start, `start()` makes the process safe before anything else runs:
/// standard descriptors open and nothing else inherited, not dumpable, `umask 007`, the person
/// from the real uid alone, and an environment reduced to an allow-list. The office group's
/// rights are then held only for the office's database and the installed files: files a person
/// names are opened with their own group (`asUser`), any other database drops the rights for
/// good (`dropForGood`), and nothing is executed while they are held.
enum PrivilegedMode {
    /// True when the process started with the office group's rights (setgid took effect).
    nonisolated(unsafe) private(set) static var startedPrivileged = false
    /// The person at the keyboard, from the passwd entry of the real uid (privileged start only).
    nonisolated(unsafe) private(set) static var person: Person?

    /// True while the office group's rights are held.
    static var isHeld: Bool { getegid() != getgid() }

    /// The first thing `main` does. Outside the office mode it changes nothing.
    static func start() throws {
        // Set-user-id would let a subverted Casebook replace other programs; the office mode
        // needs only a group (Debian Policy §11.11 says the same of games).
        if geteuid() != getuid() { throw PrivilegeError.setuid }
        // AT_SECURE covers what the group ids might not show (file capabilities).
        guard getegid() != getgid() || cprivilege_is_secure() != 0 else { return }
        startedPrivileged = true
        // §1.4 item 8. A closed 0, 1 or 2 would be reused by the next file opened (the log), and
        // then an error message written to "standard error" would land in it.
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 {
            let opened = open("/dev/null", O_RDWR)
            guard opened >= 0 else { exit(126) }
            if opened != fd {
                dup2(opened, fd)
                close(opened)
            }
        }
        _ = cprivilege_close_from(3)
        // Item 9: no core file, no ptrace by the person, /proc/PID/* owned by root.
        _ = cprivilege_forbid_dumps()
        // Item 6: what this process creates in the office's folders stays the group's.
        umask(0o007)
        // Item 1: the kernel's word for who this is, nothing the environment says.
        guard let entry = Person.entry(uid: getuid()) else { throw PrivilegeError.noPasswdEntry(uid: getuid()) }
        person = entry
        // Item 5.
        let kept = allowedEnvironment(home: entry.home) { name in
            getenv(name).map { String(cString: $0) }
        }
        clearenv()
        for (name, value) in kept { setenv(name, value, 1) }
    }

    /// Gives up the office group's rights for good (real, effective and saved group ids all
    /// become the person's own), as mlocate does before opening a database the user named.
    static func dropForGood() throws {
        var real: gid_t = 0
        var effective: gid_t = 0
        var saved: gid_t = 0
        guard cprivilege_getresgid(&real, &effective, &saved) == 0 else { throw PrivilegeError.cannotDrop }
        if real == effective && real == saved { return }
        guard cprivilege_setresgid(real, real, real) == 0, cprivilege_getresgid(&real, &effective, &saved) == 0,
            effective == getgid(), saved == getgid()
        else { throw PrivilegeError.cannotDrop }
        // What this process read with the group's rights stays out of reach of a debugger.
        _ = cprivilege_forbid_dumps()
    }

    /// Runs `body` with the person's own group as the effective one: every file it opens or
    /// creates is checked against what the person may do themselves, so no file of the office
    /// can be read or written through a path they chose (a symbolic link, a backup target).
    /// Files already open stay usable.
    static func asUser<T>(_ body: () throws -> T) throws -> T {
        guard isHeld else { return try body() }
        let office = getegid()
        guard setegid(getgid()) == 0 else { throw PrivilegeError.cannotDrop }
        // The kernel resets "dumpable" on every change of an effective id.
        _ = cprivilege_forbid_dumps()
        defer {
            // The saved group id still holds the office's, so this cannot fail; if it did, the
            // process would go on with less right, never more.
            _ = setegid(office)
            _ = cprivilege_forbid_dumps()
        }
        return try body()
    }

    /// Refuses to run a program while the office group's rights are held: a child would inherit
    /// them with an environment and arguments the person chose.
    static func requireDropped(toRun what: String) throws {
        if isHeld { throw PrivilegeError.wouldExecute(what) }
    }

    /// Every variable a privileged Casebook keeps, each checked (item 5): the terminal, the
    /// language, the window size, `NO_COLOR` and the time zone; `PATH` fixed and `HOME` from
    /// the passwd entry. Everything else (CASEBOOK_*, XDG_*, USER, LOGNAME, TERMINFO, LD_*,
    /// SWIFT_*...) is gone.
    static func allowedEnvironment(home: String, lookup: (String) -> String?) -> [(String, String)] {
        var kept: [(String, String)] = []
        for (name, isValid) in checks {
            if let value = lookup(name), isValid(value) { kept.append((name, value)) }
        }
        if let value = lookup("NO_COLOR"), !value.isEmpty { kept.append(("NO_COLOR", "1")) }
        kept.append(("PATH", "/usr/bin:/bin"))
        kept.append(("HOME", home))
        return kept
    }

    private static let checks: [(String, @Sendable (String) -> Bool)] =
        [
            ("TERM", { matches($0, extra: "._+-", limit: 64) }),
            ("LANG", isLocale), ("LANGUAGE", { matches($0, extra: "._@:-", limit: 128) }),
            ("COLUMNS", isCount), ("LINES", isCount),
            ("TZ", { matches($0, extra: "._+-:,/", limit: 64) && !$0.hasPrefix("/") && !$0.contains("..") }),
        ]
        + [
            "LC_ALL", "LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY", "LC_MESSAGES", "LC_PAPER",
            "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION",
        ].map { ($0, isLocale) }

    /// A locale name such as `nb_NO.UTF-8` or `sr_RS@latin`: never a path.
    private static func isLocale(_ value: String) -> Bool { matches(value, extra: "._@-", limit: 64) }

    private static func isCount(_ value: String) -> Bool {
        (1...4).contains(value.utf8.count) && value.utf8.allSatisfy { (48...57).contains($0) }
    }

    /// 1 to `limit` ASCII letters, digits and the characters of `extra`.
    private static func matches(_ value: String, extra: String, limit: Int) -> Bool {
        let allowed = Set(extra.utf8)
        return (1...limit).contains(value.utf8.count)
            && value.utf8.allSatisfy {
                (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || allowed.contains($0)
            }
    }
}

/// An operating-system account, from the passwd database.
struct Person: Equatable {
    var username: String
    var displayName: String
    var home: String

    /// The passwd entry of `uid`, or nil when there is none.
    static func entry(uid: uid_t) -> Person? {
        guard let entry = getpwuid(uid) else { return nil }
        return Person(entry.pointee)
    }

    /// The passwd entry named `username`, or nil when there is none.
    static func entry(named username: String) -> Person? {
        guard let entry = getpwnam(username) else { return nil }
        return Person(entry.pointee)
    }

    private init(_ entry: passwd) {
        username = String(cString: entry.pw_name)
        let gecos = entry.pw_gecos.map { String(cString: $0) } ?? ""
        let fullName = gecos.split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        displayName = trimmed(fullName).isEmpty ? username : trimmed(fullName)
        home = entry.pw_dir.map { String(cString: $0) } ?? "/"
    }

    init(username: String, displayName: String, home: String) {
        self.username = username
        self.displayName = displayName
        self.home = home
    }
}

enum PrivilegeError: Error, CustomStringConvertible {
    case noPasswdEntry(uid: uid_t)
    case cannotDrop
    case wouldExecute(String)
    case setuid

    var description: String {
        switch self {
        case .noPasswdEntry(let uid):
            // Said before the language is settled (the passwd entry comes first), so in English.
            return tr(
                "Your user id {uid} has no entry in the user database, so Casebook cannot tell who you are; ask the administrator to create your account.",
                ["uid": String(uid)])
        case .cannotDrop:
            return tr("Casebook could not give up the office group's rights, so it stops here; tell the administrator.")
        case .wouldExecute(let what):
            return tr(
                "Casebook does not run {program} with the office group's rights; give --db a file of your own.",
                ["program": what])
        case .setuid:
            return tr(
                "This casebook is set-user-id, which it must never be; ask the administrator to run `casebook setup`, which makes it set-group-id only."
            )
        }
    }
}
