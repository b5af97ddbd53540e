import ArgumentParser
import CasebookL10n
import CasebookConfig
import CasebookCore
import CasebookStore
import CasebookTUI

#if canImport(Glibc)
    import Glibc
#endif

extension Casebook {
    struct Setup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                tr(
                    "Set up an office on this host: its group, the setgid casebook, the database and its first admin (root only)."
                ),
            discussion: tr(
                "Run as root with the installed casebook. Creates the system group GROUP if it is missing (no person may be a member: officers reach the data only through Casebook), makes the installed binary root:GROUP mode 2755, creates the folder --data (2770 root:GROUP) and the database in it (0660), registers --admin as its first admin, imports the programme presets, creates the log folder (2770 root:GROUP) and writes the database and log into the site settings. Running it again changes nothing and says so; after `make install` of a new version it makes the binary setgid again."
            ))

        @Option(
            help: ArgumentHelp(tr("The folder of the office's database, e.g. /var/lib/casebook."), valueName: "folder"))
        var data: String

        @Option(
            help: ArgumentHelp(tr("The system group that owns the office's files, e.g. casebook."), valueName: "name"))
        var group: String

        @Option(help: ArgumentHelp(tr("The operating-system user who becomes the first admin."), valueName: "user"))
        var admin: String

        @Option(help: ArgumentHelp(tr("The folder of the office's log, or syslog."), valueName: "folder"))
        var log = "/var/log/casebook"

        func validate() throws {
            for (value, name) in [(data, "--data"), (log, "--log")] {
                try checkArgument(value, tr("The {option} folder", ["option": name]))
                if name == "--log" && value == "syslog" { continue }
                guard value.hasPrefix("/"), value.count > 1, !value.split(separator: "/").contains("..") else {
                    throw ValidationError(
                        tr("{option} needs the absolute path of a folder, e.g. /var/lib/casebook.", ["option": name]))
                }
            }
            let groupScalars = Array(group.unicodeScalars)
            let isGroupName =
                (1...32).contains(groupScalars.count) && ("a"..."z").contains(groupScalars[0])
                && groupScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
                }
            guard isGroupName else {
                throw ValidationError(
                    tr("--group is a group name of lower-case letters, digits, '_' and '-', e.g. casebook."))
            }
            if let problem = Staff.validate(username: admin) { throw ValidationError(problem) }
        }

        private var folder: String { data.count > 1 && data.hasSuffix("/") ? String(data.dropLast()) : data }
        private var databasePath: String { folder + "/casebook.db" }
        private var logTarget: LogTarget {
            log == "syslog" ? .syslog : .folder(log.count > 1 && log.hasSuffix("/") ? String(log.dropLast()) : log)
        }

        func run() throws {
            try CommandID.setup.checkPlace()
            guard let installation = Installation.current else {
                throw CommandError(
                    tr(
                        "Run setup with the installed casebook (`make install` puts it in PREFIX/bin), not the one in the build folder."
                    ))
            }
            // Root needs no group's rights, and setup runs groupadd: give them up first.
            try PrivilegedMode.dropForGood()
            let presets = try ShippedProgrammes.requireSome(in: installation.shareFolder)
            guard let person = Person.entry(named: admin) else {
                throw CommandError(
                    tr(
                        "There is no operating-system user {user}; create the account first (adduser {user}).",
                        ["user": admin]))
            }
            // A setgid binary, or presets, in a folder someone else can change would hand them the group.
            for path in [installation.binary, installation.shareFolder + "/casebook.toml"] {
                if let problem = Installation.trustProblem(path) {
                    throw CommandError(
                        tr(
                            "Setup makes {binary} set-group-id only in root's own folders, but {problem}; install it as root (sudo make install) into such a prefix.",
                            ["binary": installation.binary, "problem": problem]))
                }
            }
            try refuseUnsafePaths()
            let siteText = try plannedSiteSettings(at: installation.siteSettingsPath)

            var changes: [String] = []
            let gid = try officeGroup(&changes)
            if try OwnedPath.ensure(installation.binary, group: gid, mode: 0o2755) {
                changes.append(
                    tr("Made {path} root:{group} mode 2755.", ["path": installation.binary, "group": group]))
            }
            if try OwnedPath.ensureFolder(folder, group: gid) {
                changes.append(tr("Made {path} root:{group} mode 2770.", ["path": folder, "group": group]))
            }
            if !DatabaseFile.exists(databasePath) {
                try DatabaseFile.createShared(databasePath, group: gid)
                changes.append(tr("Created the database {path} (0660).", ["path": databasePath]))
            } else if try OwnedPath.ensure(databasePath, group: gid, mode: 0o660) {
                changes.append(tr("Made {path} root:{group} mode 0660.", ["path": databasePath, "group": group]))
            }
            let store = try Store.open(path: databasePath, mode: .create)
            if try store.bootstrapAdmin(username: person.username, displayName: person.displayName) {
                changes.append(
                    tr(
                        "Registered {user} ({name}) as the first admin.",
                        ["user": person.username, "name": person.displayName]))
            }
            guard let first = try store.staff(username: person.username), first.isActive, first.role == .admin else {
                throw CommandError(
                    tr(
                        "The database already has staff and {user} is not one of its admins; an admin adds them with `casebook staff add {user} --role admin`.",
                        ["user": admin]))
            }
            let imported = try ShippedProgrammes.importMissing(presets, into: store, actor: first.id)
            changes += ShippedProgrammes.report(imported)
            if case .folder(let logFolder) = logTarget {
                if try OwnedPath.ensureFolder(logFolder, group: gid) {
                    changes.append(
                        tr("Made the log folder {path} root:{group} mode 2770.", ["path": logFolder, "group": group]))
                }
                let logFile = logFolder + "/casebook.log"
                if !DatabaseFile.exists(logFile) {
                    try OwnedPath.createFile(logFile, group: gid, mode: 0o660, text: "")
                }
                _ = try OwnedPath.ensure(logFile, group: gid, mode: 0o660)
            }
            if let siteText {
                try OwnedPath.ensureFolder(
                    DatabaseFile.directory(of: installation.siteSettingsPath), group: 0, mode: 0o755)
                try OwnedPath.replaceFile(installation.siteSettingsPath, text: siteText)
                changes.append(tr("Wrote the database and log into {path}.", ["path": installation.siteSettingsPath]))
            }

            if changes.isEmpty {
                print(
                    tr(
                        "Nothing changed: the office at {path} is already set up (group {group}, admin {user}).",
                        ["path": databasePath, "group": group, "user": admin]))
            } else {
                for change in changes { print(change) }
                print(
                    tr(
                        "The office is ready. Officers log in and run `casebook`; {user} adds them with `casebook staff add USER --name \"Full Name\" --role officer`.",
                        ["user": admin]))
            }
        }

        /// setup changes modes and owners as root: it will not follow a symbolic link an
        /// earlier owner of the folder left behind.
        private func refuseUnsafePaths() throws {
            var paths = [folder, databasePath]
            if case .folder(let logFolder) = logTarget { paths += [logFolder, logFolder + "/casebook.log"] }
            for path in paths {
                var info = stat()
                if lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK {
                    throw CommandError(
                        tr(
                            "{path} is a symbolic link; setup does not change what it points to. Remove it or choose another folder.",
                            ["path": path]))
                }
            }
            switch DatabaseFile.kind(of: databasePath) {
            case .missing, .empty, .sqlite: break
            default:
                throw CommandError(
                    tr(
                        "{path} exists and is not a Casebook database; move it away or choose another folder.",
                        ["path": databasePath]))
            }
        }

        /// The site settings' new text, nil when they already name this database and log; a
        /// refusal when they name others (changing an office's database is not setup's to decide).
        private func plannedSiteSettings(at path: String) throws -> String? {
            let table = Settings.siteTable(database: databasePath, log: logTarget)
            guard let text = Environment.readFile(path) else {
                return """
                    # Casebook's site settings for this host, written by `casebook setup`. Keep this file
                    # root's and writable by no one else: otherwise the office mode refuses to start.
                    # Read after the shipped PREFIX/share/casebook/casebook.toml and before each user's
                    # ~/.config/casebook/casebook.toml, so theme, [keys] and [dashboard] set here are the
                    # office's defaults (see the shipped file for what each does).


                    """ + table
            }
            let current: Settings
            do { current = try Settings.load(path: path, text: text, themes: Theme.names, scope: .site) } catch {
                throw CommandError(error.description)
            }
            if current.database == databasePath && current.log == logTarget { return nil }
            guard current.database == nil && current.log == nil && !Settings.hasSiteTable(text) else {
                throw CommandError(
                    tr(
                        "{path} already names another database or log in [site]; edit or remove that table by hand, then run setup again.",
                        ["path": path]))
            }
            return text + (text.hasSuffix("\n") ? "\n" : "\n\n") + table
        }

        /// The group's id, created as a system group when missing; refused when a person is in it.
        private func officeGroup(_ changes: inout [String]) throws -> gid_t {
            if getgrnam(group) == nil {
                try spawn("/usr/sbin/groupadd", ["--system", group])
                guard let created = getgrnam(group) else {
                    throw CommandError(tr("groupadd did not create the group {group}.", ["group": group]))
                }
                changes.append(
                    tr(
                        "Created the system group {group} (gid {gid}).",
                        ["group": group, "gid": String(created.pointee.gr_gid)]))
            }
            guard let entry = getgrnam(group) else {
                throw CommandError(tr("The group {group} cannot be read.", ["group": group]))
            }
            let gid = entry.pointee.gr_gid
            guard gid != 0 else {
                throw CommandError(
                    tr(
                        "The group {group} is root's; choose a group of the office's own, e.g. casebook.",
                        ["group": group]))
            }
            let people = OwnedPath.people(in: gid)
            guard people.isEmpty else {
                throw CommandError(
                    tr(
                        "The group {group} has members ({people}), who could open the database with sqlite3; remove them (gpasswd -d USER {group}) or choose another group.",
                        ["group": group, "people": people.joined(separator: ", ")]))
            }
            return gid
        }

        /// Runs a system tool directly (no shell) with a fixed PATH, and waits for it.
        private func spawn(_ tool: String, _ arguments: [String]) throws {
            var pid: pid_t = 0
            let argv = ([tool] + arguments).map { strdup($0) } + [nil]
            let envp = [strdup("PATH=/usr/sbin:/usr/bin:/sbin:/bin"), nil]
            defer { (argv + envp).forEach { free($0) } }
            guard posix_spawn(&pid, tool, nil, nil, argv, envp) == 0 else {
                throw CommandError(tr("Cannot run {tool}; is the passwd package installed?", ["tool": tool]))
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            guard status == 0 else {
                throw CommandError(
                    tr(
                        "{command} failed (status {status}).",
                        ["command": ([tool] + arguments).joined(separator: " "), "status": String(status)]))
            }
        }
    }
}

