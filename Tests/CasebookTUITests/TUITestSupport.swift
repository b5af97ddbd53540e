import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookTUI

/// The two terminal sizes officers use, at which every golden screen is recorded.
enum GoldenSize: String, CaseIterable, CustomTestStringConvertible {
    case small = "80x24"
    case large = "132x43"

    var width: Int { self == .small ? 80 : 132 }
    var height: Int { self == .small ? 24 : 43 }
    var terminal: VirtualTerminal { VirtualTerminal(width: width, height: height) }
    var testDescription: String { rawValue }
}

/// The one way tests build the application: for `me`, on `store`, started, on the client list
/// (or, with `onList` false, on the first screen it opens: My day for staff with a caseload).
func makeApp(
    store: Store, me: Staff, keys: KeyMap = .standard, theme: Theme = .standard, onList: Bool = true,
    now: @escaping () -> Double = { 0 }
) throws -> App {
    let app = App(store: store, me: me, keys: keys, theme: theme, now: now)
    try app.start()
    if onList, app.top is WorklistScreen { app.pop() }
    return app
}

/// Keys for typing text.
func typing(_ text: String) -> [Key] { text.map { Key.character($0) } }

/// Every cell holds printable text, and no line is wider than the terminal.
func expectReadable(_ terminal: VirtualTerminal, sourceLocation: SourceLocation = #_sourceLocation) {
    let frame = terminal.frame
    for y in 0..<frame.size.height {
        var columns = 0
        for x in 0..<frame.size.width {
            let text = frame[x, y].text
            columns += TextWidth.of(text)
            if text.unicodeScalars.contains(where: { Sanitized.isForbidden($0) }) {
                Issue.record(
                    "a control character in cell \(x),\(y): \(text.unicodeScalars.map { String($0.value, radix: 16) })",
                    sourceLocation: sourceLocation)
                return
            }
        }
        if columns > frame.size.width {
            Issue.record(
                "line \(y) is \(columns) columns wide on a \(frame.size.width)-column terminal",
                sourceLocation: sourceLocation)
            return
        }
    }
}

/// The statements a piece of work ran on a store, recorded with the statement trace the
/// benchmark replays. Every Store entry point reads or writes in a transaction of its own, so
/// the transactions counted are the Store calls made.
struct StoreTrace: CustomStringConvertible {
    /// The statements as SQLite expanded them, one a line (a statement may span lines).
    let text: String

    init(_ store: Store, _ body: () throws -> Void) throws {
        let folder = TemporaryFolder()
        let path = folder.file("trace.sql")
        try store.recordingStatements(to: path, body)
        text = String(decoding: contents(of: path), as: UTF8.self)
    }

    /// The transactions begun on either connection: one per Store call.
    var storeCalls: Int { lines.filter { $0.hasPrefix("BEGIN") }.count }

    /// Each line, in the order run (for comparing two traces whatever the two connections interleaved).
    var lines: [Substring] { text.split(separator: "\n") }

    /// Every line after the last COMMIT of a write (what was read once the write was done).
    var afterWrite: [Substring] {
        let all = lines
        guard let begin = all.lastIndex(of: "BEGIN IMMEDIATE;"), let commit = all[begin...].firstIndex(of: "COMMIT;")
        else { return all }
        return Array(all[(commit + 1)...])
    }

    var description: String { "\(storeCalls) Store calls:\n\(text)" }
}
