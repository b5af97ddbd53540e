import Foundation
import Testing

/// A terminal a person would use: the real binary inside tmux, on a private tmux server.
package final class Tmux {
    package let socket = "casebook-test-\(UUID().uuidString.prefix(8))"
    package let session = "t"

    package init(width: Int, height: Int, command: [String], environment: [String: String] = [:], folder: String) throws
    {
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
        for (key, value) in environment { env[key] = value }
        let exports = env.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let line =
            "cd '\(folder)' && env \(exports) " + command.map { "'\($0)'" }.joined(separator: " ")
            + "; echo CASEBOOK-EXITED $?; sleep 60"
        try run(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), line], output: false)
    }

    deinit { _ = try? run(["kill-server"], output: false) }

    /// Runs a tmux client command through the shell (popen), returning what it printed.
    /// Foundation's Process is not used here: the first command starts the tmux server, and
    /// waiting on that client from a test thread could hang.
    @discardableResult
    private func run(_ arguments: [String], output: Bool = true) throws -> String {
        let command = (["tmux", "-u", "-L", socket] + arguments).map(Tmux.quote).joined(separator: " ")
        guard output else {
            let status = system("env -u TMUX LANG=C.UTF-8 " + command + " >/dev/null 2>&1")
            if status != 0 && arguments.first != "kill-server" { throw TmuxError(command: arguments.first ?? "") }
            return ""
        }
        guard let pipe = popen("env -u TMUX LANG=C.UTF-8 " + command + " 2>/dev/null", "r") else {
            throw TmuxError(command: arguments.first ?? "")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        pclose(pipe)
        return String(decoding: bytes, as: UTF8.self)
    }

    package static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Types text literally.
    package func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text], output: false) }

    /// Presses named keys (Enter, Tab, Escape, C-s, ...).
    package func press(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys, output: false) }

    /// Pastes `bytes` as a terminal does (bracketed, when the program asked for it), whether or
    /// not they are UTF-8.
    package func paste(bytes: [UInt8], folder: String) throws {
        let file = folder + "/paste-\(UUID().uuidString.prefix(8))"
        guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else {
            throw TmuxError(command: "load-buffer")
        }
        defer { try? FileManager.default.removeItem(atPath: file) }
        try run(["load-buffer", "-b", "paste", file], output: false)
        try run(["paste-buffer", "-p", "-d", "-b", "paste", "-t", session], output: false)
    }

    package func screen(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-t", session, "-p"] + (escapes ? ["-e"] : []))
    }

    package func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)], output: false)
    }

    /// Waits until the screen shows `text` (polling, never a fixed sleep); the screen, or a
    /// recorded failure with the last screen.
    @discardableResult
    package func waitFor(_ text: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> String
    {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("\"\(text)\" did not appear; the screen was:\n\(last)", sourceLocation: sourceLocation)
        return last
    }
}

package struct TmuxError: Error, CustomStringConvertible {
    package let command: String
    package var description: String { "tmux \(command) failed" }
}
