import CasebookCore
import CasebookText
import CasebookTestSupport
import Foundation
import Testing

/// `casebook report` on the 2,000-client demo, in every format and for scopes that make small
/// cells (one officer, one month): no count from 1 to 4 is printed, and nothing hidden can be
/// worked out from the totals, the other counts and the shares.
@Suite struct ReportSuppressionCommandTests {
    let cli: CLIFixture

    init() throws { cli = try CLIFixture() }

    /// Every figure of a JSON report, as printed text, with what `suppressed` says of it.
    func figures(json: String) throws -> (printed: [FigureKey: String], reasons: [FigureKey: String]) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sections = try #require(object["figures"] as? [String: [[String: Any]]])
        var printed: [FigureKey: String] = [:]
        var reasons: [FigureKey: String] = [:]
        for (section, entries) in sections {
            for entry in entries {
                let key = FigureKey(section, entry["item"] as? String ?? "", entry["measure"] as? String ?? "")
                let reason = entry["suppressed"] as? String
                if let reason { reasons[key] = reason }
                #expect(entry.keys.sorted() == ["item", "measure", "suppressed", "value"], "\(key)")
                if let number = entry["value"] as? NSNumber {
                    #expect(reason == nil, "\(key) is suppressed yet has a value")
                    let value = number.doubleValue
                    printed[key] = value == value.rounded() ? String(Int(value)) : String(value)
                } else {
                    printed[key] = reason == nil ? "" : reason == "small_count" ? "<5" : "x"
                }
            }
        }
        return (printed, reasons)
    }

    @Test func everyFigureOfEveryFormatExposesNoOne() throws {
        let db = try cli.demo(clients: 2000, seed: 1)
        let supervisor = try shell("sqlite3", db, "SELECT username FROM staff WHERE role = 'supervisor' LIMIT 1;")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let officer = try shell("sqlite3", db, "SELECT username FROM staff WHERE role = 'officer' LIMIT 1;")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let scopes: [[String]] = [[], ["--officer", officer], ["--from", "2026-06-01", "--to", "2026-06-30"]]
        var hiddenSeen = 0
        for scope in scopes {
            func report(_ format: String) throws -> String {
                let result = try Casebook.run(
                    ["report", "--db", db, "--format", format] + scope, environment: ["CASEBOOK_USER": supervisor])
                #expect(result.status == 0, "\(result.error)")
                return result.output
            }
            let csv = ReportReader(csv: try report("csv"))
            let json = try figures(json: try report("json"))
            let differing = csv.printed.keys.filter { csv.printed[$0] != json.printed[$0] }.sorted()
            #expect(
                differing.isEmpty && csv.printed.count == json.printed.count,
                "CSV and JSON print the same figures (\(scope)): \(differing.prefix(5))")
            for reader in [csv, ReportReader(printed: json.printed)] {
                #expect(reader.smallCountsPrinted(below: 5).isEmpty, "\(scope): \(reader.smallCountsPrinted(below: 5))")
                #expect(reader.leaks(below: 5).isEmpty, "\(scope): \(reader.leaks(below: 5))")
            }
            #expect(Set(json.reasons.values).isSubset(of: Set(SuppressionReason.allCases.map(\.rawValue))))
            hiddenSeen += json.reasons.count
            // The text: no number from 1 to 4 stands alone (but in the closing line that says what
            // the marks mean), and it prints the CSV's counts.
            let text = try report("text").components(separatedBy: "\nSmall numbers hidden:")[0]
            let tokens = text.split { " \n(),".contains($0) }
            #expect(!tokens.contains { ["1", "2", "3", "4"].contains($0) }, "\(scope)")
            for (key, value) in csv.printed where key.section == "phases" && value != "0" {
                let label = try #require(CasePhase(rawValue: key.item)?.label)
                #expect(text.contains("  " + label + String(repeating: " ", count: max(1, 34 - label.count)) + value))
            }
        }
        #expect(hiddenSeen > 20, "the demo's small scopes hide figures, so the checks above check something")
    }

    /// The office decides what leaves it: a user's own settings may raise the threshold only.
    @Test func aUsersOwnSettingsMayRaiseTheThresholdButNotLowerIt() throws {
        let db = try cli.demo(clients: 300, seed: 4)
        let supervisor = try shell("sqlite3", db, "SELECT username FROM staff WHERE role = 'supervisor' LIMIT 1;")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let home = cli.scratch.path("config")
        try FileManager.default.createDirectory(atPath: home + "/casebook", withIntermediateDirectories: true)
        let settings = home + "/casebook/casebook.toml"
        let environment = ["CASEBOOK_USER": supervisor, "XDG_CONFIG_HOME": home]
        try "[report]\nsuppress_below = 0\n".write(toFile: settings, atomically: true, encoding: .utf8)
        let lowered = try Casebook.run(["report", "--db", db], environment: environment)
        #expect(
            lowered.status != 0 && lowered.error.contains("can only raise the office's threshold of 5"),
            "\(lowered.error)")
        try "[report]\nsuppress_below = 20\n".write(toFile: settings, atomically: true, encoding: .utf8)
        let raised = try Casebook.run(["report", "--db", db, "--format", "csv"], environment: environment)
        #expect(raised.status == 0, "\(raised.error)")
        let reader = ReportReader(csv: raised.output)
        #expect(reader.smallCountsPrinted(below: 20).isEmpty && reader.leaks(below: 20).isEmpty)
        #expect(raised.output.contains(",<20\n"))
    }
}
