// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Casebook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "casebook", targets: ["casebook"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(
            name: "CSQLite",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        .target(name: "CasebookCore"),
        .target(name: "CWidth"),
        .target(
            name: "CasebookConfig",
            dependencies: ["CasebookCore", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "CNcurses",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        .target(
            name: "CasebookTUI",
            dependencies: [
                "CasebookCore", "CasebookStore", "CNcurses", "CWidth",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CasebookStore",
            dependencies: ["CasebookCore", "CSQLite"]
        ),
        .target(
            name: "CasebookDemo",
            dependencies: ["CasebookCore", "CasebookStore"]
        ),
        .target(
            name: "CasebookBench",
            dependencies: ["CasebookCore", "CasebookStore", "CasebookTUI"]
        ),
        .executableTarget(
            name: "casebook",
            dependencies: [
                "CasebookCore",
                "CasebookStore",
                "CasebookDemo",
                "CasebookBench",
                "CasebookTUI",
                "CasebookConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Drives saves for the reliability tests (kill during saves, concurrent editors).
        .executableTarget(
            name: "casebook-stress",
            dependencies: ["CasebookCore", "CasebookStore"]
        ),
        .target(
            name: "CasebookTestSupport",
            dependencies: ["CasebookCore", "CasebookStore"]
        ),
        .testTarget(name: "CasebookCoreTests", dependencies: ["CasebookCore", "CasebookTestSupport"]),
        .testTarget(name: "CasebookStoreTests", dependencies: ["CasebookStore", "CasebookCore", "CasebookTestSupport"]),
        .testTarget(
            name: "CasebookTUITests",
            dependencies: ["CasebookTUI", "CasebookStore", "CasebookCore", "CasebookDemo", "CasebookTestSupport"],
            exclude: ["Goldens"]
        ),
        .testTarget(name: "CasebookConfigTests", dependencies: ["CasebookConfig"]),
        .testTarget(
            name: "casebookTests", dependencies: ["casebook", "casebook-stress", "CasebookCore", "CasebookTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
