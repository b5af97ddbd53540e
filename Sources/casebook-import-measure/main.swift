// Times the import foundations in a release build (docs/PERFORMANCE.md, "Import"):
//   swift build -c release --product casebook-import-measure
//   .build/release/casebook-import-measure [--names 100000] [--rows 10000] [--runs 5] [--write FILE]
// The spreadsheet is generated here from the demo's names and iso-codes' Norwegian country
// names; --write keeps it, for trying `casebook import clients FILE --dry-run` on it later.
import CasebookCore
import CasebookDemo
import CasebookISOCodes
import CasebookImport
import Foundation

struct Options {
    var names = 100_000
    var rows = 10_000
    var runs = 5
    var write: String?

    init(_ arguments: [String]) throws {
        var rest = arguments.makeIterator()
        while let argument = rest.next() {
            func number() throws -> Int {
                guard let text = rest.next(), let value = Int(text), value > 0 else {
                    throw MeasureError("\(argument) takes a positive number.")
                }
                return value
            }
            switch argument {
            case "--names": names = try number()
            case "--rows": rows = try number()
            case "--runs": runs = try number()
            case "--write":
                guard let path = rest.next() else { throw MeasureError("--write takes a file name.") }
                write = path
            default: throw MeasureError("Unknown option \(argument); use --names, --rows, --runs or --write.")
            }
        }
    }
}

struct MeasureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A small deterministic generator, so that every run measures the same file.
struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

/// Full names as officers register them: family and given names, in their own script or in Latin.
func sampleNames(_ count: Int) -> [String] {
    var random = Random(state: 17)
    let families = DemoNames.all.filter(\.isFamilyName)
    let givens = DemoNames.all.filter { !$0.isFamilyName }
    return (0..<count).map { index in
        let family = random.pick(families)
        let given = random.pick(givens)
        return index % 2 == 0 ? "\(family.native) \(given.native)" : "\(family.latin) \(given.latin)"
    }
}

