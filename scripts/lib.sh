# shellcheck shell=bash
# Shared helpers for scripts/run, scripts/test and scripts/compat. Source it; do not execute it.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#   ensure_packages

set -euo pipefail

# System packages Baton needs to build and test:
#   libxml2-dev  - headers for the CLibXML2 module (BPMN parsing)
#   libpq-dev    - headers for the CLibPQ module (PostgreSQL client)
#   postgresql   - server binaries (initdb, pg_ctl) for the embedded cluster used by the engine and tests
#   pkg-config   - lets SwiftPM find the two libraries above
BATON_APT_PACKAGES=(libxml2-dev libpq-dev postgresql pkg-config)

baton_die() {
    echo "error: $*" >&2
    exit 1
}

# Prints the packages that are not installed, one per line: the arguments, or BATON_APT_PACKAGES without any.
baton_missing_packages() {
    local pkg status
    local packages=("$@")
    ((${#packages[@]} > 0)) || packages=("${BATON_APT_PACKAGES[@]}")
    for pkg in "${packages[@]}"; do
        status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
        if [[ "$status" != "install ok installed" ]]; then
            echo "$pkg"
        fi
    done
}

# Makes sure `swift` is on PATH, looking in the usual toolchain locations too.
ensure_swift() {
    if command -v swift >/dev/null 2>&1; then
        return 0
    fi
    local dir
    for dir in /opt/swift/usr/bin /opt/swift/bin; do
        if [[ -x "$dir/swift" ]]; then
            export PATH="$dir:$PATH"
            return 0
        fi
    done
    baton_die "the Swift toolchain was not found: 'swift' is not on PATH, nor in /opt/swift/usr/bin or /opt/swift/bin.
Install Swift 6 (https://www.swift.org/install/) and put its bin directory on PATH."
}

# Installs the missing apt packages (quietly does nothing when all are present) and checks for swift.
ensure_packages() {
    ensure_apt_packages "${BATON_APT_PACKAGES[@]}"
    ensure_swift
}

# Installs those of the given apt packages that are missing (as root directly, otherwise through sudo).
ensure_apt_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        baton_die "dpkg-query not found: this script installs packages with apt (Debian/Ubuntu).
On another system install the equivalents of: $*"
    fi

    local missing=()
    local pkg
    while IFS= read -r pkg; do
        [[ -n "$pkg" ]] && missing+=("$pkg")
    done < <(baton_missing_packages "$@")

    if ((${#missing[@]} > 0)); then
        local sudo=()
        if [[ "$(id -u)" -ne 0 ]]; then
            if command -v sudo >/dev/null 2>&1; then
                sudo=(sudo)
            else
                baton_die "missing system packages: ${missing[*]}
Not running as root and sudo is not available. Install them as root with:
  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
            fi
        fi
        echo "Installing missing packages: ${missing[*]}" >&2
        "${sudo[@]}" apt-get update
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y --no-install-recommends "${missing[@]}"

        local still=()
        while IFS= read -r pkg; do
            [[ -n "$pkg" ]] && still+=("$pkg")
        done < <(baton_missing_packages "$@")
        if ((${#still[@]} > 0)); then
            baton_die "these packages are still not installed: ${still[*]}"
        fi
    fi
}

# Makes sure python3 with the venv module (and ensurepip) and curl are there: the Python environments of the
# demo worker and the compatibility suite, and the curl examples (README, docs/getting-started.md). Installs
# python3, python3-venv and curl with apt when missing.
ensure_python() {
    local missing=()
    command -v python3 >/dev/null 2>&1 && python3 -c 'import venv, ensurepip' >/dev/null 2>&1 \
        || missing+=(python3 python3-venv)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    ((${#missing[@]} == 0)) || ensure_apt_packages "${missing[@]}"
}

# ensure_venv DIR REQUIREMENTS: a virtualenv in DIR with the pinned REQUIREMENTS installed; created when missing
# and again when the requirements file changed since.
ensure_venv() {
    local venv="$1" requirements="$2"
    if [[ -x "$venv/bin/python" ]] && cmp -s "$requirements" "$venv/requirements.installed"; then
        return 0
    fi
    echo "Creating $venv from $requirements" >&2
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$venv/requirements.installed"
}
