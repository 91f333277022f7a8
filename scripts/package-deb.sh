#!/usr/bin/env bash
# Build the Debian package smtp-probe_VERSION_ARCH.deb from a release build with the Swift
# runtime linked statically, so that the package needs no Swift toolchain on the machine.
#
# Usage: scripts/package-deb.sh [OUTPUT_DIR]     (default: .build-release)
# Prints the path of the .deb on standard output; everything else goes to standard error.
# Needs: swift, dpkg-deb and dpkg-shlibdeps (dpkg-dev), gzip. What goes where, and why, is in
# docs/packaging.md.

set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
# OUTPUT_DIR as the caller meant it, before the cd; default .build-release of the repository.
OUTPUT_DIR=$(mkdir -p "${1:-$REPO_ROOT/.build-release}" && cd "${1:-$REPO_ROOT/.build-release}" && pwd -P)
cd "$REPO_ROOT"

# A scratch path of its own: the static release build must not disturb the debug build of
# `swift build`/`swift test` in .build (.gitignore ignores .build-*/).
SCRATCH=.build-release
STAGE=$SCRATCH/deb-root
log() { printf 'package-deb: %s\n' "$*" >&2; }

ARCH=$(dpkg --print-architecture)
# Reproducible dates: the last commit's, not the build's (also what generate-manual prints).
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN"

log "release build with the Swift runtime linked statically"
BUILD=(swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH")
"${BUILD[@]}" --product smtp-probe >&2
BINARY=$("${BUILD[@]}" --show-bin-path)/smtp-probe
if ldd "$BINARY" | grep -q libswiftCore; then log "error: $BINARY is not linked statically"; exit 1; fi
VERSION=$("$BINARY" --version)

# The man page, from the command's own help, by swift-argument-parser's generate-manual: one
# page with the root command and every subcommand (probe, route, cert, demo) in a section of
# its own. Its GenerateManual command plugin does the same
#   swift package --scratch-path .build-release generate-manual --date YYYY-MM-DD
# but first builds every product in release mode *without* --static-swift-stdlib, which
# `swift package` does not take: in a shared scratch path, that and the static build rebuild
# each other's modules from scratch every time. So the plugin's own tool is built here with
# the same flags (only its own module is new) and run as the plugin runs it.
log "man page (generate-manual, the tool of the GenerateManual plugin)"
"${BUILD[@]}" --product generate-manual >&2
MAN_DIR=$SCRATCH/man
rm -rf "$MAN_DIR" && mkdir -p "$MAN_DIR"
"$("${BUILD[@]}" --show-bin-path)/generate-manual" "$BINARY" --output-directory "$MAN_DIR" \
  --date "$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)" --section 1 >&2
install -D -m 0644 "$MAN_DIR/smtp-probe.1" "$STAGE/usr/share/man/man1/smtp-probe.1"
gzip -9n "$STAGE/usr/share/man/man1/smtp-probe.1"

# Stripped as dh_strip does: the Swift metadata sections stay, the symbol table goes.
install -D -m 0755 "$BINARY" "$STAGE/usr/bin/smtp-probe"
strip --remove-section=.comment --remove-section=.note --strip-unneeded "$STAGE/usr/bin/smtp-probe"

# Shell completions where Debian's bash-completion, zsh and fish look for them.
completion() { # SHELL DESTINATION
  mkdir -p "$(dirname "$STAGE/$2")"
  # Without the #! line: completion files are sourced, never run (lintian checks this).
  "$BINARY" --generate-completion-script "$1" | sed '1{/^#!/d}' > "$STAGE/$2"
  chmod 0644 "$STAGE/$2"
}
completion bash usr/share/bash-completion/completions/smtp-probe
completion zsh usr/share/zsh/vendor-completions/_smtp-probe
completion fish usr/share/fish/vendor_completions.d/smtp-probe.fish

# The examples, and the demo's fixtures where the installed binary looks for them
# (<dir of binary>/../share/smtp-probe/fixtures): the trust anchor and the two cases it serves.
SHARE=$STAGE/usr/share/smtp-probe
mkdir -p "$SHARE/examples" "$SHARE/fixtures"
install -m 0644 examples/* "$SHARE/examples/"
install -m 0644 fixtures/certs/roots.pem "$SHARE/fixtures/"
for case in good missing-intermediate; do
  install -D -m 0644 -t "$SHARE/fixtures/$case" fixtures/certs/$case/{chain,key,leaf}.pem
done

DOC=$STAGE/usr/share/doc/smtp-probe
install -D -m 0644 packaging/copyright "$DOC/copyright"
sed "s/@VERSION@/$VERSION/; s/@DATE@/$(date -u -R -d "@$SOURCE_DATE_EPOCH")/" packaging/changelog \
  | gzip -9n > "$DOC/changelog.gz"

# Depends: what dpkg-shlibdeps derives from the binary's NEEDED entries (it maps each library
# to its package and the lowest version whose symbols the binary uses), plus libunbound8,
# which is dlopen()ed (Sources/CSMTPProbeUnbound) and so is not in NEEDED: its version is the
# newest "since" version, in libunbound8's symbols file, of the ub_* functions we look up. And
# dns-root-data, a data file no tool can derive: the validating resolver of the domain checks
# (Sources/SMTPProbe/DNS) always reads the root trust anchor /usr/share/dns/root.key.
SHLIBS_DIR=$SCRATCH/deb-shlibs
rm -rf "$SHLIBS_DIR" && mkdir -p "$SHLIBS_DIR/debian"
printf 'Source: smtp-probe\n\nPackage: smtp-probe\nArchitecture: any\n' > "$SHLIBS_DIR/debian/control"
SHLIBS=$(cd "$SHLIBS_DIR" && dpkg-shlibdeps -O "-e$REPO_ROOT/$STAGE/usr/bin/smtp-probe" 2>/dev/null)
SHLIBS=${SHLIBS#shlibs:Depends=}
UNBOUND_SYMBOLS=$(grep -o '"ub_[a-z_]*"' Sources/CSMTPProbeUnbound/unbound.c | tr -d '"' | sort -u)
UNBOUND_VERSION=$(dpkg-query --control-show "libunbound8:$ARCH" symbols \
  | awk -v wanted="$UNBOUND_SYMBOLS" 'BEGIN { n = split(wanted, w, "\n"); for (i = 1; i <= n; i++) want[w[i] "@Base"] = 1 }
         ($1 in want) { print $2 }' | sort -V | tail -n 1)
[[ -n $UNBOUND_VERSION ]] || { log "error: no ub_* symbol of ours in libunbound8's symbols file"; exit 1; }
DEPENDS="$SHLIBS, libunbound8 (>= $UNBOUND_VERSION), dns-root-data"

INSTALLED_SIZE=$(du -s -k --apparent-size --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@DEPENDS@/$DEPENDS/" \
    -e "s/@INSTALLED_SIZE@/$INSTALLED_SIZE/" packaging/control > "$STAGE/DEBIAN/control"
(cd "$STAGE" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$STAGE/DEBIAN/md5sums"
chmod 0644 "$STAGE/DEBIAN/control" "$STAGE/DEBIAN/md5sums"
# Timestamps from SOURCE_DATE_EPOCH, and directories 0755 whatever the umask was.
find "$STAGE" -type d -exec chmod 0755 {} +
find "$STAGE" -exec touch --no-dereference -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$OUTPUT_DIR"
DEB="$OUTPUT_DIR/smtp-probe_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >&2
log "Depends: $DEPENDS"
echo "$DEB"
