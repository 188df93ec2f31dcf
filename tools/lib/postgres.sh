# shellcheck shell=bash
# A throwaway PostgreSQL 15 server for the tests: a temporary data directory,
# trust authentication, 127.0.0.1 on a free port, no fsync. Sourced, not run.
#
#   pg_start_test_server   starts it and exports CURATION_TEST_POSTGRES;
#                          on failure prints why (with the log's tail) and returns 1
#   pg_stop_test_server    stops it and removes its directory; safe to call twice

PG_BIN_DIR=${CURATION_PG_BIN_DIR:-/usr/lib/postgresql/15/bin}
_PG_DIR=""

# Runs a PostgreSQL program as the data directory's owner: the postgres system
# user when we are root (initdb and postgres refuse to run as root), else us.
_pg_run() {
    if ((EUID == 0)); then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            # shellcheck disable=SC2016  # expanded by sh, not here
            su postgres -s /bin/sh -c '"$0" "$@"' -- "$@"
        fi
    else
        "$@"
    fi
}

# True when something on this machine listens on TCP port $1.
_pg_port_in_use() {
    if command -v ss >/dev/null 2>&1; then
        [[ -n $(ss -Htln "sport = :$1") ]]
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

# Sets _PG_PORT to a random port in 20000-60000 that nothing listens on.
_pg_pick_port() {
    local _
    for _ in {1..50}; do
        _PG_PORT=$((20000 + (RANDOM * 32768 + RANDOM) % 40001))
        _pg_port_in_use "$_PG_PORT" || return 0
    done
    return 1
}

_pg_fail() {
    echo "PostgreSQL: $1"
    if [[ -n ${2:-} && -s $2 ]]; then
        echo "--- last lines of $2:"
        tail -n 20 -- "$2"
        echo "---"
    fi
    pg_stop_test_server
    return 1
}

pg_start_test_server() {
    local data log attempt
    unset CURATION_TEST_POSTGRES
    if [[ ! -x $PG_BIN_DIR/initdb || ! -x $PG_BIN_DIR/pg_ctl || ! -x $PG_BIN_DIR/psql ]]; then
        _pg_fail "no PostgreSQL 15 programs in $PG_BIN_DIR (Debian package postgresql-15)"
        return 1
    fi
    if ((EUID == 0)) && ! id postgres >/dev/null 2>&1; then
        _pg_fail "running as root, but there is no postgres system user to run the server as"
        return 1
    fi

    # Under /tmp rather than $TMPDIR: the postgres user must reach it, and a
    # unix socket path must stay short.
    _PG_DIR=$(mktemp -d /tmp/curation-pg.XXXXXXXX)
    data="$_PG_DIR/data"
    log="$_PG_DIR/postgres.log"
    mkdir "$_PG_DIR/socket"
    if ((EUID == 0)); then
        chown -R postgres:postgres "$_PG_DIR"
    fi

    # In the temp dir: the postgres user may not be allowed into the caller's directory.
    if ! (cd "$_PG_DIR" && _pg_run "$PG_BIN_DIR/initdb" -D "$data" -A trust -U postgres \
        --no-sync --no-locale -E UTF8) >"$_PG_DIR/initdb.log" 2>&1 </dev/null; then
        _pg_fail "initdb failed" "$_PG_DIR/initdb.log"
        return 1
    fi
    printf "include 'curation-test.conf'\n" >>"$data/postgresql.conf"

    # A port free when we look can be taken before the server binds it: retry.
    for attempt in 1 2 3; do
        if ! _pg_pick_port; then
            _pg_fail "found no free TCP port in 20000-60000"
            return 1
        fi
        cat >"$data/curation-test.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $_PG_PORT
unix_socket_directories = '$_PG_DIR/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
        if ((EUID == 0)); then
            chown postgres:postgres "$data/curation-test.conf"
        fi
        if (cd "$_PG_DIR" && _pg_run "$PG_BIN_DIR/pg_ctl" -D "$data" -l "$log" -w -t 60 start) \
            >"$_PG_DIR/pg_ctl.log" 2>&1 </dev/null; then
            break
        fi
        if ((attempt < 3)) && grep -q 'could not bind\|Address already in use' "$log" 2>/dev/null; then
            echo "PostgreSQL: port $_PG_PORT was taken, trying another"
            continue
        fi
        cat -- "$_PG_DIR/pg_ctl.log"
        _pg_fail "the server did not start" "$log"
        return 1
    done

    local url="postgres://postgres@127.0.0.1:$_PG_PORT/postgres" version
    if ! version=$("$PG_BIN_DIR/psql" "$url" -XAtq -c 'select version()' 2>&1 </dev/null); then
        echo "$version"
        _pg_fail "the server started but does not accept connections at $url" "$log"
        return 1
    fi
    echo "PostgreSQL: ${version%% on *} on 127.0.0.1:$_PG_PORT (data in $data)"
    export CURATION_TEST_POSTGRES="$url"
}

pg_stop_test_server() {
    [[ -n $_PG_DIR ]] || return 0
    local data="$_PG_DIR/data" pid="" _
    if [[ -f $data/postmaster.pid ]]; then
        pid=$(head -n 1 -- "$data/postmaster.pid" 2>/dev/null) || pid=""
        [[ $pid =~ ^[0-9]+$ ]] || pid=""
        if ! (cd "$_PG_DIR" && _pg_run "$PG_BIN_DIR/pg_ctl" -D "$data" -m immediate -w -t 30 stop) \
            >/dev/null 2>&1 </dev/null; then
            # pg_ctl could not stop it: signal the postmaster (SIGQUIT = immediate shutdown).
            if [[ -n $pid ]] && kill -QUIT "$pid" 2>/dev/null; then
                for _ in {1..50}; do
                    kill -0 "$pid" 2>/dev/null || break
                    sleep 0.1
                done
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
        # The postmaster is not our child: wait (briefly) until init has reaped
        # it, so that no postgres process is left when we return.
        if [[ -n $pid ]]; then
            for _ in {1..100}; do
                [[ -e /proc/$pid ]] || break
                sleep 0.05
            done
        fi
    fi
    rm -rf -- "$_PG_DIR"
    _PG_DIR=""
    unset CURATION_TEST_POSTGRES
}
