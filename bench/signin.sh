#!/usr/bin/env bash
# Password sign-in benchmark: N concurrent users signing in with their passwords against Tongban, with same-run
# references (the app's password check alone with the same parameters, /actuator/health under the same concurrency).
# See bench/README.md.
#
#   bench/signin.sh                          start Tongban (embedded PostgreSQL, no demo data: the bench registers
#                                            its own users) in a scratch directory
#                                            on port 18082, measure, stop it and remove the scratch directory
#   BASE=http://localhost:8080 bench/signin.sh   measure an app that is already running (HASH and its parameters
#                                            must be the app's tongban.identity.password-hash settings)
#
# Environment:
#   USERS=16 DURATION=60 WARMUP=15 THINK=0   concurrent users, measured seconds, warm-up seconds, think time (ms)
#                            between a user's sign-ins; several values ("0 1000") run one after the other
#   NATIVE=auto              tongban.identity.argon2-native of the app it starts (auto, off or required). The reference
#                            measures the implementation the app reports in its log (libsodium or BouncyCastle); for an
#                            app given by BASE, NATIVE=off means BouncyCastle and anything else libsodium
#   HASH=argon2id            the password hash (argon2id or bcrypt): passed to the app it starts, and used for the
#                            reference; MEMORY=7168 ITERATIONS=5 are Argon2id's KiB and passes, COST=10 bcrypt's strength
#   CPUS=0,1                 CPUs the started app is pinned to with taskset (empty: no pinning)
#   TONGBAN_JAR=<path>       jar to run (default target/tongban.jar, built with ./mvnw when missing)
#   PORT=18082               port of the app this script starts
#   CLIENT=socket            the harness's HTTP client: socket (a plain keep-alive connection per user, light on the
#                            two CPUs it shares with the app) or jdk (the JDK's HttpClient, used until 25 Nov 16:30)
#   APP_JAVA_OPTS            JVM options of the app it starts (e.g. a JFR recording)
#   JAVA_HOME                JDK 21+ (default /usr/lib/jvm/temurin-25-jdk-amd64)
set -euo pipefail
cd "$(dirname "$0")/.."
project="$(pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
USERS="${USERS:-16}" DURATION="${DURATION:-60}" WARMUP="${WARMUP:-15}" THINK="${THINK:-0}" COST="${COST:-10}"
HASH="${HASH:-argon2id}" MEMORY="${MEMORY:-7168}" ITERATIONS="${ITERATIONS:-5}"
PORT="${PORT:-18082}" CPUS="${CPUS-0,1}" NATIVE="${NATIVE:-auto}" CLIENT="${CLIENT:-socket}"
jar="${TONGBAN_JAR:-$project/target/tongban.jar}"
case "$HASH" in
    argon2id) hash_spec="argon2id:$MEMORY:$ITERATIONS" ;;
    bcrypt) hash_spec="bcrypt:$COST" ;;
    *) echo "HASH must be argon2id or bcrypt" >&2; exit 2 ;;
esac
scratch="$(mktemp -d "${TMPDIR:-/tmp}/tongban-signin-bench.XXXXXX")"
app_pid=""

cleanup() {
    if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill -TERM "$app_pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$app_pid" 2>/dev/null || break; sleep 1; done
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

if [[ ! -f "$jar" ]]; then
    echo "Building $jar ..." >&2
    ./mvnw -B -q -DskipTests package
fi

if [[ -z "${BASE:-}" ]]; then
    BASE="http://localhost:$PORT"
    pin=()
    if [[ -n "$CPUS" ]] && command -v taskset > /dev/null; then pin=(taskset -c "$CPUS"); fi
    echo "Starting Tongban on $BASE in $scratch (password hash $hash_spec${CPUS:+, CPUs $CPUS}) ..." >&2
    (cd "$scratch" && exec "${pin[@]}" "$JAVA_HOME/bin/java" ${APP_JAVA_OPTS:-} -jar "$jar" --server.port="$PORT" \
        --tongban.identity.password-hash="$HASH" --tongban.identity.argon2-memory-kib="$MEMORY" \
        --tongban.identity.argon2-iterations="$ITERATIONS" --tongban.identity.bcrypt-strength="$COST" \
        --tongban.identity.argon2-native="$NATIVE" \
        --tongban.log-directory="$scratch/logs" \
        --tongban.demo.enabled=false \
        > "$scratch/app.log" 2>&1) &
    app_pid=$!
    for i in $(seq 1 600); do
        curl -fsS "$BASE/actuator/health/readiness" > /dev/null 2>&1 && break
        kill -0 "$app_pid" 2>/dev/null || { tail -50 "$scratch/app.log" >&2; exit 1; }
        sleep 1
    done
    curl -fsS "$BASE/actuator/health/readiness" > /dev/null || { echo "Tongban did not become ready" >&2; exit 1; }
    grep -a -m1 'Passwords: ' "$scratch/app.log" >&2 || true
    if [[ "$HASH" == argon2id ]] && ! grep -a -q 'computed by libsodium' "$scratch/app.log"; then NATIVE=off; fi
fi
if [[ "$HASH" == argon2id && "$NATIVE" != off ]]; then hash_spec="argon2id-sodium:$MEMORY:$ITERATIONS"; fi

# The reference uses the same libraries the app uses: spring-security-crypto, BouncyCastle (Argon2) and the logging
# API they need, from the jar.
for entry in $(unzip -Z1 "$jar" | grep -E 'BOOT-INF/lib/(spring-security-crypto|bcprov-jdk18on|commons-logging|spring-jcl)-[^/]*\.jar$'); do
    unzip -q -j -o "$jar" "$entry" -d "$scratch/lib"
done

echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB;" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
SIGNIN_RESULTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/results/signin-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$SIGNIN_RESULTS"
for think in $THINK; do
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$scratch/lib/*" bench/signin/SignInBench.java \
        base="$BASE" users="$USERS" duration="$DURATION" warmup="$WARMUP" think="$think" hash="$hash_spec" client="$CLIENT" \
        | tee "$SIGNIN_RESULTS/think-$think.md"
    # For bench/regressions.sh: the sign-in p95 against one password check's median on the same machine.
    result=$(grep -a '^RESULT ' "$SIGNIN_RESULTS/think-$think.md" || true)
    if [[ -n "$result" ]]; then
        p95=$(sed 's/.*signin_p95_ms=\([0-9.]*\).*/\1/' <<<"$result")
        reference=$(sed 's/.*hash1_p50_ms=\([0-9.]*\).*/\1/' <<<"$result")
        # shellcheck source=bench/lib.sh
        (RESULTS_DIR=$SIGNIN_RESULTS; source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" \
            && record_figure signin "password sign-in p95, $USERS users, think $think ms" "$p95" ms lower "$reference")
    fi
done
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg); other java processes: $(pgrep -c java || true)"
