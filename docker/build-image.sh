#!/usr/bin/env bash
# Builds the daemon image from docker/Dockerfile.
#
#   docker/build-image.sh [IMAGE]      (default lisa4j/lisa4j:dev)
#
# BASE_IMAGE picks the Java 25 runtime to build on. Unset, it is the local lisa4j/jre-base:25,
# made by docker/build-base-image.sh (run first if that image is missing), since these machines
# reach no registry; BASE_IMAGE=eclipse-temurin:25-jre uses the public one. The daemon jar is
# LISA4J_JAR, or server/target's, built with ./mvnw when it is missing. Netty's native libraries
# are taken out of the jar here and put in the image as files, so that the daemon loads them from
# there and never needs an executable /tmp.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
. "$top/.mvn/find-jdk.sh"
image=${1:-lisa4j/lisa4j:dev}
base=${BASE_IMAGE:-lisa4j/jre-base:25}

if [ -z "${BASE_IMAGE-}" ] && ! docker image inspect "$base" >/dev/null 2>&1; then
  "$here/build-base-image.sh" "$base"
fi
jar=${LISA4J_JAR:-$(ls "$top"/server/target/lisa4j-server-*-all.jar 2>/dev/null | head -n 1 || true)}
if [ -z "$jar" ]; then
  "$top/mvnw" -q -f "$top/pom.xml" -pl server -am -DskipTests package
  jar=$(ls "$top"/server/target/lisa4j-server-*-all.jar | head -n 1)
fi

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
cp "$here/Dockerfile" "$context/"
cp -r "$here/image" "$context/image"
cp "$jar" "$context/lisa4j.jar"
(cd "$context" && "$JAVA_HOME/bin/jar" xf lisa4j.jar META-INF/native/)
ls "$context"/META-INF/native/*.so >/dev/null 2>&1 || { echo "no native library in $jar" >&2; exit 1; }
mv "$context/META-INF/native" "$context/native"
rm -r "$context/META-INF"
docker build -q --build-arg BASE_IMAGE="$base" -t "$image" "$context" >/dev/null
echo "built $image on $base ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}'))"
