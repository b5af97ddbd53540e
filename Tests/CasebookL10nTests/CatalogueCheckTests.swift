import CasebookISOCodes
import Foundation
import Testing

@testable import CasebookL10n

/// The package's root folder, from this file's place in Tests/CasebookL10nTests.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// Why gettext's tools cannot run here, or nil when they can (`make deps` installs them).
let gettextUnavailable: String? = {
    for tool in ["xgettext", "msgfmt"] where !FileManager.default.isExecutableFile(atPath: "/usr/bin/" + tool) {
        return "\(tool) is not installed (make deps installs gettext)"
    }
    return nil
}()

struct ToolRun {
    var status: Int32
    var output: String
    var error: String
}

func run(_ arguments: [String]) throws -> ToolRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolRun(
        status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
        error: String(decoding: err, as: UTF8.self))
}

/// A fresh folder under the system's temporary one, removed by the caller.
func scratchFolder() throws -> String {
    let path = NSTemporaryDirectory() + "casebook-l10n-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Every Swift file under Sources, relative to the package root, in a stable order.
func swiftSources() throws -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: packageRoot + "/Sources")
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
        if path.hasSuffix(".swift") { files.append("Sources/" + path) }
    }
    return files.sorted()
}

/// The messages of the sources, as `make pot` extracts them.
func extractedMessages(into folder: String) throws -> POFile {
    let pot = folder + "/casebook.pot"
    let result = try run(
        [
            "xgettext", "--language=C", "--from-code=UTF-8", "--keyword=tr", "--keyword=trn:1,2",
            "--add-comments=TRANSLATORS:", "--force-po", "-o", pot,
        ] + swiftSources())
    guard result.status == 0 else { throw CheckFailure("xgettext failed: \(result.error)") }
    return POFile(text: try String(contentsOfFile: pot, encoding: .utf8))
}

struct CheckFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The catalogue check of issue 19: every message of the sources is in every catalogue,
/// translated, not fuzzy, with the English placeholders, and no catalogue holds a message the
/// sources no longer use. Fix a failure with `make update-po` and a translator's hand.
@Suite(.enabled(if: gettextUnavailable == nil || isCI, "Skipped: \(gettextUnavailable ?? "")."))
struct CatalogueCheckTests {
    @Test(arguments: LanguageChoice.shipped)
    func everyMessageIsTranslatedOnceWithItsPlaceholders(language: String) throws {
        if let gettextUnavailable {
            throw CheckFailure("Under CI=true the catalogue check must run, but \(gettextUnavailable).")
        }
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sources = try extractedMessages(into: folder)
        let poPath = "po/\(language).po"
        let catalogue = POFile(text: try String(contentsOfFile: packageRoot + "/" + poPath, encoding: .utf8))
        let translated = Dictionary(catalogue.messages.filter { !$0.isObsolete }.map { ($0.id, $0) }) { first, _ in
            first
        }
        let used = Set(sources.messages.map(\.id))

        for message in sources.messages {
            guard let entry = translated[message.id] else {
                Issue.record("\(poPath) lacks \"\(message.id)\"; run make update-po and translate it.")
                continue
            }
            #expect(
                !entry.isFuzzy, "\(poPath):\(entry.line) is fuzzy: check the translation and remove the fuzzy flag.")
            #expect(
                !entry.translations.isEmpty && entry.translations.allSatisfy { !$0.isEmpty },
                "\(poPath):\(entry.line) has no translation of \"\(message.id)\".")
            #expect(entry.plural == message.plural, "\(poPath):\(entry.line) has another plural than the sources.")
            let expected = Messages.placeholders(message.id).union(Messages.placeholders(message.plural ?? ""))
            for text in entry.translations where !text.isEmpty {
                #expect(
                    Messages.placeholders(text) == expected,
                    "\(poPath):\(entry.line) names \(Messages.placeholders(text).sorted()) where the English names \(expected.sorted())."
                )
            }
        }
        for entry in catalogue.messages where entry.isObsolete || !used.contains(entry.id) {
            Issue.record("\(poPath):\(entry.line) holds \"\(entry.id)\", which no source uses any more; remove it.")
        }
        let header = try #require(catalogue.entries.first { $0.id.isEmpty }, "\(poPath) has no header")
        #expect(
            header.translations.first?.contains("Plural-Forms: nplurals=") == true, "\(poPath) has no Plural-Forms.")
        #expect(header.translations.first?.contains("charset=UTF-8") == true, "\(poPath) is not declared UTF-8.")
        #expect(!header.isFuzzy, "\(poPath)'s header is fuzzy.")

        let compiled = try run(["msgfmt", "--check", "-o", folder + "/casebook.mo", poPath])
        #expect(compiled.status == 0, "msgfmt --check \(poPath): \(compiled.error)")
    }

    @Test func everyCatalogueStartsWithTheGlossary() throws {
        let terms = [
            "nb": [
                "introduksjonsprogram", "kvalifisering", "norskopplæring", "samfunnskunnskap", "integreringsplan",
                "integreringskontrakt", "kompetansekartlegging", "deltaker",
            ],
            "de": [
                "Integrationskurs", "Orientierungskurs", "Anerkennung", "Integrationsvereinbarung", "Teilnehmende",
                "Fallmanagement",
            ],
            "fr": [
                "contrat d'intégration républicaine", "formation civique", "reconnaissance des diplômes", "signataire",
            ],
            "nl": ["inburgering", "inburgeringsplichtige", "PIP", "KNM", "leerroute", "brede intake"],
        ]
        for language in LanguageChoice.shipped {
            let text = try String(contentsOfFile: "\(packageRoot)/po/\(language).po", encoding: .utf8)
            let comments = text.split(separator: "\n").prefix { !$0.hasPrefix("msgid") }.joined(separator: "\n")
            for term in terms[language] ?? [] {
                #expect(comments.contains(term), "po/\(language).po's glossary lacks \(term)")
            }
        }
    }
}

