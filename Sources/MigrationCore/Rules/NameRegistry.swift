import MattermostImport

/// Hands out unique names in one namespace (usernames, a team's channels, teams) in the order they
/// are asked for, so the same input always gives the same names. Comparison is case-insensitive;
/// normalised names are lower case anyway.
struct NameRegistry {
    private var taken: Set<String> = []
    private let maxBytes: Int

    init(maxBytes: Int, reserved: Set<String> = []) {
        self.maxBytes = maxBytes
        taken = reserved
    }

    /// Returns `normalized` if free, else `normalized-2`, `-3`, … and marks the result taken.
    mutating func claim(_ normalized: String) -> (name: String, collided: Bool) {
        if taken.insert(normalized).inserted { return (normalized, false) }
        var number = 2
        while true {
            let candidate = NameNormalizer.suffixed(normalized, number, maxBytes: maxBytes)
            if taken.insert(candidate).inserted { return (candidate, true) }
            number += 1
        }
    }
}
