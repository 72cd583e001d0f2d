#!/usr/bin/env bash
# Cold start of the packaged studio to its first painted window, under Xvfb (docs/benchmarks/startup.md):
#   packaging/measure-startup.sh [RUNS] [LAUNCHER]     default 7 runs of target/packaging/out/modelfactory/bin/modelfactory
# Each run is a new process on an existing workspace (made by the first, unmeasured, run); the clock starts
# just before the launcher is executed; "mapped" is when the window titled "... ModelFactory Studio" is
# viewable (xwininfo, polled every 20 ms), "painted" when that window's pixels are no longer all black (the
# pages paint a light background; ImageMagick import, polled every 100 ms). Prints each run and the medians,
# and saves a screenshot of the last run. Needs Xvfb, xwininfo, import.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
launcher=${2:-target/packaging/out/modelfactory/bin/modelfactory}
[ -x "$launcher" ] || { echo "measure: no launcher at $launcher (packaging/build.sh first)" >&2; exit 1; }

tmp=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=""
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
export DISPLAY=$display
export HOME="$tmp/home"
mkdir -p "$HOME"
sleep 1

window_id() {
    xwininfo -root -tree 2>/dev/null | grep 'ModelFactory Studio' | grep -o '0x[0-9a-f]*' | head -n 1
}

# One start: sets $elapsed / $painted to the milliseconds from exec to the window being viewable / painted
# and $app to the process (not run in a $(...) subshell: $app must reach stop_app).
start_once() {
    local t0 t1 t2 id max
    t0=$(date +%s%N)
    "$launcher" --workspace "$tmp/ws" >/dev/null 2>&1 &
    app=$!
    while :; do
        id=$(window_id || true)
        if [ -n "$id" ] && xwininfo -id "$id" 2>/dev/null | grep -q 'IsViewable'; then break; fi
        kill -0 "$app" 2>/dev/null || { echo "measure: the studio exited before showing a window" >&2; app=""; exit 1; }
        sleep 0.02
    done
    t1=$(date +%s%N)
    elapsed=$(( (t1 - t0) / 1000000 ))
    while :; do
        max=$(import -display "$display" -window "$id" -colorspace gray -format '%[fx:maxima]' info: 2>/dev/null || echo 0)
        if awk -v m="$max" 'BEGIN {exit !(m > 0.5)}'; then break; fi
        kill -0 "$app" 2>/dev/null || { echo "measure: the studio exited before painting" >&2; app=""; exit 1; }
        sleep 0.1
    done
    t2=$(date +%s%N)
    painted=$(( (t2 - t0) / 1000000 ))
}

stop_app() {
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    app=""
    # The next start must not find this window.
    while [ -n "$(window_id || true)" ]; do sleep 0.1; done
}

# The first start creates the workspace (schema, folders): not measured.
start_once
sleep 2
stop_app

times=()
paints=()
for i in $(seq 1 "$runs"); do
    start_once
    times+=("$elapsed")
    paints+=("$painted")
    echo "run $i: mapped $elapsed ms, painted $painted ms"
    if [ "$i" -eq "$runs" ]; then
        sleep 3
        import -display "$display" -window root "${SCREENSHOT:-/tmp/modelfactory-startup.png}" 2>/dev/null || true
    fi
    stop_app
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median of $runs: mapped $(median "${times[@]}") ms, painted $(median "${paints[@]}") ms (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
