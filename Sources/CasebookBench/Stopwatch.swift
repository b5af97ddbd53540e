import CasebookStore
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Monotonic time in milliseconds.
func milliseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
}

/// Times `body` once, in milliseconds.
func time(_ body: () throws -> Void) rethrows -> Double {
    let start = milliseconds()
    try body()
    return milliseconds() - start
}

/// Samples of one measured interaction.
struct Samples {
    var values: [Double] = []

    mutating func add(_ value: Double) { values.append(value) }

    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count - 1)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    var median: Double { percentile(50) }
    var p99: Double { percentile(99) }
}

/// One line of the benchmark table.
package struct Figure {
    package var name: String
    package var median: Double
    package var p99: Double?
    package var unit: String
    /// The same statements run by the sqlite3 shell on the same file, per interaction (ms).
    package var floor: Double?
    package var target: String

    package init(name: String, median: Double, p99: Double?, unit: String, floor: Double? = nil, target: String) {
        self.name = name
        self.median = median
        self.p99 = p99
        self.unit = unit
        self.floor = floor
        self.target = target
    }

    static let header =
        "figure".padding(46) + "median".padding(12) + "p99".padding(12) + "sqlite3".padding(12) + "target"

    package var text: String {
        func number(_ value: Double) -> String {
            let rounded = (value * 100).rounded() / 100
            return value >= 100 ? String(Int(value.rounded())) : String(rounded)
        }
        let p99Text = p99.map { number($0) + " " + unit } ?? "-"
        let floorText = floor.map { number($0) + " ms" } ?? "-"
        return name.padding(46) + (number(median) + " " + unit).padding(12) + p99Text.padding(12)
            + floorText.padding(12) + target
    }
}

/// The floor to compare a figure with: the statements Casebook ran for it, recorded with their
/// values and replayed by the sqlite3 shell on the same file. The shell's own start (opening the
/// file, reading the schema) is measured alone and taken off. The shell prepares every
/// statement from its text and formats every row it prints (to /dev/null), where Casebook
/// keeps its statements prepared; for screens of a few small queries the shell is therefore
/// slower than Casebook, and for large reads it shows what SQLite itself needs.
struct ShellFloor {
    let databasePath: String
    let isAvailable: Bool

    init(databasePath: String) {
        self.databasePath = databasePath
        isAvailable = system("command -v sqlite3 >/dev/null 2>&1") == 0
    }

    /// Milliseconds per interaction for the statements `body` runs on `store`, which performs
    /// `interactions` interactions; nil without the shell.
    func measure(_ store: Store, interactions: Int = 1, _ body: () throws -> Void) throws -> Double? {
        guard isAvailable, interactions > 0 else { return nil }
        let folder = try scratchFolder()
        defer { _ = system("rm -rf " + shellQuoted(folder)) }
        let recorded = folder + "/recorded.sql"
        try store.recordingStatements(to: recorded, body)
        // Transactions are left to the shell (two connections' BEGIN and COMMIT interleave).
        let statements = String(decoding: DatabaseFile.contents(of: recorded) ?? [], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).filter {
            !["BEGIN DEFERRED;", "BEGIN IMMEDIATE;", "COMMIT;", "ROLLBACK;"].contains($0)
        }.joined(separator: "\n")
        // The connection as Casebook opens it: the same page cache size.
        let preamble = ".output /dev/null\nPRAGMA cache_size = -32768;\nSELECT count(*) FROM sqlite_schema;\n"
        let baseline = folder + "/baseline.sql"
        writeText(preamble, to: baseline)
        let once = shellMilliseconds(script: baseline, folder: folder)
        // Repeat the statements until a run takes about half a second, and keep the best of three.
        let script = folder + "/replay.sql"
        writeText(preamble + statements, to: script)
        let single = max(0.01, shellMilliseconds(script: script, folder: folder) - once)
        let repeats = max(1, min(200, Int(500 / single)))
        writeText(preamble + String(repeating: statements + "\n", count: repeats), to: script)
        let best = (0..<3).map { _ in shellMilliseconds(script: script, folder: folder) }.min() ?? 0
        let start = (0..<3).map { _ in shellMilliseconds(script: baseline, folder: folder) }.min() ?? once
        return max(0, best - start) / Double(repeats * interactions)
    }

    private func shellMilliseconds(script: String, folder: String) -> Double {
        let command = "sqlite3 " + shellQuoted(databasePath) + " < " + shellQuoted(script) + " >/dev/null 2>&1"
        return time { _ = system(command) }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A new private folder under $TMPDIR (or /tmp).
func scratchFolder() throws -> String {
    let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((base + "/casebook-bench-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { throw BenchError("cannot make a scratch folder in \(base)") }
    return String(cString: made)
}

func shellQuoted(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}

func writeText(_ text: String, to path: String) {
    guard let file = fopen(path, "w") else { return }
    defer { fclose(file) }
    var bytes = Array(text.utf8)
    _ = fwrite(&bytes, 1, bytes.count, file)
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
