# shellcheck shell=bash
# Shared set-up for tools/curate and tools/test: Debian packages, the .NET SDK,
# and the cached Release build of curate in .build/curate.
# Sourced, not run; callers use `set -euo pipefail`.

# Repository root, from this file's real location (tools/lib/setup.sh), so the
# tools work from any current directory and through symlinks.
_setup_self=$(readlink -f -- "${BASH_SOURCE[0]}")
CURATION_ROOT=${_setup_self%/tools/lib/*}
unset _setup_self

CURATE_OUT="$CURATION_ROOT/.build/curate"
CURATE_DLL="$CURATE_OUT/curate.dll"
CURATE_STAMP="$CURATE_OUT/.stamp"
# What the curate build reads; a change to any file under these rebuilds it.
CURATE_INPUTS=(src invocations schema-sql Directory.Build.props Directory.Packages.props global.json)

# No first-run banner, telemetry notice or prompts: these tools also run under cron and CI.
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [[ -z ${HOME:-} ]]; then
    # cron may start us without HOME; dotnet and NuGet need a home for their caches.
    HOME=$(getent passwd "$(id -u)" | cut -d: -f6) || HOME=""
    [[ -n $HOME ]] || HOME=/tmp
    export HOME
fi

# --- timing ---------------------------------------------------------------

# Microseconds since the epoch, without forking (bash 5's EPOCHREALTIME).
_now_us() {
    local t=${EPOCHREALTIME/[.,]/}
    _NOW_US=$((10#$t))
}

# timer_start: set TIMER_T0 to now. timer_elapsed: set ELAPSED to "12.3 s" since TIMER_T0.
timer_start() {
    _now_us
    TIMER_T0=$_NOW_US
}
timer_elapsed() {
    _now_us
    local d=$((_NOW_US - TIMER_T0))
    ELAPSED="$((d / 1000000)).$(((d % 1000000) / 100000)) s"
}

# --- Debian packages -------------------------------------------------------

# Native libraries and programs curate uses at run time: CFITSIO (the FITS layer) and libjpeg-turbo (CU2's previews),
# both through P/Invoke; rsync and ssh (CU1 from a remote host); and ICU (culture data, without
# which Microsoft.Data.SqlClient cannot open a SQL Server connection; the .NET SDK needs it too).
RUNTIME_PACKAGES=(libcfitsio10 libturbojpeg0 libicu72 rsync openssh-client)

_APT_UPDATED=0

# Runs its arguments as root: directly when we are root, else through
# passwordless sudo. Returns 1 without running anything when neither works.
_as_root() {
    if ((EUID == 0)); then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        return 1
    fi
}

can_install_packages() {
    ((EUID == 0)) || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }
}

# apt-get update, at most once per run.
apt_update_once() {
    ((_APT_UPDATED)) && return 0
    echo "apt-get update ..." >&2
    _as_root apt-get update -qq </dev/null >&2 || {
        echo "error: apt-get update failed" >&2
        return 1
    }
    _APT_UPDATED=1
}

# ensure_packages PKG...: installs the Debian packages that are not installed.
# As root it installs them; otherwise through `sudo -n`; when neither is
# possible it names the exact packages to install and returns 1.
ensure_packages() {
    local p status
    local -a missing=()
    for p in "$@"; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) || status=""
        [[ $status == "install ok installed" ]] || missing+=("$p")
    done
    ((${#missing[@]})) || return 0

    if ! can_install_packages; then
        echo "error: missing Debian packages: ${missing[*]}" >&2
        echo "       install them with: sudo apt-get install ${missing[*]}" >&2
        return 1
    fi
    echo "installing Debian packages: ${missing[*]}" >&2
    apt_update_once
    if ! _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=600 \
        "${missing[@]}" </dev/null >&2; then
        echo "error: could not install Debian packages: ${missing[*]}" >&2
        return 1
    fi
}

# --- .NET -----------------------------------------------------------------

# ensure_dotnet: makes sure `dotnet` is on PATH, looking in the usual install
# places, then for a dotnet-sdk-10.0 Debian package (only there when a
# Microsoft package repository is configured; Debian 12 itself has none).
ensure_dotnet() {
    command -v dotnet >/dev/null 2>&1 && return 0
    local d
    for d in "${DOTNET_ROOT:-}" "$HOME/.dotnet" /usr/share/dotnet /usr/lib/dotnet /opt/dotnet; do
        if [[ -n $d && -x $d/dotnet ]]; then
            export DOTNET_ROOT="$d"
            export PATH="$d:$PATH"
            return 0
        fi
    done
    if can_install_packages; then
        apt_update_once || true
    fi
    local candidate
    candidate=$(apt-cache policy dotnet-sdk-10.0 2>/dev/null | awk '/Candidate:/ {print $2}') || candidate=""
    if [[ -n $candidate && $candidate != "(none)" ]]; then
        ensure_packages dotnet-sdk-10.0 || return 1
        command -v dotnet >/dev/null 2>&1 && return 0
    fi
    cat >&2 <<'EOF'
error: `dotnet` is not on PATH, and this needs the .NET 10 SDK.
       Debian 12 has no dotnet package. Either add Microsoft's package repository
       (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run
       `sudo apt-get install dotnet-sdk-10.0`, or install it with dotnet-install.sh
       (https://learn.microsoft.com/dotnet/core/tools/dotnet-install-script)
       into ~/.dotnet, then run this again.
EOF
    return 1
}

# ensure_dotnet_sdk: dotnet is there and has a .NET 10 SDK (the runtime alone
# can run curate but not build it).
ensure_dotnet_sdk() {
    ensure_dotnet || return 1
    local sdks
    sdks=$(dotnet --list-sdks 2>/dev/null) || sdks=""
    if ! grep -q '^10\.' <<<"$sdks"; then
        echo "error: dotnet ($(command -v dotnet)) has no .NET 10 SDK; installed SDKs:" >&2
        echo "${sdks:-  (none)}" >&2
        echo "       install the .NET 10 SDK (package dotnet-sdk-10.0 from Microsoft's repository, or dotnet-install.sh)." >&2
        return 1
    fi
}

# --- the build lock --------------------------------------------------------

# One lock for every build in this work tree, so that two tools/curate (or a
# tools/curate and a tools/test) started at once don't build over each other.
# The lock's file descriptor must not leak into dotnet: MSBuild and compiler
# server processes outlive the build and would hold the lock; run builds with
# `{BUILD_LOCK_FD}>&-`.
BUILD_LOCK_FD=""

build_lock() {
    mkdir -p "$CURATION_ROOT/.build"
    exec {BUILD_LOCK_FD}>>"$CURATION_ROOT/.build/build.lock"
    if ! flock -n "$BUILD_LOCK_FD"; then
        echo "waiting for another build in $CURATION_ROOT to finish ..." >&2
        flock "$BUILD_LOCK_FD"
    fi
}

build_unlock() {
    if [[ -n $BUILD_LOCK_FD ]]; then
        exec {BUILD_LOCK_FD}>&-
        BUILD_LOCK_FD=""
    fi
}

# --- the curate build --------------------------------------------------------

# Prints one line per input file: mtime, size, path. The stamp holds this list
# as of the last good build, so added, removed, changed or restored (older
# mtime) files all make the build stale.
_curate_inputs_listing() {
    local p
    local -a paths=()
    for p in "${CURATE_INPUTS[@]}"; do
        [[ -e $CURATION_ROOT/$p ]] && paths+=("$CURATION_ROOT/$p")
    done
    ((${#paths[@]})) || return 0
    find "${paths[@]}" \( -name bin -o -name obj \) -prune -o -type f -printf '%T@ %s %p\n'
}

curate_build_is_fresh() {
    [[ -f $CURATE_DLL && -f $CURATE_STAMP ]] || return 1
    local now
    now=$(_curate_inputs_listing)
    [[ $now == "$(<"$CURATE_STAMP")" ]]
}

# ensure_curate_built: builds curate into .build/curate unless the last build
# is still fresh. Quiet; prints the build output when it fails.
ensure_curate_built() {
    curate_build_is_fresh && return 0
    build_lock
    # Another process may have built it while we waited for the lock.
    if curate_build_is_fresh; then
        build_unlock
        return 0
    fi
    ensure_dotnet_sdk || { build_unlock; return 1; }

    # Listed before building: a file changed during the build makes the next run rebuild.
    local listing log="$CURATION_ROOT/.build/curate-build.log"
    listing=$(_curate_inputs_listing)
    rm -f -- "$CURATE_STAMP"
    echo "building curate (Release) into .build/curate ..." >&2
    timer_start
    if ! (cd "$CURATION_ROOT" &&
        dotnet build invocations/Curation.Invocations.csproj -c Release -o .build/curate -v q -nologo) \
        >"$log" 2>&1 </dev/null {BUILD_LOCK_FD}>&-; then
        cat -- "$log" >&2
        echo "error: building curate failed (log: $log)" >&2
        build_unlock
        return 1
    fi
    timer_elapsed
    printf '%s\n' "$listing" >"$CURATE_STAMP.tmp"
    mv -f -- "$CURATE_STAMP.tmp" "$CURATE_STAMP"
    echo "built curate in $ELAPSED" >&2
    build_unlock
}
