#!/bin/sh
# Weekly restore test of the newest nightly dump (README, Production, step 6): restores it into a
# scratch database, checks it holds bookings, drops it. Exits non-zero (cron mails you) on failure.
# BACKUP_DIR defaults to /var/backups/revivatech; psql/pg_restore use the usual PG* variables.
set -eu
dir="${BACKUP_DIR:-/var/backups/revivatech}"
latest=$(ls -t "$dir"/db-*.dump | head -n1)
dropdb --if-exists revivatech_restore_test
createdb revivatech_restore_test
pg_restore --no-owner -d revivatech_restore_test "$latest"
n=$(psql -d revivatech_restore_test -Atc 'select count(*) from bookings')
dropdb revivatech_restore_test
echo "restore test: $latest restored, $n bookings"
[ "$n" -gt 0 ]
