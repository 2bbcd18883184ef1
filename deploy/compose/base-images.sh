#!/usr/bin/env bash
# Makes the base images that deploy/Dockerfile and docker-compose.yml name, on an engine that cannot
# pull them (no registry reachable), from this machine's Debian packages and Swift toolchain. Each is a
# stand-in under its own name (spotjob-standin/…), never tagged as the official image it replaces;
# docs/operations.md ("Stand-in images") says what each honours of the official one.
#
#   bash deploy/compose/base-images.sh        prints NAME=IMAGE lines for the images it made or found:
#     RUNTIME_IMAGE   Debian 12 root from `debootstrap --variant=minbase`, trimmed like debian:bookworm-slim
#     SWIFT_IMAGE     that root + /opt/swift (the toolchain, at /usr as in swift:6.3-bookworm) + the
#                     build packages + the package mirror /opt/swift-packages (git insteadOf)
#     POSTGRES_IMAGE  PostgreSQL 15 from Debian (deploy/compose/postgres)
#     RABBITMQ_IMAGE  RabbitMQ 3.10 from Debian with the management plugin (deploy/compose/rabbitmq)
#
# An image is made again only when what it is made from changed (label spotjob.standin.source):
# with the engine's data kept (compose-check.sh keeps it under .local/docker), a second run costs
# seconds. Needs root (debootstrap), a Docker engine (DOCKER_HOST), network access to Debian's mirror.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${SPOTJOB_STANDIN_DIR:-$repo/.local/compose/standins}"
mirror="${SPOTJOB_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
toolchain="${SPOTJOB_SWIFT_TOOLCHAIN:-/opt/swift/usr}"
packages="${SPOTJOB_SWIFT_PACKAGES:-/opt/swift-packages}"
mkdir -p "$work"

say() { echo "base-images: $*" >&2; }
die() { echo "base-images: error: $*" >&2; exit 1; }
# The label value an existing image carries, or nothing.
label_of() { docker image inspect -f "{{ index .Config.Labels \"spotjob.standin.source\" }}" "$1" 2>/dev/null || true; }
fingerprint() { cat "$@" | sha256sum | cut -c1-16; }

# --- debian:bookworm-slim stand-in ------------------------------------------------------------------
runtime_image=spotjob-standin/debian:bookworm-slim
runtime_source="$(fingerprint "$0")-$(printf %s "$mirror" | sha256sum | cut -c1-8)"
if [[ "$(label_of "$runtime_image")" != "$runtime_source" ]]; then
  command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"
  root="$work/rootfs"
  rm -rf "$root"
  say "debootstrap --variant=minbase bookworm (log: $work/debootstrap.log)"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
  # What debian:bookworm-slim has on top of a minbase root: security and updates sources, no
  # documentation or translations installed, apt lists and caches cleared, no daemons started by
  # package scripts during image builds.
  cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SOURCES
  cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
DPKG
  # The apt settings of the official slim image: downloaded packages and caches are deleted after
  # every install (deploy/Dockerfile removes only the lists), no translations, compressed indexes.
  cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT
  echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
  echo 'Acquire::GzipIndexes "true";' >"$root/etc/apt/apt.conf.d/docker-gzip-indexes"
  echo 'APT::AutoRemove::SuggestsImportant "false";' >"$root/etc/apt/apt.conf.d/docker-autoremove-suggests"
  echo 'APT::Install-Recommends "false";' >"$root/etc/apt/apt.conf.d/docker-no-recommends"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d"
  find "$root/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete 2>/dev/null || true
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
  rm -rf "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
    "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/var/log/*.log "$root"/var/log/apt/* "$root"/tmp/*
  say "docker import → $runtime_image"
  tar -C "$root" --numeric-owner -c . |
    docker import --change "LABEL spotjob.standin.source=$runtime_source" --change 'CMD ["bash"]' \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$runtime_image" >/dev/null
  rm -rf "$root"
fi

# --- swift:6.3-bookworm stand-in ---------------------------------------------------------------------
swift_image=spotjob-standin/swift:6.3-bookworm
[[ -x $toolchain/bin/swift ]] || die "no Swift toolchain at $toolchain (SPOTJOB_SWIFT_TOOLCHAIN)"
swift_version="$("$toolchain/bin/swift" --version 2>/dev/null | head -1)"
swift_source="$(fingerprint "$0")-$(printf '%s %s %s' "$swift_version" "$(docker image inspect -f '{{.Id}}' "$runtime_image")" \
  "$(ls -d "$packages"/*/*.git 2>/dev/null)" | sha256sum | cut -c1-16)"
if [[ "$(label_of "$swift_image")" != "$swift_source" ]]; then
  say "$swift_image from $toolchain ($swift_version) and $packages"
  container=spotjob-standin-swift-$$
  # The packages the official swift:6.3-bookworm image installs for building, and libncurses6.
  docker run --name "$container" --network host -v "$toolchain:/toolchain:ro" -v "$packages:/mirror:ro" \
    "$runtime_image" bash -euc '
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -q >/dev/null
      apt-get install -y -q --no-install-recommends binutils git gnupg2 libc6-dev libcurl4-openssl-dev \
        libedit2 libgcc-12-dev libpython3-dev libsqlite3-0 libstdc++-12-dev libxml2-dev libncurses6 \
        libz3-dev pkg-config tzdata zlib1g-dev ca-certificates >/dev/null
      rm -rf /var/lib/apt/lists/*
      cp -a /toolchain/. /usr/
      cp -a /mirror /opt/swift-packages
      git config --system url./opt/swift-packages/.insteadOf https://github.com/
      swift --version' >&2 ||
    { docker rm -f "$container" >/dev/null 2>&1 || true; die "making $swift_image failed"; }
  docker commit --change "LABEL spotjob.standin.source=$swift_source" --change 'CMD ["bash"]' \
    "$container" "$swift_image" >/dev/null
  docker rm "$container" >/dev/null
fi

# --- postgres:15 and rabbitmq:3.12-management stand-ins ---------------------------------------------
build_standin() { # image folder
  local image=$1 folder=$here/$2 source
  source="$(fingerprint "$folder"/* <(docker image inspect -f '{{.Id}}' "$runtime_image"))"
  if [[ "$(label_of "$image")" != "$source" ]]; then
    say "$image from Debian's packages ($folder, log: $work/$2.log)"
    docker build --network host --build-arg "BASE_IMAGE=$runtime_image" --label "spotjob.standin.source=$source" \
      -t "$image" "$folder" >"$work/$2.log" 2>&1 || { tail -30 "$work/$2.log" >&2; die "building $image failed"; }
  fi
}
build_standin spotjob-standin/postgres:15 postgres
build_standin spotjob-standin/rabbitmq:3.10-management rabbitmq

echo "RUNTIME_IMAGE=$runtime_image"
echo "SWIFT_IMAGE=$swift_image"
echo "POSTGRES_IMAGE=spotjob-standin/postgres:15"
echo "RABBITMQ_IMAGE=spotjob-standin/rabbitmq:3.10-management"
