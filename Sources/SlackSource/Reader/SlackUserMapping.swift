import MigrationCore

/// Slack user objects → `SourceUser`: names from the profile, deleted → deactivated, bots, guests.
enum SlackUserMapping {
    /// Slack records no deactivation time; the last profile update is the closest deterministic value.
    static let unknownDeletionTime: Int64 = 1_000

    static func sourceUser(_ user: SlackUser, guestHandling: SlackOptions.GuestHandling,
                           teamIDs: [String]?) -> SourceUser {
        let profile = user.profile
        var first = nonEmpty(profile.firstName)
        var last = nonEmpty(profile.lastName)
        if first == nil, last == nil, let real = nonEmpty(profile.realName) ?? nonEmpty(user.realName) {
            let parts = real.split(separator: " ", maxSplits: 1)
            first = parts.first.map(String.init)
            last = parts.count > 1 ? String(parts[1]) : nil
        }
        let role: SourceUser.Role
        if user.isGuest, guestHandling == .guest {
            role = .guest
        } else if user.isAdmin || user.isOwner {
            role = .admin
        } else {
            role = .member
        }
        let isBot = user.isBot || profile.botID != nil && user.id != "USLACKBOT"
        return SourceUser(
            id: user.id,
            username: nonEmpty(user.name) ?? nonEmpty(profile.displayName) ?? user.id.lowercased(),
            email: nonEmpty(profile.email),
            firstName: first,
            lastName: last,
            nickname: nonEmpty(profile.displayName),
            position: nonEmpty(profile.title),
            locale: nil,
            role: role,
            deletedAt: user.deleted ? deletionTime(user) : nil,
            isBot: isBot,
            botDescription: isBot ? nonEmpty(profile.realName) ?? nonEmpty(user.realName) : nil,
            teamIDs: teamIDs)
    }

    /// A user missing from `users.json`, rebuilt from a message's embedded `user_profile`. Kept
    /// deactivated: the person is gone from the workspace.
    static func sourceUser(id: String, profile: SlackMessage.UserProfile,
                           guestHandling: SlackOptions.GuestHandling) -> SourceUser {
        let real = nonEmpty(profile.realName)
        let parts = real?.split(separator: " ", maxSplits: 1) ?? []
        let isGuest = profile.isRestricted || profile.isUltraRestricted
        return SourceUser(
            id: id,
            username: nonEmpty(profile.name) ?? nonEmpty(profile.displayName) ?? id.lowercased(),
            firstName: nonEmpty(profile.firstName) ?? parts.first.map(String.init),
            lastName: parts.count > 1 ? String(parts[1]) : nil,
            nickname: nonEmpty(profile.displayName),
            role: isGuest && guestHandling == .guest ? .guest : .member,
            deletedAt: unknownDeletionTime)
    }

    static func deletionTime(_ user: SlackUser) -> Int64 {
        guard let updated = user.updated, updated > 0 else { return unknownDeletionTime }
        // `updated` is seconds in users.json; tolerate milliseconds.
        return updated < 100_000_000_000 ? updated * 1000 : updated
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

import Foundation
