/// A figure of the caseload report: its section, item and measure, as the CSV and JSON name it.
package struct FigureKey: Hashable, Sendable, Comparable {
    package var section: String
    package var item: String
    package var measure: String

    package init(_ section: String, _ item: String, _ measure: String) {
        self.section = section
        self.item = item
        self.measure = measure
    }

    package static func < (a: FigureKey, b: FigureKey) -> Bool {
        (a.section, a.item, a.measure) < (b.section, b.item, b.measure)
    }
}

/// Why a figure is not printed in a report that leaves the office.
package enum SuppressionReason: String, Sendable, CaseIterable {
    /// A count from 1 to one below the threshold.
    case smallCount = "small_count"
    /// A count that, with a total and the other counts printed, would give a hidden one away.
    case secondary
    /// A share or median over fewer clients (or files, or obligations) than the threshold, or
    /// whose count is hidden.
    case smallBase = "small_base"
}

/// Small-number suppression for statistics that leave the office (GDPR Art. 89; DOMAIN.md).
///
/// The rule, for a threshold `t` (`[report] suppress_below`, default 5; 0 turns it off):
/// 1. Primary: every count from 1 to t − 1 is hidden (printed as `<t`). Zeros are printed.
/// 2. Secondary: counts are bound by equations (the members of a group add up to its total,
///    printed or not: the officers' open cases to the open phases, a share's count and the rest
///    to its base, the exits to work, education or both to the outcome's count). Someone with
///    the printed figures solves every equation with one unknown, again and again. Whenever that
///    recovers a hidden count, or a small count that is not printed (the rest of a share), or
///    leaves hidden counts whose sum is known and below t, the smallest printed non-zero count
///    of that equation (on the same side first) is hidden too (printed as `x`), until nothing
///    can be recovered.
/// 3. A share or a median over fewer than t, or whose count or base is hidden, is hidden.
///
/// What it does not cover: differences between two reports of different scopes or periods
/// (the officer filter against the whole office, say); `docs/PRIVACY.md` says so.
package struct ReportSuppression: Sendable {
    /// The counts of a report: each printed, or known to the report but never printed (the rest
    /// of a share), with its value.
    package struct Count: Sendable {
        package var key: FigureKey
        package var value: Int
        package var isPrinted: Bool

        package init(_ key: FigureKey, _ value: Int, isPrinted: Bool = true) {
            self.key = key
            self.value = value
            self.isPrinted = isPrinted
        }
    }

    /// The counts on the left add up to those on the right.
    package struct Equation: Sendable {
        package var left: [FigureKey]
        package var right: [FigureKey]

        package init(_ left: [FigureKey], equals right: [FigureKey]) {
            self.left = left
            self.right = right
        }
    }

    package let threshold: Int
    /// The printed counts hidden, and why.
    package private(set) var hidden: [FigureKey: SuppressionReason] = [:]

    /// Works out which of `counts` to hide so that no hidden or small count can be recovered
    /// through `equations`.
    package init(counts: [Count], equations: [Equation], threshold: Int) {
        self.threshold = max(0, threshold)
        guard self.threshold > 1 else { return }
        var values: [FigureKey: Int] = [:]
        var printed: Set<FigureKey> = []
        var order: [FigureKey: Int] = [:]
        for (position, count) in counts.enumerated() {
            values[count.key] = count.value
            if count.isPrinted { printed.insert(count.key) }
            order[count.key] = order[count.key] ?? position
        }
        for count in counts where count.isPrinted && isSmall(count.value) { hidden[count.key] = .smallCount }
        // Each round hides one more printed count, so this ends.
        while let fix = firstLeak(values: values, printed: printed, equations: equations, order: order) {
            hidden[fix] = .secondary
        }
    }

    private func isSmall(_ value: Int) -> Bool { value >= 1 && value < threshold }

    /// The count to hide next, or nil when nothing hidden or small can be worked out.
    private func firstLeak(
        values: [FigureKey: Int], printed: Set<FigureKey>, equations: [Equation], order: [FigureKey: Int]
    ) -> FigureKey? {
        // What a reader of the report knows: the printed counts left, and what they solve.
        var known = printed.subtracting(hidden.keys)
        var solved = true
        while solved {
            solved = false
            for equation in equations {
                let unknown = (equation.left + equation.right).filter { !known.contains($0) }
                guard Set(unknown).count == 1, let cell = unknown.first else { continue }
                known.insert(cell)
                solved = true
                let isSecret = hidden[cell] != nil || (!printed.contains(cell) && isSmall(values[cell] ?? 0))
                // (An equation with nothing left to hide is left as it is; the cell is known now.)
                if isSecret,
                    let next = hideNext(in: equation, beside: cell, values: values, order: order, printed: printed)
                {
                    return next
                }
            }
        }
        // Hidden counts all on one side of an equation whose other counts are known: their sum is
        // known, and must not be a small count itself.
        for equation in equations {
            let left = equation.left.filter { !known.contains($0) }
            let right = equation.right.filter { !known.contains($0) }
            guard left.isEmpty != right.isEmpty else { continue }
            let sum = (left + right).reduce(0) { $0 + (values[$1] ?? 0) }
            if isSmall(sum), let cell = (left + right).first,
                let next = hideNext(in: equation, beside: cell, values: values, order: order, printed: printed)
            {
                return next
            }
        }
        return nil
    }

    /// The smallest printed, still shown, non-zero count of `equation`, on `cell`'s side first.
    private func hideNext(
        in equation: Equation, beside cell: FigureKey, values: [FigureKey: Int],
        order: [FigureKey: Int], printed: Set<FigureKey>
    ) -> FigureKey? {
        let sameSide = equation.left.contains(cell) ? equation.left : equation.right
        let otherSide = equation.left.contains(cell) ? equation.right : equation.left
        func candidates(_ side: [FigureKey]) -> [FigureKey] {
            side.filter { printed.contains($0) && hidden[$0] == nil && (values[$0] ?? 0) > 0 }
                .sorted { ((values[$0] ?? 0), order[$0] ?? 0) < ((values[$1] ?? 0), order[$1] ?? 0) }
        }
        return candidates(sameSide).first ?? candidates(otherSide).first
    }

    /// Whether a share or median over `base` with the counts `parts` may be printed.
    package func reasonToHide(base: Int, parts: [FigureKey]) -> SuppressionReason? {
        guard threshold > 1 else { return nil }
        if base < threshold { return base == 0 ? nil : .smallBase }
        return parts.contains { hidden[$0] != nil } ? .smallBase : nil
    }

    /// How a hidden count is printed.
    package func mark(_ reason: SuppressionReason) -> String {
        reason == .smallCount ? "<\(threshold)" : "x"
    }
}
