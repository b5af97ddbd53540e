import Synchronization

/// A value made of translated words (a table of commands and their help), made once per
/// language rather than once per process, so that a screen drawn in another language (a test,
/// a second-language contract) does not read the first language's copy.
package final class PerLanguage<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value
    private let made = Mutex<[String: Value]>([:])

    package init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    /// The value in the language `tr` speaks now.
    package var value: Value {
        let language = Messages.language
        if let found = made.withLock({ $0[language] }) { return found }
        // Made outside the lock: `make` calls `tr`, which may read other PerLanguage values.
        let fresh = make()
        return made.withLock { cache in
            if let found = cache[language] { return found }
            cache[language] = fresh
            return fresh
        }
    }
}
