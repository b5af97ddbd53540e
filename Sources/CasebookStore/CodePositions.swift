/// The positions of a set of codes, found from a column's bytes without making a string: for a
/// code column read on many rows (the dashboard's figures). SQLite's `CASE column WHEN 'a' THEN
/// 0 …` compares each row with every code in turn through its virtual machine, which made it the
/// costliest part of reading 43,000 activities; this compares the bytes of the codes of the same
/// length only.
struct CodePositions: Sendable {
    private let codes: [[UInt8]]

    init<Code: RawRepresentable>(_ cases: [Code]) where Code.RawValue == String {
        codes = cases.map { Array($0.rawValue.utf8) }
    }

    /// The position in the cases of the code whose bytes are `bytes`; nil for NULL (no bytes) or
    /// a code not among them.
    @inline(__always) func position(of bytes: UnsafeRawBufferPointer) -> Int? {
        for (position, code) in codes.enumerated() where code.count == bytes.count && code.elementsEqual(bytes) {
            return position
        }
        return nil
    }
}
