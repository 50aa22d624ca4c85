#!/usr/bin/env bash
# Starts the demo client system against a running Tongban with demo data (README: Single sign-on).
#   demo-client/run.sh                                                  # demo-dept on http://localhost:8081
#   PORT=8082 CLIENT=demo-partner SECRET=Tongban-Demo-Partner-2026 demo-client/run.sh   # the third party
#   ISSUER=http://localhost:8080 (default)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/*; do
    if "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME="$candidate"; fi
  done
fi
if [ ! -f "$here/target/demo-client.jar" ]; then
  "$here/../mvnw" -B -q -f "$here/pom.xml" package -DskipTests
fi
exec "$JAVA_HOME/bin/java" -jar "$here/target/demo-client.jar"
