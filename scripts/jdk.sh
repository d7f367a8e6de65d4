# Finds a JDK whose major version is at least 25 and prints its home; used by ./reco and ./test.sh.
# Order: $JAVA_HOME, then every /usr/lib/jvm/* (newest first), then the java on PATH.
# A JDK's release file names its version; asking the JVM itself (the fallback) costs a fifth of a
# second on every command.
reco_jdk_major() {
  local v=""
  if [ -r "$1/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" | head -1)"
  fi
  if [ -z "$v" ]; then
    v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1)"
  fi
  echo "$v"
}
reco_find_jdk() {
  local c v
  for c in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV) \
           "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    v="$(reco_jdk_major "$c")"
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  echo "reco: no JDK 25 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/*, PATH)." >&2
  echo "reco: install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
