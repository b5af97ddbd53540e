import ArgumentParser
import CasebookBench
import CasebookStore

extension Casebook {
    struct BenchCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Measure how fast Casebook answers on a database (use a release build and a large demo).",
            discussion: "`make bench` builds in release mode, makes a 100,000-client demo and runs this.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(.readWrite)
            let me = try? currentStaff(in: store)
            try Bench.run(path: store.path, user: me) { print($0) }
        }
    }
}
