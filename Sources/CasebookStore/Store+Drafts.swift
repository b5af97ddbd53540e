import CasebookCore

extension Store {
    /// Runs a draft's validation (the one its form runs) and turns a failure into the Store's
    /// refusal, `StoreError.invalid`, with every problem beside its field.
    func checked<Value>(_ validation: () throws -> Value) throws -> Value {
        do { return try validation() } catch let failure as any DraftFailure { throw StoreError.invalid(failure) }
    }
}
