#!/usr/bin/env bash
# Prints the home of a JDK >= 21: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
set -euo pipefail
major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && $(major "$JAVA_HOME") -ge 21 ]]; then
  echo "$JAVA_HOME"; exit 0
fi
for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
  home=${home%/}
  if [[ -x "$home/bin/javac" && $(major "$home") -ge 21 ]]; then echo "$home"; exit 0; fi
done
echo "no JDK >= 21 found (set JAVA_HOME)" >&2
exit 1
