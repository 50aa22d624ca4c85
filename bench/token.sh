#!/usr/bin/env bash
# Token endpoint throughput of a running Tongban (demo data: client demo-dept). See bench/README.md.
#   bench/token.sh                                  # against http://localhost:8080
#   BASE_URL=http://host:8080 CONCURRENCY=32 DURATION=30 bench/token.sh
#   CLIENT_ID=... CLIENT_SECRET=... bench/token.sh  # a client registered in the admin console
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$java_bin" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/*; do
    if "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then java_bin="$candidate/bin/java"; fi
  done
fi
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$java_bin" -version 2>&1 | head -1
exec "$java_bin" "$here/token/TokenBench.java"
