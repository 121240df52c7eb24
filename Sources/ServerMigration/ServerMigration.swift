// ServerMigration module.
