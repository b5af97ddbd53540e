import CasebookL10n

/// The period of the dashboard's flow figures, as its form (or the report's options) give it.
package struct PeriodDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case from, to

        /// Away from the form, the period is given by the report's options.
        package var name: String { "--\(rawValue)" }
    }

    package var from: Day?
    package var to: Day?

    package init(from: Day? = nil, to: Day? = nil) {
        self.from = from
        self.to = to
    }

    package var requiredFields: Set<Field> { [.from, .to] }

    /// The longest period, in days: ten years.
    package static let longestDays = 3660

    @discardableResult
    package func validated() throws(ValidationFailure<Field>) -> (from: Day, to: Day) {
        var issues = FieldIssues<Field>()
        let from = issues.require(from, .from)
        let to = issues.require(to, .to)
        if let from, let to {
            if to < from {
                issues.add(.to, tr("The period ends before it starts."))
            } else if from.days(until: to) > PeriodDraft.longestDays {
                issues.add(.to, tr("The period is at most ten years."))
            }
        }
        guard let from, let to, issues.isEmpty else { throw issues.failure }
        return (from, to)
    }
}
