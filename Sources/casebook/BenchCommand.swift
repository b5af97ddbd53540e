#if canImport(Glibc)
    import Glibc
#endif
import ArgumentParser
import CasebookL10n
import CasebookBench
import CasebookStore
import CasebookDemo

extension Casebook {
    struct BenchCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: tr("Measure how fast Casebook answers on a database (use a release build and a large demo)."),
            discussion: tr("`make bench` builds in release mode, makes a 100,000-client demo and runs this."))

        @OptionGroup var database: DatabaseOptions

        @Option(
            name: .customLong("only"), parsing: .upToNextOption,
            help: ArgumentHelp(
                tr(
                    "Measure only these parts: {parts}.",
                    ["parts": Bench.Part.allCases.map(\.rawValue).joined(separator: ", ")])))
        var parts: [String] = []

        @Option(
            help: ArgumentHelp(
                tr("The size of the demo timed for the `demo` row (made in a scratch folder, then deleted).")))
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
            let store = try database.open(.readWrite, for: .bench)
            // Bench runs `casebook demo` and the sqlite3 shell; never with the office's rights.
            try PrivilegedMode.requireDropped(toRun: "the benchmark")
            let me = try? CommandID.bench.authorize(in: store)
            let chosen = parts.isEmpty ? Set(Bench.Part.allCases) : Set(parts.compactMap(Bench.Part.init(rawValue:)))
            try Bench.run(
                path: store.path, user: me, parts: chosen, demoClients: demoClients,
                executable: Environment.executablePath
            ) {
                print($0)
            }
        }
    }
}
