/// What changed in the case file, by the part of a client's case it touches: a screen that
/// wrote says so, and the screens that show that part read it again (and only they).
package struct Changes: OptionSet, Hashable, Sendable {
    package let rawValue: Int
    package init(rawValue: Int) { self.rawValue = rawValue }

    /// Identity, residence, contact details, the officer; also a client registered.
    package static let client = Changes(rawValue: 1 << 0)
    /// The case phase and its history.
    package static let phase = Changes(rawValue: 1 << 1)
    /// The programme and learner profile the client is enrolled in.
    package static let enrolment = Changes(rawValue: 1 << 2)
    package static let language = Changes(rawValue: 1 << 3)
    package static let qualifications = Changes(rawValue: 1 << 4)
    package static let civic = Changes(rawValue: 1 << 5)
    package static let contract = Changes(rawValue: 1 << 6)
    package static let notes = Changes(rawValue: 1 << 7)
    /// The intake mapping, work experience and the outcomes at and after exit.
    package static let intake = Changes(rawValue: 1 << 8)
    package static let participation = Changes(rawValue: 1 << 9)
    /// The register of partner organisations.
    package static let partners = Changes(rawValue: 1 << 10)

    package static let all: Changes = [
        .client, .phase, .enrolment, .language, .qualifications, .civic, .contract, .notes, .intake, .participation,
        .partners,
    ]
}

/// What a dialog answered the screen that opened it.
package enum Answer {
    /// The values chosen in a pick list (one, or the ticked ones).
    case chose([String])
    /// Yes in a confirmation.
    case confirmed
    /// What a form that stores nothing itself produced (the period of the dashboard).
    case value(Any)
}

/// What a closing screen tells the one beneath it: what it changed in the case file (with
/// everything the screens it opened changed), and its answer, if it is a dialog that gave one.
package struct Returned {
    package var changes: Changes
    package var answer: Answer?

    package init(changes: Changes = [], answer: Answer? = nil) {
        self.changes = changes
        self.answer = answer
    }
}

/// What should happen after a screen handled a key, a timer or a child's return: the screen
/// decides, `App` performs (Bubble Tea's update/command split). A screen never pushes, pops
/// or reports errors itself; errors it throws are reported by the app, in one place.
package enum Effect {
    /// Opens a screen on top.
    case push(any Screen)
    /// Closes the top screen; the one beneath hears what changed and the answer.
    case pop(Returned)
    /// A line in the status bar.
    case message(StatusMessage)
    /// The top screen changed the case file itself: it is read again once the key is handled,
    /// and the screen beneath hears of it when this one closes.
    case changed(Changes)
    /// Quits, asking first when a form holds unsaved changes.
    case requestQuit
    /// Quits at once.
    case quit
    /// Repaints the terminal from scratch (Ctrl-L).
    case redraw
    /// Runs after the effects before it, on the app (Bubble Tea's command): for work that
    /// must wait until a form has closed, such as opening the record it registered.
    case task((App) throws -> Effect)
    /// Several effects, in order.
    case all([Effect])

    /// Nothing to do.
    package static var none: Effect { .all([]) }

    /// Closes the top screen without changes or an answer.
    package static var close: Effect { .pop(Returned()) }

    package static func info(_ text: String) -> Effect { .message(.info(text)) }
    package static func success(_ text: String) -> Effect { .message(.success(text)) }
}
