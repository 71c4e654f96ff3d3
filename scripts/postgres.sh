#!/usr/bin/env bash
# PostgreSQL for the postgres profile's tests, benchmark and local clusters: our own throwaway clusters.
#
#   scripts/postgres.sh install            install Debian's postgresql package if no initdb is on the machine
#   scripts/postgres.sh start DIR PORT     initdb a fresh cluster in DIR (as a non-root user) on 127.0.0.1:PORT, start it,
#                                          create database "pulse" (user "pulse", trust auth on loopback only)
#   scripts/postgres.sh stop DIR           stop the cluster in DIR (fast shutdown), keep its files
#   scripts/postgres.sh resume DIR         start a stopped cluster again (same port, same data)
#   scripts/postgres.sh destroy DIR        stop it and delete DIR
#
# PostgreSQL refuses to run as root, so when we are root the cluster runs as the package's `postgres` system user.
set -euo pipefail

bin_dir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null && { dirname "$(readlink -f "$(command -v initdb)")"; return 0; }
  return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cmd="${1:-}"
case "$cmd" in
  install)
    if ! bin_dir >/dev/null; then
      SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
      echo "installing: postgresql"
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql
    fi
    # The package starts a system-wide cluster on 5432; our clusters never use it (each picks a free port).
    ;;
  start)
    dir="${2:?usage: postgres.sh start DIR PORT}"; port="${3:?usage: postgres.sh start DIR PORT}"
    bin="$(bin_dir)" || { echo "PostgreSQL is not installed: run scripts/postgres.sh install" >&2; exit 1; }
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U pulse --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Loopback only; sockets in DIR so several clusters never collide in /var/run/postgresql.
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 400
shared_buffers = 256MB
wal_buffers = 16MB
max_wal_size = 2GB
checkpoint_timeout = 15min
CONF
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U pulse pulse
    echo "Host=127.0.0.1;Port=$port;Username=pulse;Database=pulse"
    ;;
  stop)
    dir="${2:?usage: postgres.sh stop DIR}"; bin="$(bin_dir)"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    ;;
  resume)
    dir="${2:?usage: postgres.sh resume DIR}"; bin="$(bin_dir)"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
    ;;
  destroy)
    dir="${2:?usage: postgres.sh destroy DIR}"; bin="$(bin_dir)" || true
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
