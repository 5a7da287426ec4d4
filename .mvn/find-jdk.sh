# Sourced by ./mvnw and ./lisa4j: exports JAVA_HOME pointing at a JDK 25 or newer.
# Keeps a JAVA_HOME that already qualifies; otherwise looks at `java` on PATH and
# then under /usr/lib/jvm, so a machine whose default java is older still builds.

lisa4j_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# The JDK's release file names its version without starting a JVM (which costs ./lisa4j about
# 0.1 s per start); a JDK without one is asked.
lisa4j_release_major() {
  sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$1/release" 2>/dev/null | head -n 1
}

lisa4j_qualifies() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  major=$(lisa4j_release_major "$1")
  [ -n "$major" ] || major=$(lisa4j_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 25 ]
}

lisa4j_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && lisa4j_qualifies "$JAVA_HOME"; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if lisa4j_qualifies "$candidate"; then
      JAVA_HOME=$candidate
      export JAVA_HOME
      return 0
    fi
  fi
  # mvnw runs with `set -f`; the search below needs globbing.
  case $- in *f*) lisa4j_noglob=1; set +f ;; *) lisa4j_noglob=0 ;; esac
  for candidate in /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if lisa4j_qualifies "$candidate"; then
      JAVA_HOME=$candidate
      export JAVA_HOME
      [ "$lisa4j_noglob" = 0 ] || set -f
      return 0
    fi
  done
  [ "$lisa4j_noglob" = 0 ] || set -f
  echo "lisa4j: no JDK 25 found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one or set JAVA_HOME" >&2
  return 1
}

lisa4j_find_jdk
