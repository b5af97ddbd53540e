import CasebookCore

/// A caseload report read back the way someone outside the office would read it, to prove that
/// it exposes no one: no small count printed, and no hidden count that the printed ones, the
/// totals and the shares give away. Its equations are stated here from what the figures mean,
/// apart from the report's own (`DashboardReport.equations`), so that a mistake there shows.
package struct ReportReader {
    /// Every figure's printed text ("12", "<5", "x", "0.333", ""), by key.
    package let printed: [FigureKey: String]

    package init(printed: [FigureKey: String]) { self.printed = printed }

    /// The figures of a CSV report (`section,item,measure,value`; no field of the report's
    /// holds a comma but a user name, which the report quotes).
    package init(csv: String) {
        var printed: [FigureKey: String] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = ReportReader.csvFields(String(line))
            guard fields.count == 4 else { continue }
            printed[FigureKey(fields[0], fields[1], fields[2])] = fields[3]
        }
        self.printed = printed
    }

    private static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }

    /// Measures that are counts (the rest are shares, medians and the target).
    package static func isCount(_ key: FigureKey) -> Bool { !["share", "median", "target"].contains(key.measure) }

    /// Counts from 1 to `threshold` − 1 printed as numbers.
    package func smallCountsPrinted(below threshold: Int) -> [FigureKey] {
        printed.filter { ReportReader.isCount($0.key) && Int($0.value).map { $0 >= 1 && $0 < threshold } == true }
            .map(\.key).sorted()
    }

    /// What a reader can work out that the report hides: each a sentence naming the figure.
    package func leaks(below threshold: Int) -> [String] {
        var known: [FigureKey: Int] = [:]
        var hidden: Set<FigureKey> = []
        for (key, text) in printed where ReportReader.isCount(key) {
            if let value = Int(text) { known[key] = value } else { hidden.insert(key) }
        }
        // The equations: left adds up to right. A share's rest is never printed.
        var equations: [(left: [FigureKey], right: [FigureKey])] = []
        var shares: [(count: FigureKey, of: FigureKey, share: FigureKey)] = []
        for key in printed.keys where key.measure == "share" {
            let count = FigureKey(key.section, key.item, "count")
            let of = FigureKey(key.section, key.item, "of")
            let rest = FigureKey(key.section, key.item, "rest")
            equations.append(([count, rest], [of]))
            shares.append((count, of, key))
        }
        let officers = Set(printed.keys.filter { $0.section == "caseload" }.map(\.item)).sorted()
        let openPhases = CasePhase.allCases.filter(\.isOpen).map { FigureKey("phases", $0.rawValue, "clients") }
        equations.append((officers.map { FigureKey("caseload", $0, "open_cases") }, openPhases))
        if let today = printed.keys.first(where: { $0.section == "overdue_now" })?.item {
            for side in ["newcomer", "authority"] {
                equations.append(
                    (
                        officers.map { FigureKey("caseload", $0, "overdue_\(side)") },
                        [FigureKey("overdue_now", today, side)]
                    ))
            }
        }
        let outcome = FigureKey("exits", "work_or_education", "count")
        equations.append((["work", "education", "both"].map { FigureKey("exits", $0, "cases") }, [outcome]))
        equations.append(
            ([outcome, FigureKey("exits", "neither", "cases")], [FigureKey("exits", "work_or_education", "of")]))

        var leaks: [String] = []
        func learn(_ key: FigureKey, _ value: Int, from how: String) {
            guard known[key] == nil else { return }
            known[key] = value
            if hidden.contains(key) { leaks.append("\(key) is hidden but \(how) gives it: \(value)") }
            if key.measure == "rest", value >= 1, value < threshold {
                leaks.append("\(key) (not printed) is \(value), worked out \(how)")
            }
        }
        var progress = true
        while progress {
            progress = false
            let before = known.count
            // A printed share with its base gives its count.
            for share in shares where known[share.count] == nil {
                if let fraction = Double(printed[share.share] ?? ""), let of = known[share.of], of > 0 {
                    let count = Int((fraction * Double(of)).rounded())
                    if abs(Double(count) / Double(of) - fraction) < 0.0005 {
                        learn(share.count, count, from: "its share")
                    }
                }
            }
            for equation in equations {
                let unknown = (equation.left + equation.right).filter { known[$0] == nil }
                guard unknown.count == 1, let cell = unknown.first else { continue }
                let left = equation.left.compactMap { known[$0] }.reduce(0, +)
                let right = equation.right.compactMap { known[$0] }.reduce(0, +)
                learn(cell, equation.left.contains(cell) ? right - left : left - right, from: "its total")
            }
            progress = known.count > before
        }
        // Hidden counts all on one side, the rest known: their sum must not be small.
        for equation in equations {
            let left = equation.left.filter { known[$0] == nil }
            let right = equation.right.filter { known[$0] == nil }
            guard left.isEmpty != right.isEmpty else { continue }
            let knownLeft = equation.left.compactMap { known[$0] }.reduce(0, +)
            let knownRight = equation.right.compactMap { known[$0] }.reduce(0, +)
            let sum = left.isEmpty ? knownLeft - knownRight : knownRight - knownLeft
            if sum >= 1, sum < threshold {
                leaks.append("the hidden \((left + right).map(\.description).joined(separator: ", ")) add up to \(sum)")
            }
        }
        // Shares and medians over a small or hidden base.
        for share in shares where !(printed[share.share] ?? "").isEmpty && Double(printed[share.share] ?? "") != nil {
            if hidden.contains(share.count) || hidden.contains(share.of) || (known[share.of] ?? 0) < threshold {
                leaks.append("\(share.share) is printed over a small or hidden base")
            }
        }
        let starts = FigureKey("offer_to_start", "starts", "count")
        if Double(printed[FigureKey("offer_to_start", "days", "median")] ?? "") != nil, (known[starts] ?? 0) < threshold
        {
            leaks.append("the median days to a start is printed over a small or hidden number of starts")
        }
        return leaks
    }
}

extension FigureKey: CustomStringConvertible {
    package var description: String { "\(section)/\(item)/\(measure)" }
}
