import ArgumentParser
import CasebookL10n

#if canImport(Glibc)
    import Glibc
#endif

/// ArgumentParser's own words in the officer's language (issue 19): the headings of its help,
/// its built-in flags' help, "(default: …)", and its messages about the arguments. ArgumentParser
/// writes them in English into the text it renders, so `Casebook.fail` translates that text here
/// by matching ArgumentParser's exact templates. A text that matches no template stays as
/// ArgumentParser wrote it: a newer ArgumentParser that rewords a message degrades to English,
/// never to a garbled mix. Value names (`<case-number>`), option names and what was typed stay as
/// they are; English is never rewritten (the caller prints ArgumentParser's text when nothing
/// changed).
enum ParserWords {
    /// The width the help is rendered at before it is translated: wide enough that ArgumentParser
    /// breaks no line, so that every paragraph and every option's help is one line here and can
    /// be wrapped again after its words changed length.
    static let unwrapped = 100_000

    /// The help ArgumentParser rendered at `unwrapped` columns, in the officer's language and
    /// wrapped to `columns` as ArgumentParser wraps it; nil when nothing in it was translated.
    static func help(unwrapped text: String, columns: Int) -> String? {
        let rendered = render(unwrapped: text, columns: columns)
        return rendered.changed ? rendered.text : nil
    }

    /// The help rendered at `unwrapped` columns, translated and wrapped to `columns`, and whether
    /// a word of ArgumentParser's in it changed. In English it is ArgumentParser's own help at
    /// `columns`, byte for byte (ParserWordsTests holds every command's help to that).
    static func render(unwrapped text: String, columns: Int) -> (text: String, changed: Bool) {
        let source = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines: [String] = []
        var changed = false
        var inOverview = text.hasPrefix(overviewPrefix)
        for (index, line) in source.enumerated() {
            // ArgumentParser wraps the overview and each discussion as one text, so a line of it
            // that more of that text follows breaks a line that fills the width exactly.
            let next = source[(index + 1)...].first { !$0.isEmpty }
            let followed =
                inOverview
                ? next.map { !$0.hasPrefix(usagePrefix) } ?? false
                : next.map { isDiscussion($0) } ?? false
            let rendered = helpLine(line, columns: columns, followed: followed, inOverview: &inOverview)
            changed = changed || rendered.changed
            lines.append(rendered.text)
        }
        return (lines.joined(separator: "\n"), changed)
    }

    /// One of ArgumentParser's error messages in the officer's language, or the message as it
    /// came when it is none of ArgumentParser's (Casebook's own are translated where they are made).
    static func message(_ text: String) -> String {
        if let values = invalidValueList.match(text), let list = values["values"] {
            var filled = values
            filled["values"] = valueList(list)
            return invalidValueList.translate(filled)
        }
        for template in messageTemplates {
            if let values = template.match(text) { return template.translate(values) }
        }
        return text
    }

    /// ArgumentParser's help renders an option or subcommand as two spaces, its label padded to
    /// this column, then its help; a longer label puts the help on the next line at this column.
    static let labelColumn = 26
    /// The indent of an option's discussion under it.
    static let discussionIndent = 8

    private static let overviewPrefix = "OVERVIEW: "
    private static let usagePrefix = "USAGE: "

    // MARK: The help, line by line

