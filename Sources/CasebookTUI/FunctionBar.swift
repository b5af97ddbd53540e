/// The bottom bar fitted into the terminal's width.
///
/// German and French labels are long: at 80 columns the whole bar does not fit in every language.
/// The bar then gives up descriptions before keys, so that every command stays reachable by the
/// key it shows (Help names them all): the least important entries lose their description first,
/// and only when every key stands alone are keys dropped, again the least important first. The
/// way out (Quit or Back, always the last entry) keeps its place at the end and yields last at
/// each step.
enum FunctionBar {
    struct Entry: Equatable {
        var key: String
        var label: String
    }

    /// How much of an entry is drawn.
    enum Shown: Equatable {
        case full, keyOnly, hidden
    }

    /// What to draw of each of `entries` (most important first, the way out last) in `width`
    /// columns, where `measure` gives a text's width in columns.
    static func fit(_ entries: [Entry], width: Int, measure: (String) -> Int) -> [Shown] {
        var shown = [Shown](repeating: .full, count: entries.count)
        func size(_ index: Int) -> Int {
            switch shown[index] {
            case .full: return measure(entries[index].key) + 1 + measure(entries[index].label) + 2
            case .keyOnly: return measure(entries[index].key) + 2
            case .hidden: return 0
            }
        }
        // The order in which entries give way: the others from the end, then the way out.
        let yielding = Array(entries.indices.dropLast().reversed()) + entries.indices.suffix(1)
        for step in [Shown.keyOnly, .hidden] {
            for index in yielding where entries.indices.map(size).reduce(0, +) > width {
                shown[index] = step
            }
        }
        return shown
    }
}
