// MigrationCore module.
