#!/usr/bin/env bash
# Prepares the GPU check's bundle, bench/gpu/dist (git-ignored), on a machine with JDK 25 and Maven, so
# that bench/gpu/check.sh runs on a GPU machine that has no Java:
#   runtime/  a jlink image of JDK 25 with only the modules the jars below use
#   lib/      reco.jar (the CLI, shaded), gpu-timings.jar (reco.bench.GpuTimings and its DeviceData), kernels-tests.jar (the
#             kernels' test classes), junit-platform-console-standalone.jar (runs them), libOpenCL.so.1
#             (the OpenCL ICD loader, for a GPU machine whose NVIDIA driver has OpenCL but no loader)
#   BUNDLE    what was built, from which commit, and the sizes
# The device tool carries the bundle together with the working tree, 64 MiB at most: this script prints
# both sizes and fails when they do not fit. Usage, from anywhere: bench/gpu/prepare.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../scripts/jdk.sh
source "$root/scripts/jdk.sh"
JAVA_HOME="$(reco_find_jdk)"
export JAVA_HOME
dist="$root/bench/gpu/dist"
limit=$((64 * 1024 * 1024))

echo "building the jars (tests compiled, not run)…"
mvn -o -q -B -f "$root/pom.xml" -DskipTests package -pl cli,bench -am

rm -rf "$dist"
mkdir -p "$dist/lib"
cp "$root/cli/target/reco.jar" "$dist/lib/reco.jar"
(cd "$root/bench/target/classes" && "$JAVA_HOME/bin/jar" --create --file "$dist/lib/gpu-timings.jar" reco/bench/GpuTimings*.class reco/bench/DeviceData*.class)
"$JAVA_HOME/bin/jar" --create --file "$dist/lib/kernels-tests.jar" -C "$root/kernels/target/test-classes" .

console_version=$(sed -n 's:.*<junit.platform.version>\(.*\)</junit.platform.version>.*:\1:p' "$root/pom.xml")
console="$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$console_version/junit-platform-console-standalone-$console_version.jar"
if [ ! -f "$console" ]; then
  echo "fetching junit-platform-console-standalone $console_version from Maven Central…"
  mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
      -Dartifact="org.junit.platform:junit-platform-console-standalone:$console_version"
fi
cp "$console" "$dist/lib/junit-platform-console-standalone.jar"

loader=$(ldconfig -p 2>/dev/null | awk '/libOpenCL\.so\.1 .*x86-64/ { print $NF; exit }')
if [ -n "$loader" ]; then
  cp -L "$loader" "$dist/lib/libOpenCL.so.1"
else
  echo "no OpenCL ICD loader here (apt-get install ocl-icd-libopencl1): the bundle goes without one"
fi

# The modules the jars use, by jdeps, less three that only optional code reaches: Jackson declares
# java.desktop, java.sql and java.xml 'requires static' and looks their types up by name, and
# univocity's JDBC routines are never called. Leaving them out saves about 20 MB of the 64 MiB. Plus
# jdk.zipfs, which jdeps cannot see: JUnit finds the test classes of a package inside a jar through
# the zip file system, a service looked up at run time. And jdk.incubator.vector, which the JVM
# resolves only when asked (--add-modules), for the Java device's SIMD loops.
used=$("$JAVA_HOME/bin/jdeps" --multi-release 25 --ignore-missing-deps --list-deps \
    "$dist/lib/reco.jar" "$dist/lib/gpu-timings.jar" "$dist/lib/kernels-tests.jar" \
    "$dist/lib/junit-platform-console-standalone.jar" | tr -d ' ')
modules=$( { echo "$used" | grep -v -x -E 'java\.(desktop|sql|xml)'; echo jdk.zipfs; echo jdk.incubator.vector; } | paste -sd, -)
echo "jdeps: $(echo "$used" | paste -sd, -); linking $modules"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-9 --output "$dist/runtime"

echo "smoke test of the runtime…"
"$dist/runtime/bin/java" --enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector -jar "$dist/lib/reco.jar" --version
"$dist/runtime/bin/java" --enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector \
    -cp "$dist/lib/junit-platform-console-standalone.jar:$dist/lib/reco.jar:$dist/lib/kernels-tests.jar" \
    org.junit.platform.console.ConsoleLauncher execute --disable-banner --disable-ansi-colors --details=summary \
    --fail-if-no-tests --select-package reco.kernels.source

bundle=$(du -sb "$dist" | cut -f1)
tree=$(cd "$root" && { git ls-files -z; git ls-files -z -o --exclude-standard; } | xargs -0 -r du -cb 2>/dev/null \
    | awk '$2 == "total" { s += $1 } END { print s + 0 }')
total=$((bundle + tree))
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
{
  echo "commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD || echo '+changes'), built $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "JDK $("$dist/runtime/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p'), modules $modules"
  echo "bundle $(mib "$bundle") (runtime $(mib "$(du -sb "$dist/runtime" | cut -f1)"), lib $(mib "$(du -sb "$dist/lib" | cut -f1)")); working tree $(mib "$tree"); together $(mib "$total") of 64 MiB"
} >"$dist/BUNDLE"
cat "$dist/BUNDLE"
if [ "$total" -gt "$limit" ]; then
  echo "too large for the device tool's 64 MiB: bundle and working tree are $(mib "$total")" >&2
  exit 1
fi