/// A Norwegian municipality's export: semicolons, UTF-8 with a byte-order mark, CRLF, dates
/// day first, values in Norwegian, about one row in fifty with a mistake to refuse.
func sampleSpreadsheet(rows: Int, isoCodes: ISOCodes, today: Day) throws -> [UInt8] {
    var random = Random(state: 10_000)
    let countries = try isoCodes.countryNames(locale: "nb")
    var languageNames: [String: String] = [:]
    let translated = try isoCodes.languageNames(locale: "nb")
    for language in isoCodes.languages {
        if let code = language.alpha2 ?? (Languages.isKnown(language.alpha3) ? language.alpha3 : nil) {
            languageNames[code] = translated[language.alpha3]
        }
    }
    let header = [
        "Saksnummer", "Etternavn", "Fornavn", "Andre navn", "Fødselsdato", "Kjønn", "Fødeland", "Statsborgerskap",
        "Språk",
        "Tolkespråk", "Ankomstdato", "Kommune", "Oppholdsgrunnlag", "Gyldig til", "Rett og plikt", "Sårbarhet",
        "Telefon",
        "E-post", "Adresse",
    ]
    let categories = [
        "flyktning", "overføringsflyktning", "familiegjenforening", "midlertidig kollektiv beskyttelse",
        "arbeidsinnvandrer",
    ]
    let statuses = ["rett og plikt", "rett", "plikt", "frivillig"]
    let families = DemoNames.all.filter(\.isFamilyName)
    let givens = DemoNames.all.filter { !$0.isFamilyName }
    func date(_ day: Day) -> String {
        (day.day < 10 ? "0" : "") + "\(day.day)." + (day.month < 10 ? "0" : "") + "\(day.month).\(day.year)"
    }
    func cell(_ text: String) -> String {
        text.contains(";") || text.contains("\"")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
    var lines = [header.joined(separator: ";")]
    lines.reserveCapacity(rows + 1)
    for index in 1...rows {
        let family = random.pick(families)
        let given = random.pick(givens.filter { $0.countries == family.countries })
        let code = random.pick(family.countries)
        let arrival = today.adding(days: -random.next(4 * 365))
        let birth = arrival.adding(days: -(18 * 365 + random.next(40 * 365)))
        let spoken = family.languages.isEmpty ? ["en"] : family.languages
        var row = [
            String(format: "2026-%06d", index), family.native, given.native,
            family.native == family.latin ? "" : "\(family.latin), \(given.latin)", date(birth),
            random.next(2) == 0 ? "Kvinne" : "Mann", countries[code] ?? code,
            random.next(30) == 0 ? "statsløs" : (isoCodes.countries.first { $0.alpha2 == code }?.alpha3 ?? code),
            spoken.map { languageNames[$0] ?? $0 }.joined(separator: ", "), spoken[0], date(arrival),
            random.pick(["Oslo", "Bergen", "Trondheim", "Drammen", "Tromsø"]), random.pick(categories),
            date(arrival.adding(years: 3)), random.pick(statuses), random.next(7) == 0 ? "traume" : "",
            "+47 9\(random.next(90) + 10) \(random.next(90) + 10) \(random.next(900) + 100)",
            random.next(3) == 0 ? "" : "klient\(index)@example.org", "Storgata \(random.next(120) + 1)",
        ]
        switch random.next(50) {
        case 0: row[4] = "31.02.1990"
        case 1: row[5] = "?"
        default: break
        }
        lines.append(row.map(cell).joined(separator: ";"))
    }
    return [0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
}

func run() throws {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let clock = ContinuousClock()
    let today = Day(year: 2026, month: 12, day: 1)!

    // Name keys.
    let names = sampleNames(options.names)
    var keyRuns: [Double] = []
    var parts = 0
    for _ in 0..<options.runs {
        parts = 0
        let elapsed = clock.measure {
            for name in names { parts += NameKey.keys(of: name).count }
        }
        keyRuns.append(seconds(elapsed))
    }
    var foldRuns: [Double] = []
    var folded: [[String]] = []
    for _ in 0..<options.runs {
        folded = []
        folded.reserveCapacity(names.count)
        let elapsed = clock.measure {
            for name in names { folded.append(SearchKey.words(name)) }
        }
        foldRuns.append(seconds(elapsed))
    }
    var foldedRuns: [Double] = []
    for _ in 0..<options.runs {
        var count = 0
        let elapsed = clock.measure {
            for words in folded { count += NameKey.keys(ofFolded: words).count }
        }
        foldedRuns.append(seconds(elapsed))
    }
    func rate(_ time: Double) -> String { "\(format(time * 1000)) ms = \(Int(Double(options.names) / time)) names/s" }
    print("Name keys: \(options.names) names (\(parts) keys), median of \(options.runs) runs:")
    print("  NameKey.keys(of:), from the name            \(rate(median(keyRuns)))")
    print("  of which SearchKey.words, the search folding \(rate(median(foldRuns)))")
    print("  NameKey.keys(ofFolded:), from folded words   \(rate(median(foldedRuns)))")

    // The spreadsheet.
    var catalogueRuns: [Double] = []
    var catalogue: NameCatalogue?
    var isoCodes: ISOCodes?
    for _ in 0..<options.runs {
        let elapsed = try clock.measure {
            let codes = try ISOCodes()
            isoCodes = codes
            catalogue = try NameCatalogue(isoCodes: codes)
        }
        catalogueRuns.append(seconds(elapsed))
    }
    guard let catalogue, let isoCodes else { throw MeasureError("The catalogues could not be read.") }
    let bytes = try sampleSpreadsheet(rows: options.rows, isoCodes: isoCodes, today: today)
    if let path = options.write {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        print("Wrote the \(options.rows)-row file to \(path).")
    }
    var readRuns: [Double] = []
    var rowRuns: [Double] = []
    var refusedRuns: [Double] = []
    var reportRuns: [Double] = []
    var valid = 0
    var refused = 0
    for _ in 0..<options.runs {
        var file: ClientImport?
        readRuns.append(seconds(try clock.measure { file = try ClientImport(bytes: bytes, catalogue: catalogue) }))
        guard let file else { throw MeasureError("The file could not be read.") }
        var rows: [ClientRow] = []
        rowRuns.append(seconds(clock.measure { rows = file.rows(today: today) }))
        valid = rows.filter { $0.issues.isEmpty }.count
        refused = rows.count - valid
        refusedRuns.append(seconds(clock.measure { _ = file.refusedRowsFile(rows) }))
        reportRuns.append(seconds(clock.measure { _ = file.mappingLines(today: today) }))
    }
    let total = median(readRuns) + median(rowRuns)
    print(
        "Spreadsheet: \(options.rows) rows, \(bytes.count / 1024) KiB, \(valid) valid, \(refused) refused; median of \(options.runs) runs:"
    )
    print("  iso-codes catalogues read         \(format(median(catalogueRuns) * 1000)) ms (once per import)")
    print("  decode + parse + recognise        \(format(median(readRuns) * 1000)) ms")
    print("  map + validate every row          \(format(median(rowRuns) * 1000)) ms")
    print(
        "  = file to validated drafts        \(format(total * 1000)) ms (\(Int(Double(options.rows) / total)) rows/s)")
    print("  file of refused rows              \(format(median(refusedRuns) * 1000)) ms")
    print("  dry-run mapping lines             \(format(median(reportRuns) * 1000)) ms")
}

do { try run() } catch {
    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
    exit(1)
}
