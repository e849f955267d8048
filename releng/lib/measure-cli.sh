# outpost-cli as a whole process, for releng/measure-startup cli: one agent (this tree's product),
# `cpu` asked RUNS times by this tree's outpost-cli (and an older build's, alternating, when given),
# each run's wall time, CPU time and peak RSS from GNU time; then the floors of native clients.
# Expects setup.sh loaded (die, product_archive, unpack_product).
measure_cli() {
  local work=$1 port=$2 runs=$3 old_archive=$4 agent run label cli
  [ -x /usr/bin/time ] || ensure_packages time
  unpack_product "$(product_archive agent)" "$work/agent"
  local -a clis=("new:$work/agent/outpost-cli")
  if [ -n "$old_archive" ]; then
    unpack_product "$old_archive" "$work/old"
    clis=("old:$work/old/outpost-cli" "${clis[@]}")
  fi
  "$work/agent/outpost-agent" --port "$port" --data "$work/cli-agent" > "$work/cli-agent.log" 2>&1 &
  agent=$!
  until grep -q "listening on" "$work/cli-agent.log"; do
    kill -0 "$agent" 2>/dev/null || { cat "$work/cli-agent.log" >&2; die "the agent did not start"; }
    sleep 0.1
  done
  echo "outpost-cli --port $port ... cpu, one agent (wall s, CPU user+system s, peak RSS KiB); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for run in $(seq 1 "$runs"); do
    for cli in "${clis[@]}"; do
      label=${cli%%:*}
      XDG_CACHE_HOME="$work/cache-$label" OUTPOST_CLI_CONFIGURATION="$work/cli-configuration-$label" \
        /usr/bin/time -f "  run $run $label: wall %e, CPU %U+%S, RSS %M" "${cli#*:}" --port "$port" \
        --token-file "$work/cli-agent/token" --known-agents "$work/known_agents-$label" --trust-new cpu \
        > "$work/cli.out" 2> "$work/cli.err" || { cat "$work/cli.out" "$work/cli.err" >&2; die "outpost-cli failed"; }
      tail -n 1 "$work/cli.err"
    done
  done
  kill "$agent"; wait "$agent" 2>/dev/null || true
  measure_native_floors "$work" "$runs"
}

# Native clients asking a local server one thing over a new connection: curl over TLS 1.3 (an HTTP
# GET from `openssl s_server -www`, P-256 key as the agent's) and curl over plain TCP (zabbix_agentd's
# passive check, `system.cpu.load`), each a process as outpost-cli is.
measure_native_floors() {
  local work=$1 runs=$2 server port run zabbix
  port=$((${OUTPOST_PORT:-5977} + 1))
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=floor -days 1 \
    -keyout "$work/floor.key" -out "$work/floor.crt" 2> /dev/null
  openssl s_server -quiet -www -tls1_3 -accept "127.0.0.1:$port" -key "$work/floor.key" -cert "$work/floor.crt" \
    > /dev/null 2>&1 &
  server=$!
  until curl -sk -o /dev/null "https://127.0.0.1:$port/" 2>/dev/null; do sleep 0.1; done
  echo "floor: curl -k https://127.0.0.1:$port/ (openssl s_server, TLS 1.3)"
  for run in $(seq 1 "$runs"); do
    /usr/bin/time -f "  run $run: wall %e, CPU %U+%S, RSS %M" curl -sk -o /dev/null "https://127.0.0.1:$port/"
  done
  kill "$server"; wait "$server" 2>/dev/null || true
  zabbix=$(command -v zabbix_agentd || true)
  [ -n "$zabbix" ] || { echo "floor: zabbix_agentd not installed (apt-get install zabbix-agent): skipped"; return 0; }
  port=$((port + 1))
  printf 'ListenIP=127.0.0.1\nListenPort=%s\nServer=127.0.0.1\nStartAgents=3\nAllowRoot=1\nLogType=console\nPidFile=%s\n' \
    "$port" "$work/zabbix.pid" > "$work/zabbix.conf"
  "$zabbix" -f -c "$work/zabbix.conf" > "$work/zabbix.log" 2>&1 &
  server=$!
  # Zabbix 6 wants its header: ZBXD, flags 1, the key's length as 8 bytes little-endian, the key
  until [ "$(printf 'ZBXD\001\012\000\000\000\000\000\000\000agent.ping' | curl -s --max-time 2 "telnet://127.0.0.1:$port" 2>/dev/null | wc -c)" -gt 0 ]; do
    kill -0 "$server" 2>/dev/null || { cat "$work/zabbix.log" >&2; return 0; }
    sleep 0.1
  done
  echo "floor: curl telnet://127.0.0.1:$port (zabbix_agentd passive check system.cpu.load, plain TCP)"
  for run in $(seq 1 "$runs"); do
    printf 'ZBXD\001\017\000\000\000\000\000\000\000system.cpu.load' | /usr/bin/time -f "  run $run: wall %e, CPU %U+%S, RSS %M" \
      curl -s -o /dev/null "telnet://127.0.0.1:$port"
  done
  kill "$server"; wait "$server" 2>/dev/null || true
}
