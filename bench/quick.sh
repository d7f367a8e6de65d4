#!/usr/bin/env bash
# A quick look at every JMH benchmark, a few minutes per device: one fork, one 1-second warm-up and two
# 1-second measured iterations each, 64 factors, 250k ratings (2,590 users × 944 movies). Builds
# bench/target/benchmarks.jar when it is missing. Usage, from anywhere:
#   bench/quick.sh                       the Java device
#   bench/quick.sh java,opencl           several devices side by side (any spec 'reco devices' lists)
#   bench/quick.sh java,cuda Epoch -p factors=8,128   then a benchmark regex and JMH options of your own
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/jdk.sh
source "$root/scripts/jdk.sh"
JAVA_HOME="$(reco_find_jdk)"
export JAVA_HOME
jar="$root/bench/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "building $jar…" >&2
  mvn -o -q -B -f "$root/pom.xml" -pl bench -am -DskipTests package
fi
devices=java
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  devices="$1"
  shift
fi
exec "$JAVA_HOME/bin/java" -jar "$jar" -p device="$devices" -p factors=64 -p ratings=250000 \
    -f 1 -wi 1 -i 2 -w 1s -r 1s "$@"
