import Foundation
import Testing
import CasebookTestSupport

extension Tmux {
    /// Fills the new-client form, open on its first field, as an officer does (born in and a
    /// national of Syria, arrived today, a refugee), and saves it; waits until it is registered.
    func registerClient(
        family: String, given: String, other: String? = nil, born: String, sex: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try press("Tab")
        try type(family)
        try press("Tab")
        try type(given)
        try press("Tab")
        if let other { try type(other) }
        try press("Tab")
        try type(born)
        try press("Tab", "Enter")
        try waitFor("Filter:", sourceLocation: sourceLocation)
        try type(sex)
        try press("Enter")
        for _ in 0..<2 {  // country of birth, then nationality
            try type("syr")
            try waitFor("Syria (SY)", sourceLocation: sourceLocation)
            try press("Enter")
        }
        try press("Tab", "Tab")
        try type("t")
        try press("Tab", "Tab")
        try type("refu")
        try waitFor("Refugee", sourceLocation: sourceLocation)
        try press("Enter")
        try press("C-s")
        try waitFor("Registered", sourceLocation: sourceLocation)
    }
}
