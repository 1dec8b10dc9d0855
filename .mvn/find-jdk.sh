# Sourced by ./mvnw before anything else: makes sure Maven runs on a JDK 21 or newer, so that
# nobody has to set JAVA_HOME by hand when the default `java` on the PATH is older.
#
# Order: a JAVA_HOME that is already 21+, then the JDKs in the usual install folders (newest first).
# If none is found, JAVA_HOME is left as it was and Maven's enforcer rule explains what is missing.

confidant_java_major() {
  # prints the feature version of the JDK at $1 (e.g. 17, 21, 25), or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  fi
}

confidant_find_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    v="$(confidant_java_major "$JAVA_HOME")"
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      return 0
    fi
  fi
  best=""
  best_version=0
  set +f
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
    "${HOME-}"/.sdkman/candidates/java/* "${HOME-}"/.jdks/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    [ -L "$candidate" ] && continue
    v="$(confidant_java_major "$candidate")"
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_version" ]; then
      best="$candidate"
      best_version="$v"
    fi
  done
  set -f
  if [ -n "$best" ]; then
    JAVA_HOME="$best"
    export JAVA_HOME
  fi
}

confidant_find_jdk
