# Shared set-up for releng/run and releng/test: checks Java and installs Debian packages on demand.
# Sourced, not executed.

die() {
  echo "$*" >&2
  exit 1
}

ensure_java17() {
  command -v java >/dev/null 2>&1 || die "Java 17 or newer is needed: install it (Debian: apt-get install openjdk-17-jdk)."
  local version
  version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${version%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is needed, found '$version'."
}

# Installs the named Debian packages that are missing, as root or through sudo.
ensure_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "Missing Debian packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}"
    sudo="sudo"
  fi
  echo "Installing Debian packages: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

have_display() {
  [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]
}

# The product archive of a product module, or nothing when it has not been built.
product_archive() {
  ls "$OUTPOST_ROOT"/products/outpost."$1".product/target/products/outpost-"$1"-*-linux.gtk.x86_64.tar.gz 2>/dev/null | head -n 1
}

# Unpacks a product archive into a folder, again only when the archive is newer than the last unpack.
unpack_product() {
  local archive=$1 into=$2
  if [ ! -f "$into/.unpacked" ] || [ "$archive" -nt "$into/.unpacked" ]; then
    rm -rf "$into"
    mkdir -p "$into"
    tar --warning=no-unknown-keyword -xzf "$archive" -C "$into" --strip-components=1
    touch "$into/.unpacked"
  fi
}
