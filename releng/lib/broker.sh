# A throw-away Mosquitto on 127.0.0.1 as production runs it (docs/BROKER.md): TLS with a CA made
# here, an account per client, use_username_as_clientid and the shipped ACL (releng/broker/acl).
# Sourced by releng/try-broker and releng/benchmark-fleet (OUTPOST_FLEET_BROKER=1).

# make_broker DIR PORT [LINE...]: a CA (DIR/ca.pem), a certificate for 127.0.0.1 and
# DIR/mosquitto.conf, with the LINEs (further mosquitto.conf settings) at its end.
make_broker() {
  local b=$1 port=$2
  shift 2
  mkdir -p "$b"
  (
    cd "$b"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2 \
      -subj "/CN=Outpost test broker CA" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout broker.key -out broker.csr \
      -subj "/CN=127.0.0.1" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\n' > san.ext
    openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out broker.pem -days 2 \
      -extfile san.ext 2>/dev/null
  )
  # releng/broker/mosquitto.conf with this folder's files, and nothing kept across runs
  cat > "$b/mosquitto.conf" <<CONF
per_listener_settings false
listener $port 127.0.0.1
cafile $b/ca.pem
certfile $b/broker.pem
keyfile $b/broker.key
allow_anonymous false
password_file $b/passwords
use_username_as_clientid true
acl_file $OUTPOST_ROOT/releng/broker/acl
max_queued_messages 100000
persistence false
user $(id -un)
CONF
  [ "$#" = 0 ] || printf '%s\n' "$@" >> "$b/mosquitto.conf"
}

# add_broker_accounts DIR ACCOUNT...: each account gets a random password in DIR/ACCOUNT.password.
add_broker_accounts() {
  local b=$1 account
  shift
  for account in "$@"; do
    (umask 077 && head -c 18 /dev/urandom | base64 > "$b/$account.password")
    printf '%s:%s\n' "$account" "$(cat "$b/$account.password")"
  done | hash_broker_accounts "$b"
}

# add_broker_accounts_sharing DIR PASSWORD_FILE ACCOUNT...: many accounts with one password (a
# benchmark's fleet in one JVM reads one file).
add_broker_accounts_sharing() {
  local b=$1 file=$2 account
  shift 2
  (umask 077 && head -c 18 /dev/urandom | base64 > "$file")
  for account in "$@"; do printf '%s:%s\n' "$account" "$(cat "$file")"; done | hash_broker_accounts "$b"
}

# hash_broker_accounts DIR < USER:PASSWORD lines: adds them to DIR/passwords, hashed in one
# mosquitto_passwd -U pass (thousands of accounts in seconds, where -b runs once per account).
hash_broker_accounts() {
  local b=$1
  (umask 077 && cat > "$b/passwords.new")
  mosquitto_passwd -U "$b/passwords.new"
  cat "$b/passwords.new" >> "$b/passwords"
  rm -f "$b/passwords.new"
}

# start_broker DIR PORT: starts Mosquitto in the background, sets broker_pid, waits for its port.
start_broker() {
  local b=$1 port=$2
  /usr/sbin/mosquitto -c "$b/mosquitto.conf" > "$b/mosquitto.log" 2>&1 &
  broker_pid=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$broker_pid" 2>/dev/null || { cat "$b/mosquitto.log" >&2; die "Mosquitto did not start (log above)."; }
    sleep 0.1
  done
  die "Mosquitto did not open 127.0.0.1:$port within 10 s"
}
