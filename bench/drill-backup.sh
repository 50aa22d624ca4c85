#!/usr/bin/env bash
# Backup and restore drill: file applications with materials, back the platform up while it runs, restore the
# backup into a fresh directory, start the platform there and check that everything came back: the same counts in
# every table that matters and the same SHA-256 for every material file. One command; PASS or FAIL with the reasons,
# exit 0 or 1. See bench/README.md, "Backup and restore drill", and README.md, "Backup and restore / 备份与恢复".
#
#   bench/drill-backup.sh
#
# The backup is what README.md prescribes for the embedded database (one node, ./data): an online physical backup of
# the PostgreSQL cluster with PostgreSQL's own low-level API (pg_backup_start / copy / pg_backup_stop, then the WAL
# written meanwhile, all from one psql session), then — after the database part, so that every material a backed-up
# row names is already on disk — the material files (./data/materials) and the keys (./data/keys: the key that
# encrypts ID and mobile numbers and the sign-in keys; ./data/l4). The search index is left out: the platform
# rebuilds it at start when it does not match the database.
#
# Environment: CONCURRENCY=4 LOAD_SECONDS=10 MATERIAL_KB=256 PORT=18193 DB_PORT=15493 KEEP_SCRATCH=0 TONGBAN_JAR
#              RESULTS_DIR=bench/results/drill-backup-<timestamp>
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONCURRENCY=${CONCURRENCY:-4} LOAD_SECONDS=${LOAD_SECONDS:-10} MATERIAL_KB=${MATERIAL_KB:-256}
PORT=${PORT:-18193} DB_PORT=${DB_PORT:-15493}
drill_begin drill-backup
ORIGINAL="$SCRATCH/original"
RESTORED="$SCRATCH/restored"
BACKUP="$SCRATCH/backup"

# What is compared between the original and the restored platform: row counts, and a digest of the rows that
# carry citizens' cases, materials, accounts and certificates.
FINGERPRINT_SQL="select 'applications', count(*), md5(string_agg(id || coalesce(case_number, '') || status, ',' order by id))
                   from cases_application
                 union all select 'materials', count(*), md5(string_agg(id || sha256 || size_bytes, ',' order by id))
                   from cases_material
                 union all select 'steps', count(*), '' from cases_step
                 union all select 'notifications', count(*), '' from cases_notification
                 union all select 'accounts', count(*), md5(string_agg(id || coalesce(id_number_hash, ''), ',' order by id))
                   from identity_account
                 union all select 'certificates', count(*), '' from certificates_certificate
                 union all select 'published items', count(*), '' from catalog_implementation_item where status = 'PUBLISHED'
                 union all select 'event publications', count(*), '' from event_publication"

build_tongban
log "machine: $(machine_line)"
app_up "$ORIGINAL" "$RESULTS_DIR/tongban-original.log" 600
ITEM=$(sole_trader_item)
submission_load "http://127.0.0.1:$PORT" "$ITEM" CONCURRENCY="$CONCURRENCY" DURATION="$LOAD_SECONDS" WARMUP=0 \
    REFERENCE=1 MATERIAL_KB="$MATERIAL_KB" ACKED_FILE="$ACKED" >"$RESULTS_DIR/load.log" 2>&1
settle_events 60
check "the load filed applications to back up ($(wc -l <"$ACKED"))" test -s "$ACKED"

# ---- the backup, online
backup_began=$SECONDS
mkdir -p "$BACKUP"
backup_embedded_database "$ORIGINAL/data/postgres" "$BACKUP"
tar -C "$ORIGINAL/data" -cf "$BACKUP/files.tar" materials keys $( [[ -d "$ORIGINAL/data/l4" ]] && echo l4)
backup_seconds=$((SECONDS - backup_began))
log "backup made in $backup_seconds s: $(du -sh "$BACKUP" | cut -f1)"
db_query "$FINGERPRINT_SQL" >"$RESULTS_DIR/fingerprint-original.tsv"
(cd "$ORIGINAL/data" && find materials -type f ! -name '.upload*' -exec sha256sum {} + | sort -k2) \
    >"$RESULTS_DIR/materials-original.sha256"
app_stop

# ---- restore into a fresh directory, on another port, and start there
mkdir -p "$RESTORED/data/postgres"
chmod 700 "$RESTORED/data/postgres"
restore_embedded_database "$BACKUP" "$RESTORED/data/postgres"
tar -C "$RESTORED/data" -xf "$BACKUP/files.tar"
rm -rf "$ORIGINAL"   # nothing of the original can help the restored platform
app_up "$RESTORED" "$RESULTS_DIR/tongban-restored.log" 600
db_query "$FINGERPRINT_SQL" >"$RESULTS_DIR/fingerprint-restored.tsv"
(cd "$RESTORED/data" && find materials -type f ! -name '.upload*' -exec sha256sum {} + | sort -k2) \
    >"$RESULTS_DIR/materials-restored.sha256"

check "the restored database has the same rows as the original at the backup ($(paste -sd';' "$RESULTS_DIR/fingerprint-restored.tsv" | tr '\t' ' '))" \
    cmp -s "$RESULTS_DIR/fingerprint-original.tsv" "$RESULTS_DIR/fingerprint-restored.tsv"
check "every material file came back with the same SHA-256 ($(wc -l <"$RESULTS_DIR/materials-restored.sha256") files)" \
    cmp -s "$RESULTS_DIR/materials-original.sha256" "$RESULTS_DIR/materials-restored.sha256"
check_acknowledged "$ACKED"
check_consistency "$RESTORED/data/materials"
# the restored platform can read what it encrypted before (same data key) and serves citizens again
# (the same citizens as before: they sign in with their mobile numbers, found through the keyed hash, and read their
# applications, whose form values are stored encrypted)
submission_load "http://127.0.0.1:$PORT" "$ITEM" CONCURRENCY="$CONCURRENCY" DURATION=5 WARMUP=0 REFERENCE=1 \
    MATERIAL_KB=0 CHECK_EARLIER=1 ACKED_FILE="$RESULTS_DIR/acked-after.tsv" RESULT_JSON="$RESULTS_DIR/after.json" \
    >"$RESULTS_DIR/load-after.log" 2>&1 || true
earlier=$(sed -n 's/^earlier applications read back with their form values: //p' "$RESULTS_DIR/load-after.log")
check "the original's citizens sign in on the restored platform and read all their applications with the values typed (${earlier:-none} of $(wc -l <"$ACKED") acknowledged)" \
    test "${earlier:-0}" -ge "$(wc -l <"$ACKED")"
check "they file again on the restored platform ($(grep -o '"submitted": [0-9]*' "$RESULTS_DIR/after.json" 2>/dev/null))" \
    grep -q '"failed": 0' "$RESULTS_DIR/after.json"

{
    echo "Backup drill $(date -Is): $(wc -l <"$ACKED") applications filed with materials, backed up online in" \
        "$backup_seconds s ($(du -sh "$BACKUP" | cut -f1)), restored into a fresh directory;" \
        "$(paste -sd';' "$RESULTS_DIR/fingerprint-restored.tsv" | cut -f1,2 | tr '\t' ' '); $CONSISTENCY_REPORT"
    echo "Machine: $(machine_line)"
    verdict "backup and restore drill (online backup of database, materials and keys; restore; same rows and files)"
} | tee "$RESULTS_DIR/verdict.txt"
