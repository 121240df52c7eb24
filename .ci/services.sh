#!/usr/bin/env bash
# Installs the database servers the ServerMigration tests need (Debian 12, run as root).
# The tests start their own throwaway instances on loopback ports; this script only installs packages.
# Idempotent: does nothing (and no apt-get update) when everything is already installed.
set -euo pipefail

need=()
command -v pg_dump >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql postgresql-client)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 || need+=(mariadb-client)
command -v runuser >/dev/null 2>&1 || need+=(util-linux)

if [ ${#need[@]} -eq 0 ]; then
    echo "services.sh: postgresql and mariadb already installed"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "services.sh: missing packages (${need[*]}) and not root; ServerMigration tests will be skipped" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# Do not let the packages start their system-wide services: the tests run private instances.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod 755 "$policy"; created_policy=1
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
[ "$created_policy" -eq 1 ] && rm -f "$policy"
echo "services.sh: installed ${need[*]}"