/// Files and folders `casebook setup` owns as root.
enum OwnedPath {
    /// Makes `path` root:`group` with `mode`; true when it changed anything.
    @discardableResult
    static func ensure(_ path: String, group: gid_t, mode: mode_t) throws -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw failure(path) }
        if info.st_uid == 0 && info.st_gid == group && info.st_mode & 0o7777 == mode { return false }
        // chown clears the setgid bit, so the mode comes after it.
        guard chown(path, 0, group) == 0, chmod(path, mode) == 0 else { throw failure(path) }
        return true
    }

    /// Makes the folder `path` (and any missing folder above it, 0755) root:`group` with `mode`;
    /// true when it changed anything.
    @discardableResult
    static func ensureFolder(_ path: String, group: gid_t, mode: mode_t = 0o2770) throws -> Bool {
        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw CommandError(
                    tr("{path} exists and is not a folder; move it away or choose another folder.", ["path": path]))
            }
            return try ensure(path, group: group, mode: mode)
        }
        let parent = DatabaseFile.directory(of: path)
        if parent != "/" && !DatabaseFile.exists(parent) { try ensureFolder(parent, group: 0, mode: 0o755) }
        guard mkdir(path, 0o700) == 0 else { throw failure(path) }
        try ensure(path, group: group, mode: mode)
        return true
    }

    /// Creates `path` (which must not exist) root:`group` with `mode` and the contents `text`.
    static func createFile(_ path: String, group: gid_t, mode: mode_t, text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(path) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0, fchown(fd, 0, group) == 0, fchmod(fd, mode) == 0 else {
            throw failure(path)
        }
    }

    /// Replaces the file `path` with `text` (root:root 0644), whole or not at all.
    static func replaceFile(_ path: String, text: String) throws {
        let temporary = path + ".new"
        unlink(temporary)
        try createFile(temporary, group: 0, mode: 0o644, text: text)
        guard rename(temporary, path) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
    }

    /// The people (uid 1000 and above, as Debian's adduser counts them) in `gid`, as a
    /// supplementary or a primary group.
    static func people(in gid: gid_t) -> [String] {
        var names = Set<String>()
        if let entry = getgrgid(gid), var member = entry.pointee.gr_mem {
            while let name = member.pointee {
                let username = String(cString: name)
                if let account = getpwnam(username), isPerson(account.pointee.pw_uid) { names.insert(username) }
                member += 1
            }
        }
        setpwent()
        while let account = getpwent() {
            if account.pointee.pw_gid == gid && isPerson(account.pointee.pw_uid) {
                names.insert(String(cString: account.pointee.pw_name))
            }
        }
        endpwent()
        return names.sorted()
    }

    private static func isPerson(_ uid: uid_t) -> Bool { uid >= 1000 && uid != 65534 }

    private static func failure(_ path: String) -> CommandError {
        CommandError(tr("Cannot set up {path}: {reason}.", ["path": path, "reason": String(cString: strerror(errno))]))
    }
}