/// The rules of Translate.swift, checked where xgettext would not notice them broken: a
/// message must be one plain literal, or what the program looks up is not what was extracted.
@Suite struct MessageRuleTests {
    @Test func everyMessageIsOnePlainLiteral() throws {
        var problems: [String] = []
        for file in try swiftSources() where !file.hasPrefix("Sources/CasebookL10n/Translate.swift") {
            let text = try String(contentsOfFile: packageRoot + "/" + file, encoding: .utf8)
            for problem in MessageRule.problems(in: text) { problems.append("\(file):\(problem)") }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test(arguments: [
        (#"x = tr("Saved {name}.", ["name": n])"#, 0),
        (#"x = trn("{count} client", "{count} clients", n)"#, 0),
        (#"x = tr("Saved \(name).")"#, 1),
        (#"x = tr(message)"#, 1),
        ("x = tr(\"\"\"", 1),
        ("x = tr(\n    \"A message ending its line.\"\n)", 0),
        (#"x = tr("Saved " + name)"#, 1),
        (#"x = trn("{count} client", plural, n)"#, 1),
        (#"x = tr("No\u{00A0}break")"#, 1),
        (#"// tr(anything) in a comment"#, 0),
        ("x = tr(\n    \"A long message {n}.\", [\"n\": n])", 0),
        ("x = tr(\n    \"\"\"", 1),
        (#"let ctr(x) = other(y)"#, 0),
    ])
    func theRuleSeesABrokenMessage(line: String, problems: Int) {
        #expect(MessageRule.problems(in: line).count == problems, "\(line)")
    }
}

/// Finds `tr(` and `trn(` calls whose messages are not plain literals.
enum MessageRule {
    static func problems(in text: String) -> [String] {
        var problems: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.range(of: "// ").map { line[..<$0.lowerBound] } ?? line[...]
        }
        for (number, code) in lines.enumerated() {
            var rest = code
            while let call = nextCall(in: rest) {
                var arguments = rest[call.upperBound...]
                // swift-format puts a long message on the line after `tr(`.
                if arguments.allSatisfy(\.isWhitespace), number + 1 < lines.count {
                    arguments = lines[number + 1].drop { $0 == " " }
                }
                let literals = call.isPlural ? 2 : 1
                if let problem = check(arguments, literals: literals) {
                    problems.append("\(number + 1): \(problem)")
                }
                rest = rest[call.upperBound...]
            }
        }
        return problems
    }

    private static func nextCall(in text: Substring) -> (upperBound: Substring.Index, isPlural: Bool)? {
        var search = text[...]
        while let found = search.range(of: "tr") {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let boundary = !(before.isLetter || before.isNumber || before == "_" || before == ".")
            var after = found.upperBound
            var isPlural = false
            if after < text.endIndex, text[after] == "n" {
                isPlural = true
                after = text.index(after: after)
            }
            if boundary, after < text.endIndex, text[after] == "(",
                !text[..<found.lowerBound].hasSuffix("func ")
            {
                return (text.index(after: after), isPlural)
            }
            search = text[found.upperBound...]
        }
        return nil
    }

    /// The first `literals` arguments must each be one `"…"` literal with no interpolation and
    /// no Swift-only escape, followed by `,` or `)`.
    private static func check(_ arguments: Substring, literals: Int) -> String? {
        var rest = arguments.drop { $0 == " " }
        for index in 0..<literals {
            if rest.isEmpty { return nil }  // a later argument on the next line
            guard rest.first == "\"", !rest.hasPrefix("\"\"\"") else {
                return "the message must be a plain string literal (argument \(index + 1))"
            }
            var cursor = rest.index(after: rest.startIndex)
            var escaped = false
            while cursor < rest.endIndex {
                let character = rest[cursor]
                if escaped {
                    if character == "(" { return "the message interpolates with \\( ); use a {placeholder}" }
                    if character == "u" {
                        return "the message has a \\u{…} escape xgettext cannot read; write the character"
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    break
                }
                cursor = rest.index(after: cursor)
            }
            guard cursor < rest.endIndex else { return "the message's literal does not end on its line" }
            rest = rest[rest.index(after: cursor)...].drop { $0 == " " }
            // The literal may end its line, the `,` or `)` following on the next.
            guard let next = rest.first else { return nil }
            guard next == "," || next == ")" else {
                return "the message is built from more than one literal; use one literal with {placeholders}"
            }
            rest = rest.dropFirst().drop { $0 == " " }
        }
        return nil
    }
}
