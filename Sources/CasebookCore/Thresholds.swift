/// Rule numbers the screens show against, kept here so that no screen types its own.

extension Attendance {
    /// Attendance below this share of the hours scheduled is a warning.
    package static let minimumRate = 0.8

    /// True once hours were scheduled and fewer than the minimum share were attended.
    package var isBelowMinimum: Bool { rate.map { $0 < Attendance.minimumRate } ?? false }
}
