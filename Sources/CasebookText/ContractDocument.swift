import CasebookCore
import CasebookL10n

/// A contract as a document to hand to the newcomer: both sides' obligations with the same
/// weight, their dates and status, and signature lines. Rendered as plain text or as a
/// self-contained HTML page, in the language Casebook speaks and, on request, a second one
/// beside it (`casebook contract print --also nb`): the newcomer and the officer may read
/// different languages, and both sign the same contract.
package struct ContractDocument: Sendable {
    package var programmeName: String
    package var contract: Contract
    package var obligations: [Obligation]
    package var clientName: String
    package var caseNumber: String
    package var dateOfBirth: Day
    package var officerName: String?
    package var printedOn: Day
    /// The programme's own words for its obligations, by language and then by the English text
    /// (`Store.obligationTexts`); an obligation the officer reworded is printed as written.
    package var texts: [String: [String: String]]

    package init(
        programmeName: String, contract: Contract, obligations: [Obligation], clientName: String, caseNumber: String,
        dateOfBirth: Day, officerName: String?, printedOn: Day, texts: [String: [String: String]] = [:]
    ) {
        self.programmeName = programmeName
        self.contract = contract
        self.obligations = obligations
        self.clientName = clientName
        self.caseNumber = caseNumber
        self.dateOfBirth = dateOfBirth
        self.officerName = officerName
        self.printedOn = printedOn
        self.texts = texts
    }

    /// The two sides, newcomer first; providers act for the authority.
    package var sides: [(title: String, obligations: [Obligation])] {
        [
            (tr("The newcomer commits to"), obligations.filter { $0.party == .newcomer }),
            (tr("The authority commits to"), obligations.filter { $0.party != .newcomer }),
        ]
    }

    /// An obligation's description in the language being written.
    private func describe(_ obligation: Obligation) -> String {
        texts[Messages.language]?[obligation.description] ?? obligation.description
    }

    private var facts: [(String, String)] {
        var rows = [
            (tr("Newcomer"), tr("{name}, born {date}", ["name": clientName, "date": dateOfBirth.shown])),
            (tr("Case number"), caseNumber),
            (
                tr("Programme"),
                tr(
                    "{programme} ({id}, version {version})",
                    ["programme": programmeName, "id": contract.programmeID, "version": String(contract.programmeVersion)])
            ),
            (
                tr("Contract"),
                tr("version {number}, {status}", ["number": String(contract.number), "status": statusName])
            ),
            (tr("Settled"), contract.settledOn?.shown ?? "—"),
        ]
        if let officerName { rows.append((tr("Officer"), officerName)) }
        if let reviewed = contract.reviewedOn { rows.append((tr("Last reviewed"), reviewed.shown)) }
        if let ended = contract.endedOn {
            rows.append((tr("Ended"), tr("{date}: {reason}", ["date": ended.shown, "reason": contract.endReason])))
        }
        rows.append((tr("Printed"), printedOn.shown))
        return rows.map { ($0.0, Sanitized.inline($0.1, limit: 300)) }
    }

    private var statusName: String {
        switch contract.status {
        case .draft: return tr("draft")
        case .active: return tr("in force")
        case .amending: return tr("being amended")
        case .ended: return tr("ended")
        }
    }

    /// The due date and its rule, as one phrase.
    private func due(_ obligation: Obligation) -> String {
        let day = obligation.dueOn?.shown ?? tr("not yet known")
        return obligation.dueRule.map { tr("{day} ({rule})", ["day": day, "rule": $0]) } ?? day
    }

    private func status(_ obligation: Obligation) -> String {
        let settled = obligation.settledOn?.shown ?? "—"
        switch obligation.status {
        case .pending: return obligation.timing(today: printedOn) == .overdue ? tr("Pending, overdue") : tr("Pending")
        case .met: return tr("Met on {date}", ["date": settled])
        case .waived: return tr("Waived on {date}: {reason}", ["date": settled, "reason": obligation.waivedReason])
        case .breached: return tr("Not kept (recorded {date})", ["date": settled])
        }
    }

    private func party(_ obligation: Obligation) -> String? {
        obligation.party == .provider ? tr("Provider acting for the authority") : nil
    }

    /// The category and legal basis line of an obligation.
    private func meta(_ obligation: Obligation) -> String {
        let category = tr("Category: {category}", ["category": obligation.category.printedName])
        guard !obligation.legalBasis.isEmpty else { return category }
        return category + " · "
            + tr("Legal basis: {basis}", ["basis": Sanitized.inline(obligation.legalBasis, limit: 120)])
    }

    private var signatureLines: [(String, Day?)] {
        [(tr("The newcomer"), contract.newcomerSignedOn), (tr("For the authority"), contract.authoritySignedOn)]
    }

    /// The document as plain text in the language Casebook speaks, followed, a page further, by
    /// the same document in `second`.
    package func text(also second: DocumentLanguage?) -> String {
        guard let second else { return text }
        return text + "\u{0C}\n" + Messages.speaking(second.catalogue) { text }
    }

    /// The document as one HTML page; with `second`, that language in a column beside.
    package func html(also second: DocumentLanguage?) -> String {
        let first = Messages.language
        var columns = [(first, htmlBody)]
        if let second { columns.append((second.code, Messages.speaking(second.catalogue) { htmlBody })) }
        var out = """
            <!DOCTYPE html>
            <html lang="\(escape(first))">
            <head>
            <meta charset="utf-8">
            <title>\(escape(tr("Integration contract"))) \(escape(caseNumber))</title>
            <style>
            body { font-family: serif; max-width: \(columns.count == 1 ? "46em" : "92em"); margin: 2em auto; line-height: 1.4; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #000; }
            dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
            dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
            ol li { margin-bottom: .6em; } .meta { font-size: .95em; }
            .sides, .languages { display: grid; grid-template-columns: 1fr 1fr; gap: 2em; }
            .signature { margin-top: 3em; border-top: 1px solid #000; padding-top: .3em; }
            @media print { body { margin: 0; } }
            </style>
            </head>
            <body>

            """
        if columns.count > 1 { out += "<div class=\"languages\">\n" }
        for (language, body) in columns { out += "<article lang=\"\(escape(language))\">\n" + body + "</article>\n" }
        if columns.count > 1 { out += "</div>\n" }
        out += "</body>\n</html>\n"
        return out
    }

    package var text: String {
        let title = tr("INTEGRATION CONTRACT")
        var lines = [title, String(repeating: "=", count: title.count), ""]
        let labelWidth = facts.map(\.0.count).max() ?? 0
        for (label, value) in facts {
            lines.append(label + ":" + String(repeating: " ", count: labelWidth - label.count + 2) + value)
        }
        for side in sides {
            lines += ["", side.title.uppercased(), String(repeating: "-", count: side.title.count)]
            if side.obligations.isEmpty { lines.append("   " + tr("(nothing)")) }
            for (index, obligation) in side.obligations.enumerated() {
                let wrapped = ContractDocument.wrap(Sanitized.inline(describe(obligation), limit: 300), width: 72)
                lines.append("\(String(index + 1).leftPadded(2)). \(wrapped.first ?? "")")
                lines += wrapped.dropFirst().map { "    " + $0 }
                if let party = party(obligation) { lines.append("    \(party)") }
                lines.append("    " + meta(obligation))
                lines.append("    " + tr("Due: {due}", ["due": due(obligation)]))
                lines.append("    " + tr("Status: {status}", ["status": Sanitized.inline(status(obligation), limit: 400)]))
            }
        }
        let signatures = tr("SIGNATURES")
        lines += ["", signatures, String(repeating: "-", count: signatures.count), ""]
        let whoWidth = max(22, (signatureLines.map(\.0.count).max() ?? 0) + 2)
        for (who, date) in signatureLines {
            lines.append(
                who + String(repeating: " ", count: whoWidth - who.count) + "______________________________   "
                    + tr("Date: {date}", ["date": date?.shown ?? "__________"]))
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package var html: String { html(also: nil) }

    /// A language to write a document in: a catalogue, or English.
    package struct DocumentLanguage: Sendable {
        package var catalogue: Catalogue?
        package var code: String { catalogue?.language ?? Catalogue.english }
        package init(_ catalogue: Catalogue?) { self.catalogue = catalogue }
    }

    /// The contract's content for one language, for `html(also:)`.
    private var htmlBody: String {
        var out = "<h1>\(escape(tr("Integration contract")))</h1>\n<dl class=\"facts\">\n"
        for (label, value) in facts { out += "<dt>\(escape(label))</dt><dd>\(escape(value))</dd>\n" }
        out += "</dl>\n"
        for side in sides {
            out += "<section>\n<h2>\(escape(side.title))</h2>\n"
            if side.obligations.isEmpty { out += "<p>\(escape(tr("(nothing)")))</p>\n" }
            out += "<ol>\n"
            for obligation in side.obligations {
                out += "<li><strong>\(escape(Sanitized.inline(describe(obligation), limit: 300)))</strong><br>\n"
                out += "<span class=\"meta\">"
                if let party = party(obligation) { out += "\(escape(party)) · " }
                out += escape(meta(obligation))
                out += "<br>" + escape(tr("Due: {due}", ["due": due(obligation)]))
                out += "<br>" + escape(tr("Status: {status}", ["status": Sanitized.inline(status(obligation), limit: 400)]))
                out += "</span></li>\n"
            }
            out += "</ol>\n</section>\n"
        }
        out += "<h2>\(escape(tr("Signatures")))</h2>\n<div class=\"sides\">\n"
        for (who, date) in signatureLines {
            out += "<div><p class=\"signature\">\(escape(who))</p><p>"
                + escape(tr("Date: {date}", ["date": date?.shown ?? "____________"])) + "</p></div>\n"
        }
        out += "</div>\n"
        return out
    }

    /// Text made safe to put in HTML content and attributes.
    package func escape(_ text: String) -> String { HTMLText.escape(text) }
}

extension ContractDocument {
    /// Words filled into lines of at most `width` characters (a longer word gets a line of its own).
    package static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
