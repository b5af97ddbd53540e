/// A contract as a document to hand to the newcomer: both sides' obligations with the same
/// weight, their dates and status, and signature lines. Rendered as plain text or as a
/// self-contained HTML page.
package struct ContractDocument: Sendable {
    package var programmeName: String
    package var contract: Contract
    package var obligations: [Obligation]
    package var clientName: String
    package var caseNumber: String
    package var dateOfBirth: Day
    package var officerName: String?
    package var printedOn: Day

    package init(
        programmeName: String, contract: Contract, obligations: [Obligation], clientName: String, caseNumber: String,
        dateOfBirth: Day, officerName: String?, printedOn: Day
    ) {
        self.programmeName = programmeName
        self.contract = contract
        self.obligations = obligations
        self.clientName = clientName
        self.caseNumber = caseNumber
        self.dateOfBirth = dateOfBirth
        self.officerName = officerName
        self.printedOn = printedOn
    }

    /// The two sides, newcomer first; providers act for the authority.
    package var sides: [(title: String, obligations: [Obligation])] {
        [
            ("The newcomer commits to", obligations.filter { $0.party == .newcomer }),
            ("The authority commits to", obligations.filter { $0.party != .newcomer }),
        ]
    }

    private var facts: [(String, String)] {
        var rows = [
            ("Newcomer", "\(clientName), born \(dateOfBirth.iso)"), ("Case number", caseNumber),
            ("Programme", "\(programmeName) (\(contract.programmeID), version \(contract.programmeVersion))"),
            ("Contract", "version \(contract.number), \(contract.status.label.lowercased())"),
            ("Settled", contract.settledOn?.iso ?? "—"),
        ]
        if let officerName { rows.append(("Officer", officerName)) }
        if let reviewed = contract.reviewedOn { rows.append(("Last reviewed", reviewed.iso)) }
        if let ended = contract.endedOn { rows.append(("Ended", "\(ended.iso): \(contract.endReason)")) }
        rows.append(("Printed", printedOn.iso))
        return rows.map { ($0.0, Sanitized.inline($0.1, limit: 300)) }
    }

    /// The due date and its rule, as one phrase.
    private func due(_ obligation: Obligation) -> String {
        let day = obligation.dueOn?.iso ?? "not yet known"
        return obligation.dueRule.map { "\(day) (\($0))" } ?? day
    }

    private func status(_ obligation: Obligation) -> String {
        switch obligation.status {
        case .pending: return obligation.timing(today: printedOn) == .overdue ? "Pending, overdue" : "Pending"
        case .met: return "Met on \(obligation.settledOn?.iso ?? "—")"
        case .waived: return "Waived on \(obligation.settledOn?.iso ?? "—"): \(obligation.waivedReason)"
        case .breached: return "Not kept (recorded \(obligation.settledOn?.iso ?? "—"))"
        }
    }

    private func party(_ obligation: Obligation) -> String? { obligation.party == .provider ? "Provider acting for the authority" : nil }

    package var text: String {
        var lines = ["INTEGRATION CONTRACT", String(repeating: "=", count: 20), ""]
        let labelWidth = facts.map(\.0.count).max() ?? 0
        for (label, value) in facts { lines.append(label + ":" + String(repeating: " ", count: labelWidth - label.count + 2) + value) }
        for side in sides {
            lines += ["", side.title.uppercased(), String(repeating: "-", count: side.title.count)]
            if side.obligations.isEmpty { lines.append("   (nothing)") }
            for (index, obligation) in side.obligations.enumerated() {
                let wrapped = ContractDocument.wrap(Sanitized.inline(obligation.description, limit: 300), width: 72)
                lines.append("\(String(index + 1).leftPadded(2)). \(wrapped.first ?? "")")
                lines += wrapped.dropFirst().map { "    " + $0 }
                if let party = party(obligation) { lines.append("    \(party)") }
                lines.append("    Category: \(obligation.category.label)" + (obligation.legalBasis.isEmpty ? "" : " · Legal basis: \(Sanitized.inline(obligation.legalBasis, limit: 120))"))
                lines.append("    Due: \(due(obligation))")
                lines.append("    Status: \(Sanitized.inline(status(obligation), limit: 400))")
            }
        }
        lines += ["", "SIGNATURES", "----------", ""]
        for (who, date) in signatureLines {
            lines.append("\(who)" + String(repeating: " ", count: max(1, 22 - who.count)) + "______________________________   Date: " + (date?.iso ?? "__________"))
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var signatureLines: [(String, Day?)] {
        [("The newcomer", contract.newcomerSignedOn), ("For the authority", contract.authoritySignedOn)]
    }

    package var html: String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Integration contract \(escape(caseNumber))</title>
            <style>
            body { font-family: serif; max-width: 46em; margin: 2em auto; line-height: 1.4; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #000; }
            dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
            dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
            ol li { margin-bottom: .6em; } .meta { font-size: .95em; }
            .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 2em; }
            .signature { margin-top: 3em; border-top: 1px solid #000; padding-top: .3em; }
            @media print { body { margin: 0; } }
            </style>
            </head>
            <body>
            <h1>Integration contract</h1>
            <dl class="facts">

            """
        for (label, value) in facts { out += "<dt>\(escape(label))</dt><dd>\(escape(value))</dd>\n" }
        out += "</dl>\n"
        for side in sides {
            out += "<section>\n<h2>\(escape(side.title))</h2>\n"
            if side.obligations.isEmpty { out += "<p>(nothing)</p>\n" }
            out += "<ol>\n"
            for obligation in side.obligations {
                out += "<li><strong>\(escape(Sanitized.inline(obligation.description, limit: 300)))</strong><br>\n<span class=\"meta\">"
                if let party = party(obligation) { out += "\(escape(party)) · " }
                out += "Category: \(escape(obligation.category.label))"
                if !obligation.legalBasis.isEmpty { out += " · Legal basis: \(escape(Sanitized.inline(obligation.legalBasis, limit: 120)))" }
                out += "<br>Due: \(escape(due(obligation)))<br>Status: \(escape(Sanitized.inline(status(obligation), limit: 400)))</span></li>\n"
            }
            out += "</ol>\n</section>\n"
        }
        out += "<h2>Signatures</h2>\n<div class=\"sides\">\n"
        for (who, date) in signatureLines {
            out += "<div><p class=\"signature\">\(escape(who))</p><p>Date: \(date.map { escape($0.iso) } ?? "____________")</p></div>\n"
        }
        out += "</div>\n</body>\n</html>\n"
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
