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
            dependencies: ["CasebookCore", "CasebookStore"]
        ),
        .executableTarget(
            name: "casebook",
            dependencies: [
                "CasebookCore",
                "CasebookStore",
                "CasebookDemo",
                "CasebookBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .testTarget(name: "CasebookCoreTests", dependencies: ["CasebookCore"]),
        .testTarget(name: "CasebookStoreTests", dependencies: ["CasebookStore", "CasebookCore"]),
        .testTarget(name: "casebookTests", dependencies: ["casebook"]),
    ],
    swiftLanguageModes: [.v6]
)
