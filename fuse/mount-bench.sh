#!/bin/sh
# ./lisa4j mount-bench: serves a scratch export with the daemon jar, then runs MountBench (local
# directory, bindfs, lisa4j mount) and prints the table. Needs fuse3 and bindfs installed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
java=$1 server_jar=$2 fuse_jar=$3
work=$(mktemp -d /tmp/lisa4j-mount-bench.XXXXXX)
mkdir -p "$work/export"
"$java" --enable-native-access=ALL-UNNAMED -jar "$server_jar" serve --export "bench=$work/export" \
  --listen "unix:$work/lisa4j.sock" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
i=0
while [ ! -S "$work/lisa4j.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
"$java" --enable-native-access=ALL-UNNAMED -cp "$fuse_jar" io.lisa4j.fuse.bench.MountBench \
  "unix:$work/lisa4j.sock" bench "$work/scratch"
