import CasebookL10n
import TOMLKit

/// A TOML file's text, parsed, with the means to point at a key's line in messages
/// (TOMLKit reports positions only for syntax errors).
package struct TOMLSource {
    package let path: String
    package let text: String
    package let root: TOMLTable

    /// Parses `text`; a syntax error names the file and line.
    package init(path: String, text: String) throws(ConfigError) {
        self.path = path
        self.text = text
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                path: path, line: error.source.begin.line,
                message: tr("is not valid TOML: {problem}", ["problem": error.description]))
        } catch {
            throw ConfigError(path: path, line: 1, message: tr("is not valid TOML"))
        }
    }

    /// The 1-based line where `key` is set inside the table at `path` ("" for the top level,
    /// "keys", "profiles[1].targets" for the second profile's targets); or, when `path` is
    /// nil, the first line setting it anywhere. When the key is not found: the table's header
    /// line, else 1.
    package func line(of key: String, inTable path: String? = nil) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var current = ""
        var arrayCounts: [String: Int] = [:]
        var headerLine: Int?
        // A key that is itself a table is found at its header: [path.key] or [[path.key]].
        let tableName = (path ?? "").isEmpty ? key : "\(path ?? "").\(key)"
        var keyHeaderLine: Int?
        for (index, raw) in lines.enumerated() {
            let line = raw.drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("[") {
                let isArray = line.hasPrefix("[[")
                let name = String(line.dropFirst(isArray ? 2 : 1).prefix { $0 != "]" }).filter { $0 != " " }
                if isArray {
                    let count = arrayCounts[name, default: 0]
                    arrayCounts[name] = count + 1
                    current = "\(name)[\(count)]"
                } else if let dot = name.firstIndex(of: "."), let count = arrayCounts[String(name[..<dot])] {
                    current = "\(name[..<dot])[\(count - 1)]\(name[dot...])"
                } else {
                    current = name
                }
                if current == path, headerLine == nil { headerLine = index + 1 }
                if name == tableName, keyHeaderLine == nil { keyHeaderLine = index + 1 }
                continue
            }
            // A table made by dotted keys (`description.nb = …` in [[obligations]]) has no header:
            // its keys are found as `description.nb` within the table that holds it.
            if let path, path != current, current.isEmpty || path.hasPrefix(current + ".") {
                let within = current.isEmpty ? path : String(path.dropFirst(current.count + 1))
                let dotted = key.isEmpty ? within : within + "." + key
                guard line.hasPrefix(dotted) else { continue }
                let rest = line.dropFirst(dotted.count).drop(while: { $0 == " " || $0 == "\t" })
                if rest.hasPrefix("=") || (key.isEmpty && rest.hasPrefix(".")) { return index + 1 }
                continue
            }
            guard path == nil || current == path else { continue }
            for candidate in ["\"\(key)\"", "'\(key)'", key] where line.hasPrefix(candidate) {
                let rest = line.dropFirst(candidate.count).drop(while: { $0 == " " || $0 == "\t" })
                if rest.hasPrefix("=") { return index + 1 }
            }
        }
        return keyHeaderLine ?? headerLine ?? 1
    }
}

/// A problem in a configuration or programme file: the file, the line, what is wrong.
package struct ConfigError: Error, Equatable, CustomStringConvertible {
    package var path: String
    package var line: Int
    package var message: String

    package init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    // TRANSLATORS: where a settings or programme file has a problem; {message} says what is wrong.
    package var description: String {
        tr("{path}, line {line}: {message}", ["path": path, "line": String(line), "message": message])
    }
}
