#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CasebookCore
import CasebookL10n
import Synchronization

/// File-system facts about a database path, checked before SQLite touches the file, so that
/// a foreign file is refused without being changed.
package enum DatabaseFile {
    package enum Kind: Equatable {
        case missing
        case empty
        case sqlite
        case foreign
        case directory
        case unreadable
    }

    /// What lies at `path`.
    package static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return errno == EACCES ? .unreadable : .missing }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .directory }
        if info.st_size == 0 { return .empty }
        // A file this process holds open through SQLite is one: it was checked when it was
        // opened. Reading its header here would open and close a descriptor of our own, and
        // closing any descriptor of a file drops every POSIX lock the process holds on it
        // (fcntl's rule), SQLite's included; another process could then think itself the last
        // one, checkpoint and delete the WAL under our connection, and the file is damaged
        // (https://sqlite.org/howtocorrupt.html, 2.2).
        if OpenDatabases.shared.contains(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) { return .sqlite }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .unreadable }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let count = read(fd, &header, 16)
        let magic = Array("SQLite format 3".utf8) + [0]
        return count == 16 && header == magic ? .sqlite : .foreign
    }

    /// The device and inode of the file at `path`: the same pair means the same file, even if
    /// it was renamed over; nil when there is no file.
    static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// True when the process may write the file and create journals in its folder. A file
    /// whose write permission is off for everyone counts as read-only even for root, who could
    /// write it anyway: someone made it read-only on purpose. The effective ids decide, as they
    /// do for the open itself: access(2) asks about the real ones, so a setgid Casebook would
    /// call the office's database read-only.
    package static func isWritable(_ path: String) -> Bool {
        guard let mode = mode(of: path), mode & 0o222 != 0 else { return false }
        return faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0
            && faccessat(AT_FDCWD, directory(of: path), W_OK, AT_EACCESS) == 0
    }

    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Creates the folders above `path` (mode 0700) and an empty file readable by the owner only.
    package static func createPrivate(_ path: String) throws {
        let folder = directory(of: path)
        try makeDirectories(folder)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        close(fd)
    }

    /// Creates an empty database file shared by the office's group: mode 0660 whatever the
    /// umask, group `group`, in an existing folder. SQLite gives the `-wal` and `-shm` files the
    /// database's mode. Refuses an existing file or a symbolic link.
    package static func createShared(_ path: String, group: gid_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        guard fchown(fd, getuid(), group) == 0, fchmod(fd, 0o660) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw StoreError.cannotCreate(path: path, reason: reason)
        }
    }

    private static func makeDirectories(_ folder: String) throws {
        if folder.isEmpty || folder == "." || folder == "/" || exists(folder) { return }
        try makeDirectories(directory(of: folder))
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw StoreError.cannotCreate(path: folder, reason: String(cString: strerror(errno)))
        }
    }

    /// Deletes a database file and its journals.
    package static func remove(_ path: String) throws {
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] where exists(file) {
            guard unlink(file) == 0 else {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// The whole file's bytes, or nil when it cannot be read (also for the config and programme
    /// files, the benchmark's recordings and the tests).
    package static func contents(of path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    /// The permission bits of a file (for tests and `check`).
    package static func mode(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o777)
    }

    /// Writes a file a person named (refused rows, an export), readable by its owner alone, as
    /// it holds clients' data. An existing file is replaced only when `replace` says so, and a
    /// symbolic link is never followed. The caller holds the person's own rights (office mode).
    package static func writePrivate(_ path: String, _ bytes: [UInt8], replace: Bool) throws {
        let shown = Sanitized.inline(path, limit: 200)
        func failure() -> StoreError {
            StoreError.invalidInput(
                tr("Cannot write {path}: {reason}.", ["path": shown, "reason": String(cString: strerror(errno))]))
        }
        let flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (replace ? O_TRUNC : O_EXCL)
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST {
                throw StoreError.invalidInput(
                    tr("{path} exists already; choose another file, or remove it first.", ["path": shown]))
            }
            throw failure()
        }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            written += count
        }
        if fsync(fd) != 0 { throw failure() }
    }
}

/// The files this process has open through SQLite, by device and inode, each with its number of
/// connections (`Database` adds and removes itself).
package final class OpenDatabases: Sendable {
    package static let shared = OpenDatabases()
    private let counts = Mutex<[[UInt64]: Int]>([:])

    func contains(device: UInt64, inode: UInt64) -> Bool {
        counts.withLock { $0[[device, inode]] != nil }
    }

    /// The file at `path` as opened now; nil when it cannot be found.
    func add(_ path: String) -> [UInt64]? {
        guard let identity = DatabaseFile.identity(path) else { return nil }
        counts.withLock { $0[identity, default: 0] += 1 }
        return identity
    }

    func remove(_ identity: [UInt64]) {
        counts.withLock {
            let left = ($0[identity] ?? 1) - 1
            $0[identity] = left > 0 ? left : nil
        }
    }
}
