#if canImport(Glibc)
    import Glibc
#endif
import ArgumentParser
import CasebookBench
import CasebookStore
import CasebookDemo

extension Casebook {
    struct BenchCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Measure how fast Casebook answers on a database (use a release build and a large demo).",
            discussion: "`make bench` builds in release mode, makes a 100,000-client demo and runs this.")

        @OptionGroup var database: DatabaseOptions

        @Option(
            name: .customLong("only"), parsing: .upToNextOption,
            help: "Measure only these parts: \(Bench.Part.allCases.map(\.rawValue).joined(separator: ", ")).")
        var parts: [String] = []

        @Option(help: "The size of the demo timed for the `demo` row (made in a scratch folder, then deleted).")
        var demoClients = 100_000

        func validate() throws {
            if let unknown = parts.first(where: { Bench.Part(rawValue: $0) == nil }) {
                throw ValidationError(
                    "There is no part \"\(unknown)\" to measure; choose from \(Bench.Part.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            guard (1...DemoGenerator.maximumClients).contains(demoClients) else {
                throw ValidationError("--demo-clients must be between 1 and \(DemoGenerator.maximumClients).")
            }
        }

        func run() throws {
            let store = try database.open(.readWrite)
            let me = try? currentStaff(in: store)
            let chosen = parts.isEmpty ? Set(Bench.Part.allCases) : Set(parts.compactMap(Bench.Part.init(rawValue:)))
            try Bench.run(
                path: store.path, user: me, parts: chosen, demoClients: demoClients, executable: executablePath()
            ) {
                print($0)
            }
        }
    }
}

/// This program's file, to run `casebook demo` as a person would (Linux's /proc names it).
private func executablePath() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard length > 0 else { return CommandLine.arguments.first ?? "casebook" }
    return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
