#!/usr/bin/env bash
# Usage: benchmarks/peak-rss.sh <command...>
# Runs the command and every 0.2 s sums the resident memory of its whole process tree (dotnet build,
# MSBuild nodes, csc), then prints the peaks to stderr. Only descendants count, so other builds on a
# shared machine are ignored. (/usr/bin/time -v misses csc here: it reports ~180 MB for a build whose
# compiler peaks at 1.7 GB.)
set -u
"$@" &
root=$!
max_csc=0
max_tree=0
while kill -0 "$root" 2>/dev/null; do
  read -r csc tree < <(ps -eo pid,ppid,rss,args --no-headers | awk -v root="$root" '
    { pid[NR] = $1; ppid[NR] = $2; rss[NR] = $3; $1 = $2 = $3 = ""; args[NR] = $0 }
    END {
      tree[root] = 1; changed = 1
      while (changed) { changed = 0; for (i = 1; i <= NR; i++) if (!(pid[i] in tree) && (ppid[i] in tree)) { tree[pid[i]] = 1; changed = 1 } }
      for (i = 1; i <= NR; i++) if (pid[i] in tree) { total += rss[i]; if (args[i] ~ /csc|VBCSCompiler/ && rss[i] > c) c = rss[i] }
      print c + 0, total + 0 }')
  [ "$csc" -gt "$max_csc" ] && max_csc=$csc
  [ "$tree" -gt "$max_tree" ] && max_tree=$tree
  sleep 0.2
done
wait "$root"
status=$?
echo "peak RSS: csc $((max_csc / 1024)) MB; whole process tree $((max_tree / 1024)) MB" >&2
exit $status
