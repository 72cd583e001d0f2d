#!/usr/bin/env bash
# Builds ModelFactory Studio as a self-contained application with JDK 25's jlink + jpackage:
#   packaging/build.sh                 app-image + .deb (Linux), in target/packaging/out
#   packaging/build.sh --type app-image   only the app-image
#   packaging/build.sh --no-maven      reuse app/target (CI runs this after ./mvnw -B verify)
# DPKG_DEB_COMPRESSOR_TYPE=gzip (or none) trades a bigger .deb for a faster build (CI); default xz.
# On macOS (--type dmg) and Windows under Git Bash (--type msi) the same steps run with
# packaging/macos/dmg.args or packaging/windows/msi.args; those are for those platforms' builders and are
# not built or tested here (packaging/README.md).
#
# What it does: copies the app jar, its runtime jars and the JavaFX natives (unpacked from the JavaFX jars so
# jpackage sees them and the .deb's Depends gets GTK) plus the starter kit into an input folder; asks jdeps
# which JDK modules the jars need; jlinks a runtime with those (plus jdk.incubator.vector and a few that are
# only reached by reflection); runs jpackage with the JVM options ./modelfactory uses.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

types=()
run_maven=1
while [ $# -gt 0 ]; do
    case "$1" in
        --type) types+=("$2"); shift 2 ;;
        --no-maven) run_maven=0; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "packaging: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

os=linux
case "$(uname -s)" in
    Darwin) os=macos ;;
    MINGW*|MSYS*|CYGWIN*) os=windows ;;
esac
if [ ${#types[@]} -eq 0 ]; then
    case "$os" in
        linux) types=(app-image deb) ;;
        macos) types=(app-image dmg) ;;
        windows) types=(app-image msi) ;;
    esac
fi

# A JDK >= 25 with jlink and jpackage: JAVA_HOME, else one in the system JVM folder.
pick_jdk() {
    local home major
    for home in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -n "$home" ] && [ -x "$home/bin/jpackage" ] && [ -x "$home/bin/jlink" ] || continue
        major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
        if [ -n "$major" ] && [ "$major" -ge 25 ]; then echo "$home"; return 0; fi
    done
    return 1
}
if ! JAVA_HOME=$(pick_jdk); then
    echo "packaging: no JDK 25 with jlink and jpackage found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm/*25*)" >&2
    exit 1
fi
export JAVA_HOME
jdk="$JAVA_HOME/bin"

version=$(sed -n 's:^  <version>\([0-9.]*\).*</version>:\1:p' pom.xml | head -n 1)
[ -n "$version" ] || { echo "packaging: cannot read the version from pom.xml" >&2; exit 1; }

if [ "$run_maven" -eq 1 ]; then
    echo "packaging: building the app (./mvnw -B -q -DskipTests package)"
    ./mvnw -B -q -DskipTests package
fi
app_jar=app/target/modelfactory-app.jar
[ -f "$app_jar" ] && [ -d app/target/lib ] \
    || { echo "packaging: $app_jar or app/target/lib missing; run without --no-maven" >&2; exit 1; }

work=target/packaging
input="$work/input"
out="$work/out"
rm -rf "$work"
mkdir -p "$input" "$out"

# The jars, as the source launcher puts them on the class path. The JavaFX jars stay there too (JavaFX on the
# class path, as in ./modelfactory: no module-path flags, and ControlsFX then needs no --add-exports).
cp "$app_jar" app/target/lib/*.jar "$input/"

# JavaFX's natives next to its jars: JavaFX loads them from the jar's folder before it would unpack them into
# ~/.openjfx, and jpackage only looks at native files it can see when it computes the .deb's Depends
# (STACK.md: otherwise libgtk-3-0 is missed).
for jar in "$input"/javafx-*.jar; do
    libs=$("$jdk/jar" tf "$jar" | grep -E '^[^/]+\.(so|dylib|dll)$' || true)
    [ -z "$libs" ] || (cd "$input" && "$jdk/jar" xf "$(basename "$jar")" $libs)
done

# The starter kit, found by the app through -Dmodelfactory.starter.dir (StarterLocation).
mkdir -p "$input/starter"
cp -R assets/starter/. "$input/starter/"

# The JDK modules the jars need (jdeps), plus the Vector API (an incubator module nothing requires
# statically) and modules only reached through service loading or reflection: EC for TLS to a chain RPC,
# the zip file system, extra charsets.
echo "packaging: jdeps"
modules=$("$jdk/jdeps" -q --multi-release 25 --ignore-missing-deps --print-module-deps \
    --class-path "$input/*" "$input"/*.jar)
modules="$modules,jdk.incubator.vector,jdk.crypto.ec,jdk.zipfs,jdk.charsets"
echo "packaging: runtime modules $modules"
"$jdk/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress zip-6 \
    --output "$work/runtime" 2>&1 | grep -v 'incubator modules' || true
[ -x "$work/runtime/bin/java" ] || { echo "packaging: jlink failed" >&2; exit 1; }

# The JVM options ./modelfactory passes (ADR 0001), plus where the bundled starter kit is. $APPDIR is the
# image's lib/app folder, expanded by the jpackage launcher.
java_options=(
    --add-modules=jdk.incubator.vector
    --enable-native-access=ALL-UNNAMED
    -Dai.djl.offline=true
    '-Dmodelfactory.starter.dir=$APPDIR/starter'
)
common=(
    --name modelfactory
    --app-version "$version"
    --vendor "ModelFactory"
    --description "ModelFactory Studio: curate datasets, fine-tune LoRA adapters, compare them, claim attribution"
    --dest "$out"
)

for type in "${types[@]}"; do
    case "$type" in
        app-image)
            icon=assets/icons/modelfactory.png
            [ "$os" = windows ] && icon=assets/icons/modelfactory.ico
            [ "$os" = macos ] && icon="$work/modelfactory.icns" && packaging/macos/make-icns.sh "$icon"
            args=(--type app-image --input "$input" --main-jar modelfactory-app.jar
                  --main-class dev.modelfactory.app.Main --runtime-image "$work/runtime" --icon "$icon")
            for opt in "${java_options[@]}"; do args+=(--java-options "$opt"); done
            [ "$os" = macos ] && args+=(@packaging/macos/app-image.args)
            [ "$os" = windows ] && args+=(@packaging/windows/app-image.args)
            echo "packaging: jpackage --type app-image"
            "$jdk/jpackage" "${args[@]}" "${common[@]}"
            ;;
        deb)
            image="$out/modelfactory"
            [ -d "$image" ] || { echo "packaging: --type deb needs the app-image first" >&2; exit 2; }
            echo "packaging: jpackage --type deb (dpkg-deb compressor ${DPKG_DEB_COMPRESSOR_TYPE:=xz})"
            export DPKG_DEB_COMPRESSOR_TYPE
            "$jdk/jpackage" --type deb --app-image "$image" "${common[@]}" \
                --icon assets/icons/modelfactory.png --resource-dir packaging/linux \
                @packaging/linux/deb.args
            ;;
        dmg)
            "$jdk/jpackage" --type dmg --app-image "$out/modelfactory.app" "${common[@]}" @packaging/macos/dmg.args
            ;;
        msi)
            "$jdk/jpackage" --type msi --app-image "$out/modelfactory" "${common[@]}" @packaging/windows/msi.args
            ;;
        *) echo "packaging: unknown --type $type (app-image, deb, dmg, msi)" >&2; exit 2 ;;
    esac
done
echo "packaging: done:"
ls -la "$out"
