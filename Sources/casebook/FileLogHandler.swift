import CPrivilege
import CasebookConfig
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes log lines to a file, or to syslog for an office whose site settings say
/// `log = "syslog"`; never to the terminal, which belongs to the screen. Messages carry no
/// client data.
struct FileLogHandler: LogHandler {
    enum Destination {
        case file(LogFile)
        case syslog
    }

    let destination: Destination
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        switch destination {
        case .syslog:
            // syslog stamps the time itself.
            cprivilege_syslog(event.level >= .error ? 1 : 0, "\(event.level) [\(event.source)] \(event.message)")
        case .file(let file):
            var seconds = time(nil)
            var parts = tm()
            gmtime_r(&seconds, &parts)
            var stamp = [CChar](repeating: 0, count: 32)
            let length = strftime(&stamp, 32, "%Y-%m-%dT%H:%M:%SZ", &parts)
            let timestamp = String(decoding: stamp.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            file.write("\(timestamp) \(event.level) [\(event.source)] \(event.message)\n")
        }
    }
}

/// The log file, opened once per process for appending.
final class LogFile: @unchecked Sendable {
    private let handle: UnsafeMutablePointer<FILE>

    /// A personal log (`shared` false): the folders above it are made for the owner alone and the
    /// file is 0600. The office's log (`shared`): the folder must exist (`casebook setup` makes
    /// it, group-owned 2770), and the file is 0660 for the group, never a symbolic link.
    init?(path: String, shared: Bool = false) {
        if !shared {
            var folder = ""
            for part in path.split(separator: "/").dropLast() {
                folder += "/" + part
                mkdir(folder, 0o700)
            }
        }
        let flags = O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | (shared ? O_NOFOLLOW : 0)
        let fd = open(path, flags, shared ? 0o660 : 0o600)
        guard fd >= 0 else { return nil }
        guard let handle = fdopen(fd, "a") else {
            close(fd)
            return nil
        }
        self.handle = handle
    }

    /// One line per call; stdio's lock keeps lines whole.
    func write(_ line: String) {
        fputs(line, handle)
        fflush(handle)
    }

    deinit { fclose(handle) }
}

enum Log {
    /// Set once the logging system is bootstrapped: swift-log allows that once per process.
    nonisolated(unsafe) private static var started = false

    /// Sends swift-log output to the log file; without a writable file, logging is off. In the
    /// office mode the log is the office's (the site settings' folder, else syslog), never a
    /// file in the user's home made with the office group. A command that opens the database
    /// twice (`check --repair`) calls this twice; the second call does nothing. Commands run on
    /// the main thread only.
    static func start() {
        guard !started else { return }
        started = true
        if PrivilegedMode.isHeld {
            var folder: String?
            if case .folder(let path) = (try? Configuration.siteSettings().log) ?? .syslog { folder = path }
            let file = folder.flatMap { LogFile(path: $0 + "/casebook.log", shared: true) }
            LoggingSystem.bootstrap { _ in FileLogHandler(destination: file.map { .file($0) } ?? .syslog) }
            return
        }
        let file = LogFile(path: Environment.logPath)
        LoggingSystem.bootstrap { _ in
            guard let file else { return SwiftLogNoOpLogHandler() }
            return FileLogHandler(destination: .file(file))
        }
    }
}
