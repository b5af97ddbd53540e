import CasebookL10n

/// A duration as programme rules state them: "14d", "2w", "3m", "18m", "1y".
package struct TimeSpan: Hashable, Sendable, CustomStringConvertible {
    package enum Unit: String, Sendable {
        case days = "d"
        case weeks = "w"
        case months = "m"
        case years = "y"
    }

    package var amount: Int
    package var unit: Unit

    package init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses "3m"; nil when malformed or longer than 100 years.
    package init?(_ text: String) {
        let text = trimmed(text)
        guard let last = text.last, let unit = Unit(rawValue: String(last)),
            let amount = Int(text.dropLast()), (0...1200).contains(amount)
        else { return nil }
        self.amount = amount
        self.unit = unit
    }

    /// The day this span after `day`; months and years clamp to the end of shorter months.
    /// The day this span before `day` (the day `after` would take to `day`, month ends aside).
    package func before(_ day: Day) -> Day { TimeSpan(-amount, unit).after(day) }

    package func after(_ day: Day) -> Day {
        switch unit {
        case .days: return day.adding(days: amount)
        case .weeks: return day.adding(days: 7 * amount)
        case .months: return day.adding(months: amount)
        case .years: return day.adding(years: amount)
        }
    }

    package var text: String { "\(amount)\(unit.rawValue)" }

    /// "3 months", in the language `tr` speaks.
    package var description: String {
        switch unit {
        case .days: return trn("{count} day", "{count} days", amount)
        case .weeks: return trn("{count} week", "{count} weeks", amount)
        case .months: return trn("{count} month", "{count} months", amount)
        case .years: return trn("{count} year", "{count} years", amount)
        }
    }
}
