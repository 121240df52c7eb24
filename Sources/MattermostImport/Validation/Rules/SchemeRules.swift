/// Spec §4 (roles) and §5 (schemes).
extension LineChecker {
    func checkRoleLine(_ role: JSONObject, line: Int) {
        validate(line: line) { () throws(RuleFailure) in try Self.validateRole(role) }
        guard let name = role.string("name") else { return }
        registerUnique(name, \.roles, id: ImportErrorID.duplicateRole, what: "role", line: line)
    }

    static func validateRole(_ role: JSONObject) throws(RuleFailure) {
        let name = role.string("name")
        try require(name.map(NameRules.isValidRoleName) ?? false, ImportErrorID.role("name_invalid"),
                    "role name \"\(name ?? "")\" must be 1–64 characters of a–z, 0–9 and _")
        let displayName = role.string("display_name") ?? ""
        try require(!displayName.isEmpty && displayName.byteCount <= MattermostLimits.roleDisplayNameMaxBytes,
                    ImportErrorID.role("display_name_invalid"), "role display_name must be 1–128 bytes")
        try require((role.string("description") ?? "").byteCount <= MattermostLimits.roleDescriptionMaxBytes,
                    ImportErrorID.role("description_invalid"), "role description is longer than 1024 bytes")
        for permission in role.strings("permissions") ?? [] {
            // The server's permission list is not available offline; every permission id is snake_case.
            try require(!permission.isEmpty && permission.utf8.allSatisfy { NameRules.isLowerAlnum($0) || $0 == 0x5F },
                        ImportErrorID.role("invalid_permission"), "\"\(permission)\" is not a permission id")
        }
    }

    func checkScheme(_ scheme: JSONObject, line: Int) {
        validate(line: line) { () throws(RuleFailure) in try Self.validateScheme(scheme) }
        guard let name = scheme.string("name") else { return }
        if let first = names.schemes[name] {
            log.error(ImportErrorID.duplicateScheme, line: line, "scheme \"\(name)\" is already defined on line \(first.line)")
        } else {
            names.schemes[name] = (line, scheme.string("scope") ?? "")
        }
    }

    private static let schemeRoleKeys = ["default_team_admin_role", "default_team_user_role", "default_team_guest_role",
                                         "default_channel_admin_role", "default_channel_user_role", "default_channel_guest_role"]

    static func validateScheme(_ scheme: JSONObject) throws(RuleFailure) {
        guard let scope = scheme.string("scope") else {
            throw RuleFailure(id: ImportErrorID.scheme("null_scope"), message: "scheme scope is required (\"team\" or \"channel\")")
        }
        let has = { (key: String) in scheme.object(key) != nil }
        let wrongRoles = ImportErrorID.scheme("wrong_roles_for_scope")
        switch scope {
        case "team":
            try require(has("default_team_admin_role") && has("default_team_user_role") && has("default_channel_admin_role")
                        && has("default_channel_user_role"), wrongRoles,
                        "a team scheme needs default team admin/user and channel admin/user roles")
        case "channel":
            try require(!has("default_team_admin_role") && !has("default_team_user_role") && has("default_channel_admin_role")
                        && has("default_channel_user_role"), wrongRoles,
                        "a channel scheme needs channel admin/user roles and no team roles")
        default:
            throw RuleFailure(id: ImportErrorID.scheme("unknown_scheme"), message: "scheme scope \"\(scope)\" is not \"team\" or \"channel\"")
        }
        let name = scheme.string("name")
        try require(name.map(NameRules.isValidSchemeName) ?? false, ImportErrorID.scheme("name_invalid"),
                    "scheme name \"\(name ?? "")\" must be 2–64 characters of a–z, 0–9 and _")
        let displayName = scheme.string("display_name") ?? ""
        try require(!displayName.isEmpty && displayName.byteCount <= MattermostLimits.schemeDisplayNameMaxBytes,
                    ImportErrorID.scheme("display_name_invalid"), "scheme display_name must be 1–128 bytes")
        try require((scheme.string("description") ?? "").byteCount <= MattermostLimits.schemeDescriptionMaxBytes,
                    ImportErrorID.scheme("description_invalid"), "scheme description is longer than 1024 bytes")
        for key in schemeRoleKeys {
            if let role = scheme.object(key) { try validateRole(role) }
        }
    }

    /// A team or channel may only use a scheme defined on an earlier line with the matching scope.
    func checkSchemeReference(_ name: String?, scope: String, wrongScopeID: String, line: Int) {
        guard let name, NameRules.isValidSchemeName(name) else { return }
        guard let scheme = names.schemes[name] else {
            return log.error(ImportErrorID.schemeNotFound, line: line, "scheme \"\(name)\" is not defined on an earlier line")
        }
        if scheme.scope != scope {
            log.error(wrongScopeID, line: line, "scheme \"\(name)\" (line \(scheme.line)) has scope \"\(scheme.scope)\", a \(scope) needs scope \"\(scope)\"")
        }
    }
}
