#!/usr/bin/env bash
# Builds a Java 25 runtime base image without any registry, for machines that cannot pull
# eclipse-temurin:25-jre: a jlink'd runtime made from the local JDK 25, the host's glibc and the
# few libraries the runtime links against, and a passwd entry for the non-root user, imported as
# one layer with `docker import`. The result is a drop-in BASE_IMAGE for docker/Dockerfile:
# java on PATH and JAVA_HOME=/opt/java/openjdk, as in the Temurin images.
#
#   docker/build-base-image.sh [IMAGE]     (default lisa4j/jre-base:25)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
image=${1:-${LISA4J_BASE_IMAGE:-lisa4j/jre-base:25}}
. "$here/../.mvn/find-jdk.sh"

# What the daemon needs (jdeps on the shaded jar, less java.desktop and java.sql, which only
# optional code paths of its libraries touch).
modules=java.base,java.logging,java.management,java.naming,jdk.management,jdk.unsupported

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$root/opt/java/openjdk" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6

# Shared libraries of the runtime's binaries, plus what glibc itself loads lazily (libgcc_s for
# thread cancellation) and what Netty's epoll library needs once extracted.
libs=$(find "$root/opt/java/openjdk" -type f \( -name '*.so' -o -perm -u+x \) -exec ldd {} + 2>/dev/null |
  awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u)
ldconfig -p > "$work/ldcache"
for extra in libgcc_s.so.1 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libz.so.1; do
  found=$(awk -v n="$extra" '$1 == n && /x86-64/ && !seen {print $NF; seen = 1}' "$work/ldcache")
  if [ -n "$found" ]; then libs="$libs $found"; fi
done
for lib in $libs; do
  case "$lib" in "$root"/*) continue ;; esac
  cp -L --parents "$lib" "$root/"
done

mkdir -p "$root/etc" "$root/tmp" "$root/home/lisa4j"
cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
lisa4j:x:10001:10001:lisa4j:/home/lisa4j:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
lisa4j:x:10001:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp"

tar -C "$root" --numeric-owner --owner=0 --group=0 -cf - . |
  docker import \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/bin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["java", "-version"]' \
    --message "jlink'd Java $("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.runtime\.version = //p') runtime, modules $modules" \
    - "$image" >/dev/null
# tar keeps the owner of /home/lisa4j as root; the daemon writes nothing there.
echo "built $image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}'))"