    private static func isDiscussion(_ line: String) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        return indent >= discussionIndent && indent < labelColumn
    }

    private static func helpLine(_ line: String, columns: Int, followed: Bool, inOverview: inout Bool)
        -> (text: String, changed: Bool)
    {
        if line.hasPrefix(usagePrefix) {
            inOverview = false
            // TRANSLATORS: the heading of the command line's usage line, in capitals as ArgumentParser writes its headings.
            return heading(line, english: "USAGE:", translated: tr("USAGE:"))
        }
        if inOverview {
            var text = line
            var changed = false
            if line.hasPrefix(overviewPrefix) {
                // TRANSLATORS: the heading before a command's description in its help, in capitals.
                (text, changed) = heading(line, english: "OVERVIEW:", translated: tr("OVERVIEW:"))
            }
            return (wrap(text, columns: columns, indent: 0, followed: followed), changed)
        }
        if let translated = sectionHeadings[line] {
            let text = translated()
            return (text, text != line)
        }
        let indent = line.prefix { $0 == " " }.count
        if indent >= labelColumn {
            // The help of an option whose label was too long to share its line.
            let abstract = String(line.dropFirst(labelColumn))
            let text = translateAbstract(abstract)
            return (wrap(text, columns: columns, indent: labelColumn), text != abstract)
        }
        if indent >= discussionIndent {
            let discussion = String(line.dropFirst(discussionIndent))
            return (wrap(discussion, columns: columns, indent: discussionIndent, followed: followed), false)
        }
        if indent == 2 {
            let rest = String(line.dropFirst(2))
            if let values = seeHelp.match(rest) {
                let text = seeHelp.translate(values)
                return ("  " + text, text != rest)
            }
            return element(line, columns: columns)
        }
        return (line, false)
    }

    /// `english` at the start of `line` replaced by `translated` (ArgumentParser puts one space after it).
    private static func heading(_ line: String, english: String, translated: String) -> (text: String, changed: Bool) {
        (translated + line.dropFirst(english.count), translated != english)
    }

    /// The headings of the help's sections, each a line of its own.
    private static let sectionHeadings: [String: @Sendable () -> String] = [
        // TRANSLATORS: a heading of the command line's help (the values a command takes in order), in capitals.
        "ARGUMENTS:": { tr("ARGUMENTS:") },
        // TRANSLATORS: a heading of the command line's help (its --options and flags), in capitals.
        "OPTIONS:": { tr("OPTIONS:") },
        // TRANSLATORS: a heading of the command line's help (the commands under this one), in capitals.
        "SUBCOMMANDS:": { tr("SUBCOMMANDS:") },
    ]

    /// An option or subcommand: its label, then its help from the label column on.
    private static func element(_ line: String, columns: Int) -> (text: String, changed: Bool) {
        let characters = Array(line)
        let label: String
        let abstract: String
        if characters.count > labelColumn, characters[labelColumn - 1] == " ", characters[labelColumn] != " " {
            label = String(String(characters[2..<labelColumn]).reversed().drop { $0 == " " }.reversed())
            abstract = String(characters[labelColumn...])
        } else {
            // A label alone on its line: its help, if any, follows at the label column.
            label = String(characters.dropFirst(2))
            abstract = ""
        }
        let newLabel = translateLabel(label)
        let newAbstract = translateAbstract(abstract)
        let padded = "  " + newLabel
        guard !newAbstract.isEmpty else { return (padded, newLabel != label) }
        let wrapped = wrap(newAbstract, columns: columns, indent: labelColumn)
        let text =
            padded.count < labelColumn
            ? padded + wrapped.dropFirst(padded.count)
            : padded + "\n" + wrapped
        return (text, newLabel != label || newAbstract != abstract)
    }

    /// A subcommand's label: its name, and " (default)" after the one that runs without a name.
    private static func translateLabel(_ label: String) -> String {
        let suffix = " (default)"
        guard label.hasSuffix(suffix) else { return label }
        // TRANSLATORS: after the name of the subcommand that runs when none is named, in the help's list of subcommands.
        return String(label.dropLast(suffix.count)) + " " + tr("(default)")
    }

    /// An option's help: its own words (translated where they were written), ArgumentParser's for
    /// the built-in flags, and the values and default ArgumentParser appends in parentheses.
    private static func translateAbstract(_ abstract: String) -> String {
        if let builtIn = builtInFlags[abstract] { return builtIn() }
        guard abstract.hasSuffix(")") else { return abstract }
        for template in defaults {
            guard let first = template.pattern.split(separator: "{").first else { continue }
            var search = abstract.endIndex
            // The parenthesis ArgumentParser appends is the last one that opens with its words.
            while let found = abstract.range(of: first, options: .backwards, range: abstract.startIndex..<search) {
                let before = abstract[..<found.lowerBound]
                if before.isEmpty || before.hasSuffix(" "),
                    let values = template.match(String(abstract[found.lowerBound...]))
                {
                    return String(before) + template.translate(values)
                }
                search = found.lowerBound
            }
        }
        return abstract
    }

    private static let builtInFlags: [String: @Sendable () -> String] = [
        // TRANSLATORS: the help of the -h, --help flag every command has.
        "Show help information.": { tr("Show help information.") },
        // TRANSLATORS: the help of the --version flag.
        "Show the version.": { tr("Show the version.") },
    ]

    /// What ArgumentParser appends to an option's help, longest first so that "(values: …;
    /// default: …)" is not read as "(values: …)".
    private static let defaults: [Template] = [
        // TRANSLATORS: appended to an option's help: the values it takes and the one it has when not given ({values} as typed: "text, csv, json").
        Template { tr("(values: {values}; default as flag: {value})", $0) },
        Template { tr("(values: {values}; default: {value})", $0) },
        // TRANSLATORS: appended to an option's help: the value it has when given without one.
        Template { tr("(default as flag: {value})", $0) },
        // TRANSLATORS: appended to an option's help: the value it has when not given.
        Template { tr("(default: {value})", $0) },
        // TRANSLATORS: appended to an option's help: the values it takes ("text, csv, json").
        Template { tr("(values: {values})", $0) },
    ]

    /// "See 'casebook help <subcommand>' for detailed help." at the end of a command's help.
    private static let seeHelp = Template {
        // TRANSLATORS: the last line of a command's help; {command} is typed as is: "casebook help <subcommand>".
        tr("See '{command}' for detailed help.", $0)
    }

    // MARK: Error messages

    /// ArgumentParser's messages about the arguments, the more specific before the one it extends.
    static let messageTemplates: [Template] = [
        // TRANSLATORS: {argument} is the value's name as the help writes it: <file>.
        Template { tr("Missing expected argument '{argument}'", $0) },
        // TRANSLATORS: {arguments} lists the values' names as the help writes them: <file>', '<case-number>.
        Template { tr("Missing one of: '{arguments}'", $0) },
        Template { tr("Unknown option '{option}'. Did you mean '{suggestion}'?", $0) },
        Template { tr("Unknown option '{option}'", $0) },
        // TRANSLATORS: {option} is the option and its value's name: --db <path>.
        Template { tr("Missing value for '{option}'", $0) },
        Template { tr("The option '{option}' does not take any value, but '{value}' was specified.", $0) },
        Template(pattern: "{count} unexpected arguments: '{arguments}'") { values in
            // TRANSLATORS: {arguments} are the arguments as typed, joined by "', '".
            trn(
                "{count} unexpected argument: '{arguments}'", "{count} unexpected arguments: '{arguments}'",
                Int(values["count"] ?? "") ?? 2, values)
        },
        Template { tr("Unexpected argument '{argument}'", $0) },
        // TRANSLATORS: {reason} is Casebook's own sentence saying what is wrong with the value.
        Template { tr("The value '{value}' is invalid for '{option}': {reason}", $0) },
        Template { tr("The value '{value}' is invalid for '{option}'", $0) },
        Template { tr("The value '{value}' is invalid.", $0) },
        // TRANSLATORS: {option} is what was typed: -x or --format=.
        Template { tr("Invalid option: {option}", $0) },
        Template { _ in tr("Missing required subcommand.") },
    ]

    /// "The value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'csv' or 'json'."
    private static let invalidValueList = Template {
        // TRANSLATORS: {values} lists the values the option takes, each in quotes: 'text', 'csv' or 'json'.
        tr("The value '{value}' is invalid for '{option}'. Please provide one of {values}.", $0)
    }

    /// ArgumentParser's list of allowed values ("'a' and 'b'", "'a', 'b' or 'c'") joined as Core's
    /// `listing` joins a list in the officer's language; the values stay as typed.
    private static func valueList(_ list: String) -> String {
        if let last = list.range(of: "' or '", options: .backwards) {
            return tr(
                "{items} or {last}",
                ["items": String(list[..<last.lowerBound]) + "'", "last": "'" + String(list[last.upperBound...])])
        }
        if let and = list.range(of: "' and '") {
            return tr(
                "{items} and {last}",
                ["items": String(list[..<and.lowerBound]) + "'", "last": "'" + String(list[and.upperBound...])])
        }
        return list
    }

    // MARK: Wrapping

    /// `text` broken into lines of at most `columns` characters, every line after the first
    /// indented by `indent`, the first too (the caller drops what its label covers), as
    /// ArgumentParser breaks its help: at the last space that fits, else at the first space after.
    /// `followed`: more of the text ArgumentParser wrapped as one comes after this line, and then
    /// ArgumentParser breaks a rest that fills the width exactly too.
    static func wrap(_ text: String, columns: Int, indent: Int, followed: Bool = false) -> String {
        let width = columns - indent
        guard width > 0, !text.isEmpty else { return text.isEmpty ? "" : String(repeating: " ", count: indent) + text }
        let margin = String(repeating: " ", count: indent)
        var lines: [Substring] = []
        var rest = Substring(text)
        while true {
            let chunk = rest.prefix(width)
            if chunk.endIndex == rest.endIndex, !followed || chunk.count < width {
                lines.append(rest)
                break
            }
            if let space = chunk.lastIndex(of: " ") ?? rest.firstIndex(of: " ") {
                lines.append(rest[..<space])
                rest = rest[rest.index(after: space)...]
            } else {
                lines.append(rest)
                break
            }
        }
        return lines.map { $0.isEmpty ? "" : margin + $0 }.joined(separator: "\n")
    }

    /// The terminal's width as ArgumentParser reads it: COLUMNS, else the terminal, else 80.
    static var terminalColumns: Int {
        if let text = getenv("COLUMNS"), let columns = Int(String(cString: text)) { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

/// One of ArgumentParser's sentences with `{placeholders}` where it writes names and values, and
/// its translation.
struct Template: Sendable {
    /// The English as ArgumentParser writes it.
    let pattern: String
    let translate: @Sendable ([String: String]) -> String

    /// A template whose English is the message itself: `tr` given no values returns its message
    /// with the placeholders unfilled, so the pattern and the msgid are one literal.
    init(_ translate: @escaping @Sendable ([String: String]) -> String) {
        self.init(pattern: Messages.speaking(nil) { translate([:]) }, translate)
    }

    init(pattern: String, _ translate: @escaping @Sendable ([String: String]) -> String) {
        self.pattern = pattern
        self.translate = translate
    }

    /// The values of the placeholders when `text` is the pattern with them filled in (each at
    /// least one character, up to the first place the following words appear; the last up to the
    /// pattern's closing words), else nil.
    func match(_ text: String) -> [String: String]? {
        var literals: [Substring] = []
        var names: [String] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            literals.append(rest[..<open])
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        literals.append(rest)
        guard let head = literals.first, let tail = literals.last,
            text.hasPrefix(head), text.hasSuffix(tail), text.count >= head.count + tail.count
        else { return nil }
        if names.isEmpty { return text == pattern ? [:] : nil }
        var values: [String: String] = [:]
        var position = text.index(text.startIndex, offsetBy: head.count)
        let end = text.index(text.endIndex, offsetBy: -tail.count)
        for (index, name) in names.enumerated() {
            guard position < end else { return nil }
            let isLast = index == names.count - 1
            let next = literals[index + 1]
            let stop: String.Index
            if isLast {
                stop = end
            } else {
                guard !next.isEmpty, let found = text.range(of: next, range: text.index(after: position)..<end) else {
                    return nil
                }
                stop = found.lowerBound
            }
            guard position < stop else { return nil }
            values[name] = String(text[position..<stop])
            position = isLast ? stop : text.index(stop, offsetBy: next.count)
        }
        return values
    }
}
