#!/usr/bin/env bash
# A Spark standalone cluster on this machine's loopback interface, for trying `livecalc run --spark spark://...`
# and for the cluster test: one master and N workers, separate JVMs, started from the Spark jars livecalc-spark
# already resolves (livecalc-spark/target/lib). No Spark download, no SPARK_HOME of your own.
#
#   livecalc-spark/scripts/local-cluster.sh start     # prints the master URL, spark://127.0.0.1:7077
#   ./livecalc run dag.json --spark spark://127.0.0.1:7077
#   livecalc-spark/scripts/local-cluster.sh status
#   livecalc-spark/scripts/local-cluster.sh stop      # stops the master, the workers and their executors
#
# Settings (environment):
#   LIVECALC_CLUSTER_DIR      state folder: pid files, logs, SPARK_HOME, work dirs (default livecalc-spark/target/local-cluster)
#   LIVECALC_CLUSTER_PORT     master port (default 7077)
#   LIVECALC_CLUSTER_WORKERS  number of workers (default 2)
#   LIVECALC_CLUSTER_CORES    cores per worker (default 1)
#   LIVECALC_CLUSTER_MEMORY   memory per worker for its executors (default 2g)
#   JAVA_HOME                 a JDK 25 (else one is looked for under /usr/lib/jvm)
#
# The workers' SPARK_HOME ($DIR/spark-home) holds Spark's jars only, as on a real cluster: LiveCalc's classes
# reach the executors as the application jar (livecalc-spark-job.jar, spark.jars), which the driver ships.
# Daemon heaps are 256 MB; each worker's work dir and SPARK_LOCAL_DIRS are under $DIR.
set -euo pipefail

MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR=${LIVECALC_CLUSTER_DIR:-$MODULE/target/local-cluster}
PORT=${LIVECALC_CLUSTER_PORT:-7077}
WORKERS=${LIVECALC_CLUSTER_WORKERS:-2}
CORES=${LIVECALC_CLUSTER_CORES:-1}
MEMORY=${LIVECALC_CLUSTER_MEMORY:-2g}
LIB="$MODULE/target/lib"

STARTING=0
# On a failed start, stops what was started (a master without workers is of no use).
die() {
  printf 'local-cluster: %s\n' "$*" >&2
  if [ "$STARTING" = 1 ]; then STARTING=0; stop; fi
  exit 2
}

