// casebook-stress: drives saves against a case file for the reliability tests
// (Tests/casebookTests/ReliabilityTests.swift, docs/RELIABILITY.md). Not an end-user tool.
//
//   casebook-stress DB USER IDS SECONDS TAG [PAUSE_MS]
//
// Saves the address of the clients IDS (comma-separated), in turn, as "Stress TAG-N" for
// N = 1, 2, ... for SECONDS seconds, PAUSE_MS milliseconds apart (default 0: as fast as it
// can; the replication test paces it like a busy office), each save through the store as the
// application makes it (read the record, change it, update with the version read). After each
// save it prints "saved ID Stress TAG-N" (a save is only reported once committed); a
// colleague's save in between prints "conflict ID"; anything else prints "error MESSAGE". At
// the end: "done".

#if canImport(Glibc)
    import Glibc
#endif
import CasebookCore
import CasebookStore

let arguments = CommandLine.arguments
guard (6...7).contains(arguments.count), let seconds = Double(arguments[4]),
    let pause = arguments.count == 7 ? UInt32(arguments[6]) : 0
else {
    print("usage: casebook-stress DB USER IDS SECONDS TAG [PAUSE_MS]")
    exit(2)
}
let ids = arguments[3].split(separator: ",").compactMap { Int64($0) }
let tag = arguments[5]

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// One line, written through at once: the tests kill this process at any moment.
func say(_ line: String) {
    print(line)
    fflush(nil)
}

do {
    let store = try Store.open(path: arguments[1], mode: .readWrite)
    guard let me = try store.staff(username: arguments[2]) else {
        say("error no staff member \(arguments[2])")
        exit(1)
    }
    let end = now() + seconds
    var sequence = 0
    while now() < end, !ids.isEmpty {
        sequence += 1
        let id = ids[sequence % ids.count]
        do {
            guard let client = try store.client(id: id, by: me.id) else {
                say("error no client \(id)")
                continue
            }
            var draft = ClientDraft(client)
            let value = "Stress \(tag)-\(sequence)"
            draft[.address] = value
            _ = try store.updateClient(id: id, with: draft, expectedVersion: client.version, actor: me.id)
            say("saved \(id) \(value)")
            if pause > 0 { usleep(pause * 1000) }
        } catch StoreError.conflict {
            say("conflict \(id)")
        } catch {
            say("error \(error)")
        }
    }
    say("done")
} catch {
    say("error \(error)")
    exit(1)
}
