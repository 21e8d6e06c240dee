#!/bin/sh
# Creates Temporal's two Postgres databases and brings each schema up to the server's version, with
# the server's own temporal-sql-tool and schema files. Safe to run on every start: an existing
# database is kept and only missing versions are applied. Used by `npm run prodlike`
# (runtime/temporal-server.ts) and by docker-compose.yml's temporal-schema service.
#
# Environment: SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (read by temporal-sql-tool itself);
# TEMPORAL_SQL_TOOL and TEMPORAL_SCHEMA_DIR default to where temporalio/admin-tools keeps them.
set -eu
export SQL_PLUGIN=postgres12
tool="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"
schemas="${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}"

for store in temporal:temporal temporal_visibility:visibility; do
  database="${store%%:*}"
  schema="${store##*:}"
  "$tool" --db "$database" create-database
  "$tool" --db "$database" setup-schema -v 0.0
  "$tool" --db "$database" update-schema -d "$schemas/$schema/versioned"
done