java_home() {
  local h
  for h in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/*25*; do
    [ -n "$h" ] && [ -x "$h/bin/java" ] || continue
    if [ -f "$h/release" ] && grep -q '^JAVA_VERSION="25' "$h/release"; then printf '%s' "$h"; return; fi
  done
  die "JDK 25 not found: set JAVA_HOME to a JDK 25"
}

# Spark's JavaModuleOptions: the daemons run Spark on JDK 25.
OPENS=()
for pkg in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
           java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.util.calendar; do
  OPENS+=("--add-opens=java.base/$pkg=ALL-UNNAMED")
done
OPENS+=(-Dio.netty.tryReflectionSetAccessible=true)

# Processes of a pid: its descendants first (a worker's executors), then itself.
tree() {
  local pid=$1 child
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do tree "$child"; done
  printf '%s\n' "$pid"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for_log() { # file, pattern, seconds, pid file
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    alive "$4" || { cat "$1" >&2; die "$(basename "$4" .pid) exited; its log is above ($1)"; }
    sleep 0.1
  done
  cat "$1" >&2
  die "$(basename "$4" .pid) did not log '$2' within $3 s ($1)"
}

start() {
  [ -d "$LIB" ] && ls "$LIB"/spark-core_*.jar >/dev/null 2>&1 \
    || die "$LIB has no Spark jars: build livecalc-spark first (./mvnw -B -pl livecalc-spark -am package -DskipTests)"
  alive "$DIR/master.pid" && die "a cluster is already running from $DIR (master pid $(cat "$DIR/master.pid")); stop it first"
  local java
  java="$(java_home)/bin/java"
  STARTING=1
  mkdir -p "$DIR/spark-home/jars" "$DIR/spark-home/conf"
  rm -f "$DIR/spark-home/jars/"*.jar
  local jar name
  for jar in "$LIB"/*.jar; do
    name=$(basename "$jar")
    case $name in livecalc-*|hipparchus-*|picocli-*|logstash-*) continue ;; esac   # not Spark's: the job jar brings LiveCalc
    ln -s "$jar" "$DIR/spark-home/jars/$name"
  done
  cat > "$DIR/spark-home/conf/logback.xml" <<'XML'
<configuration>
  <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder></appender>
  <logger name="org.apache.spark.deploy" level="INFO"/>
  <logger name="org.apache.spark.executor.CoarseGrainedExecutorBackend" level="INFO"/>
  <root level="WARN"><appender-ref ref="ERR"/></root>
</configuration>
XML
  export SPARK_HOME="$DIR/spark-home" SPARK_CONF_DIR="$DIR/spark-home/conf" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
  export JAVA_HOME
  JAVA_HOME="$(java_home)"
  local cp="$SPARK_CONF_DIR:$SPARK_HOME/jars/*"
  OPENS+=(--enable-native-access=ALL-UNNAMED)
  mkdir -p "$DIR/master"
  : > "$DIR/master.log"
  (cd "$DIR/master" && exec "$java" -Xmx256m "${OPENS[@]}" -cp "$cp" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$PORT" --webui-port 0 >"$DIR/master.log" 2>&1 </dev/null) &
  echo $! > "$DIR/master.pid"
  wait_for_log "$DIR/master.log" "I have been elected leader" 120 "$DIR/master.pid"
  local i
  for ((i = 1; i <= WORKERS; i++)); do
    mkdir -p "$DIR/worker-$i/local"
    : > "$DIR/worker-$i.log"
    (cd "$DIR/worker-$i" && SPARK_LOCAL_DIRS="$DIR/worker-$i/local" exec "$java" -Xmx256m "${OPENS[@]}" -cp "$cp" \
        org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$PORT" --host 127.0.0.1 --port 0 --webui-port 0 \
        --cores "$CORES" --memory "$MEMORY" --work-dir "$DIR/worker-$i/work" >"$DIR/worker-$i.log" 2>&1 </dev/null) &
    echo $! > "$DIR/worker-$i.pid"
  done
  for ((i = 1; i <= WORKERS; i++)); do
    wait_for_log "$DIR/worker-$i.log" "Successfully registered with master" 120 "$DIR/worker-$i.pid"
  done
  STARTING=0
  printf 'local-cluster: master and %d workers (%d core(s), %s each) up; logs and pids in %s\n' "$WORKERS" "$CORES" "$MEMORY" "$DIR" >&2
  printf 'spark://127.0.0.1:%s\n' "$PORT"
}

stop() {
  local f pids=() pid
  for f in "$DIR"/worker-*.pid "$DIR"/master.pid; do
    [ -f "$f" ] || continue
    if alive "$f"; then
      while read -r pid; do pids+=("$pid"); done < <(tree "$(cat "$f")")
    fi
    rm -f "$f"
  done
  [ ${#pids[@]} -gt 0 ] || { printf 'local-cluster: nothing running from %s\n' "$DIR" >&2; return 0; }
  kill "${pids[@]}" 2>/dev/null || true
  local i
  for ((i = 0; i < 100; i++)); do
    local left=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && left+=("$pid"); done
    [ ${#left[@]} -eq 0 ] && { printf 'local-cluster: stopped %d processes\n' "${#pids[@]}" >&2; return 0; }
    sleep 0.1
  done
  kill -9 "${left[@]}" 2>/dev/null || true
  printf 'local-cluster: stopped %d processes (%d killed after 10 s)\n' "${#pids[@]}" "${#left[@]}" >&2
}

status() {
  local f
  for f in "$DIR"/master.pid "$DIR"/worker-*.pid; do
    [ -f "$f" ] || continue
    if alive "$f"; then printf '%-10s pid %s running\n' "$(basename "$f" .pid)" "$(cat "$f")"; else printf '%-10s not running\n' "$(basename "$f" .pid)"; fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: $0 start|stop|status" ;;
esac
