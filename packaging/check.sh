#!/usr/bin/env bash
# CI check of the packaged app (run by .ci/run after ./mvnw -B verify): builds the app-image and the .deb
# from app/target (packaging/build.sh --no-maven), runs the image's launcher with no display (doctor --json,
# starter status against the bundled kit, studio --snapshot-dir on headless Monocle), then takes the .deb
# apart with dpkg-deb and checks its Depends, files and maintainer scripts.
# Everything it writes (home, workspace, snapshots) lives in a temporary folder; the user's folders are not
# touched. Exits non-zero with a "check: ..." line on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "check: $*" >&2; exit 1; }
step() { echo "check: [$(date -u +%H:%M:%S)] $*"; }

if [ "${CHECK_REUSE_BUILD:-0}" = 1 ] && [ -d target/packaging/out/modelfactory ]; then
    step "reusing target/packaging/out (CHECK_REUSE_BUILD=1)"
else
    step "building the app-image and the .deb"
    # gzip instead of xz: the check does not need the smallest package, and xz dominates the time on 2 cores.
    DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}" packaging/build.sh --no-maven
fi

out=target/packaging/out
image="$out/modelfactory"
launcher="$image/bin/modelfactory"
deb=$(ls "$out"/modelfactory_*_amd64.deb 2>/dev/null | head -n 1)
[ -x "$launcher" ] || fail "no launcher at $launcher"
[ -n "$deb" ] || fail "no .deb in $out"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A fresh user: the per-user folders (config, logs, default workspace) all land under $tmp through the XDG
# variables (Java's user.home comes from the password database, not $HOME).
export XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" XDG_DATA_HOME="$tmp/data"
unset MODELFACTORY_HOME MODELFACTORY_STARTER

step "doctor --json from the app-image"
"$launcher" doctor --json >"$tmp/doctor.json" 2>"$tmp/doctor.err" || { cat "$tmp/doctor.err" >&2; fail "doctor failed"; }
grep -q '"javaVersion" : "25' "$tmp/doctor.json" || fail "doctor: the bundled runtime is not Java 25"
grep -q '"name" : "cpu"' "$tmp/doctor.json" || fail "doctor: no cpu backend (is jdk.incubator.vector in the runtime?)"
grep -q "\"path\" : \"$XDG_DATA_HOME/modelfactory\"" "$tmp/doctor.json" \
    || fail "doctor: the default workspace is not the per-user folder \$XDG_DATA_HOME/modelfactory"

step "starter status finds the bundled kit"
"$launcher" --workspace "$tmp/ws" starter status --json >"$tmp/starter.json" 2>"$tmp/starter.err" \
    || { cat "$tmp/starter.err" >&2; fail "starter status failed (kit not found next to the image?)"; }
grep -q '"installed" : false' "$tmp/starter.json" || fail "starter status: unexpected answer $(cat "$tmp/starter.json")"

step "studio --snapshot-dir (headless Monocle)"
"$launcher" --workspace "$tmp/ws" studio --snapshot-dir "$tmp/snap" --json >"$tmp/snap.json" 2>"$tmp/snap.err" \
    || { tail -20 "$tmp/snap.err" >&2; fail "rendering the studio failed"; }
for page in home datasets models finetune training playground wallet attribution tasks settings; do
    [ -s "$tmp/snap/$page.png" ] || fail "studio: $page.png was not rendered"
done
[ -s "$XDG_STATE_HOME/modelfactory/logs/modelfactory.log" ] || fail "no log in \$XDG_STATE_HOME/modelfactory/logs"

step "the .deb: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
depends=$(dpkg-deb -f "$deb" Depends)
echo "$depends" | grep -Eq '(^|, *)libgtk-3-0t64 \| libgtk-3-0( *,|$)' || fail "Depends lacks 'libgtk-3-0t64 | libgtk-3-0': $depends"
[ "$(dpkg-deb -f "$deb" Package)" = modelfactory ] || fail "package name is not modelfactory"
dpkg-deb -c "$deb" | awk '{print $6}' >"$tmp/files.txt"
for f in ./opt/modelfactory/bin/modelfactory ./opt/modelfactory/lib/app/modelfactory-app.jar \
         ./opt/modelfactory/lib/app/libglassgtk3.so ./opt/modelfactory/lib/app/starter/datasets.json \
         ./opt/modelfactory/lib/app/starter/starter-base.gguf ./opt/modelfactory/lib/modelfactory.png \
         ./opt/modelfactory/lib/modelfactory-modelfactory.desktop \
         ./opt/modelfactory/lib/runtime/lib/server/libjvm.so; do
    grep -qxF -- "$f" "$tmp/files.txt" || fail "the .deb lacks $f"
done
dpkg-deb -e "$deb" "$tmp/control"
grep -q 'ln -sfn /opt/modelfactory/bin/modelfactory /usr/bin/modelfactory' "$tmp/control/postinst" \
    || fail "postinst does not put modelfactory on the PATH"
grep -q 'xdg-desktop-menu install' "$tmp/control/postinst" || fail "postinst does not install the desktop entry"
dpkg-deb -x "$deb" "$tmp/root"
desktop="$tmp/root/opt/modelfactory/lib/modelfactory-modelfactory.desktop"
grep -q '^Exec=/opt/modelfactory/bin/modelfactory$' "$desktop" || fail "desktop entry: wrong Exec"
grep -q '^Icon=/opt/modelfactory/lib/modelfactory.png$' "$desktop" || fail "desktop entry: wrong Icon"
"$tmp/root/opt/modelfactory/bin/modelfactory" --version >"$tmp/version.txt" 2>/dev/null \
    || fail "the launcher unpacked from the .deb does not run"
step "ok: $(head -n 1 "$tmp/version.txt"); image $(du -sh "$image" | cut -f1), .deb $(du -h "$deb" | cut -f1)"
