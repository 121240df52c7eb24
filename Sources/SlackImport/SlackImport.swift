// SlackImport module.
