import CasebookCore

/// A command the focused screen offers right now (lazygit's binding): what it does, or why it
/// cannot be done. Key lookup, the function bar and the help screen read these.
package struct BoundCommand {
    package let command: CommandID
    /// Nil when the command can run now; else the sentence shown when its key is pressed.
    package let unavailable: String?
    let run: (App) throws -> Effect

    package var isAvailable: Bool { unavailable == nil }
}

/// One command of a screen type, with its handler and what makes it unavailable. A screen type
/// declares its bindings once per state (`static let`), so that the clash check can walk every
/// state of every screen without opening one.
struct Binding<Owner>: Sendable {
    let command: CommandID
    let unavailable: @Sendable (Owner, App) -> String?
    let run: @Sendable (Owner, App) throws -> Effect

    init(
        _ command: CommandID, unavailable: @escaping @Sendable (Owner, App) -> String? = { _, _ in nil },
        run: @escaping @Sendable (Owner, App) throws -> Effect
    ) {
        self.command = command
        self.unavailable = unavailable
        self.run = run
    }

    func bound(to owner: Owner, app: App) -> BoundCommand {
        let run = self.run
        return BoundCommand(command: command, unavailable: unavailable(owner, app)) { app in try run(owner, app) }
    }
}

extension Binding {
    /// The movement keys as steps of `move`: a line, a page of `page` rows, and `all` rows (as
    /// far as the list or page goes).
    static func movement(
        page: @escaping @Sendable (Owner, App) -> Int, all: @escaping @Sendable (Owner, App) -> Int,
        _ move: @escaping @Sendable (Owner, Int, App) throws -> Effect
    ) -> [Binding<Owner>] {
        [
            Binding(.up) { owner, app in try move(owner, -1, app) },
            Binding(.down) { owner, app in try move(owner, 1, app) },
            Binding(.pageUp) { owner, app in try move(owner, -page(owner, app), app) },
            Binding(.pageDown) { owner, app in try move(owner, page(owner, app), app) },
            Binding(.top) { owner, app in try move(owner, -all(owner, app), app) },
            Binding(.bottom) { owner, app in try move(owner, all(owner, app), app) },
        ]
    }
}

extension Array {
    /// These bindings, applied to `owner`.
    func bound<Owner>(to owner: Owner, app: App) -> [BoundCommand] where Element == Binding<Owner> {
        map { $0.bound(to: owner, app: app) }
    }

    /// The commands of these bindings, in order.
    func commands<Owner>() -> [CommandID] where Element == Binding<Owner> { map(\.command) }
}

/// The commands one screen offers at once, in one of its states: what the clash check walks.
package struct BindingSet: Sendable {
    /// The screen and state, as people name them ("the client list while searching").
    package let screen: String
    package let commands: [CommandID]

    package init(_ screen: String, _ commands: [CommandID]) {
        self.screen = screen
        self.commands = commands
    }

    /// Every state of every screen. A test holds every screen drawn to one of these.
    package static var everyScreen: [BindingSet] {
        ClientListScreen.bindingSets + WorklistScreen.bindingSets + DashboardScreen.bindingSets
            + ClientRecordScreen.bindingSets + FormScreen<PeriodDraft>.bindingSets + PickListDialog.bindingSets
            + ConfirmDialog.bindingSets + TextScreen.bindingSets + PartnersScreen.bindingSets
            + OfficesScreen.bindingSets + TransfersScreen.bindingSets
    }
}
