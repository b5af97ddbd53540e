#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Monotonic time in milliseconds.
func milliseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
}

/// Times `body` once, in milliseconds.
func time(_ body: () throws -> Void) rethrows -> Double {
    let start = milliseconds()
    try body()
    return milliseconds() - start
}

/// Samples of one measured interaction.
struct Samples {
    var values: [Double] = []

    mutating func add(_ value: Double) { values.append(value) }

    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count - 1)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    var median: Double { percentile(50) }
    var p99: Double { percentile(99) }
}

/// One line of the benchmark table.
package struct Figure {
    package var name: String
    package var median: Double
    package var p99: Double?
    package var unit: String
    package var target: String

    package var text: String {
        func number(_ value: Double) -> String {
            let rounded = (value * 100).rounded() / 100
            return value >= 100 ? String(Int(value.rounded())) : String(rounded)
        }
        let p99Text = p99.map { number($0) } ?? "-"
        return name.padding(40) + (number(median) + " " + unit).padding(12) + (p99Text == "-" ? "-" : p99Text + " " + unit).padding(12) + target
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
