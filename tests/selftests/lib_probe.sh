# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034 # T_* are read by the suites
# Helpers of the suites on owners, actions, transactions and events
# (ssf_owner, ssf_actions, ssf_txn, ssf_events), sourced after lib.sh.
#
#   probe:     probe WORD... (one request to ssf_probe.py, started by
#              probe_start; stopped by the cleanup)
#   traffic:   oudp FROM TXOWNER TO RXOWNER DST PORT COUNT | otcp (same) |
#              tconnect FROM DST PORT TIMEOUT_MS | udpc FROM TO|none DST PORT |
#              icmp_send FROM DST COUNT | probe_traffic REQUEST... |
#              client FROM TO OWNER udp|tcp DST PORT COUNT
#              (set T_* like lib.sh's traffic functions; OWNER is - or
#              UID:GID[:CGROUP], see ssf_probe.py)
#   cgroups:   cg_init (cgroup2 on /sys/fs/cgroup, mounted if missing) |
#              cg_make REL... (removed by the cleanup) | cg_id REL
#   events:    mon_start VAR NS (ssfctl monitor --json in NS, output file
#              in $VAR) | ev FILE EXPR (Python EXPR over the events ev)
#   genl:      genl_script NS STEP... (ssf_genl.py in NS, output in
#              $genl_out, its "wait" steps held) | genl_go (let it past
#              its wait and collect it)
#   kernel:    log_mark | logged REGEX (a kernel log line since log_mark
#              matches; lib.sh's dmesg_mark is left for dmesg_splats) |
#              log_all_netns (nf_log in every netns, restored at exit) |
#              gen NS | objects NS | slow_modprobe SECONDS (the kernel's
#              module loads wait; $slow_started appears when one begins) |
#              slow_modprobe_off | module_gone NAME... (rmmod, waiting)

SSF_PROBE_PY=$SSF_SELFTESTS/ssf_probe.py
SSF_GENL_PY=$SSF_SELFTESTS/ssf_genl.py
CGROOT=/sys/fs/cgroup
ssf_probe_pid=
ssf_cgroups=()
ssf_log_all_old=
ssf_cleanup_hooks+=(probe_cleanup)

# --- the probe helper (fds 5 and 6, like lib.sh's helper on 7 and 8) -----

probe_start() {
	local in=$ssf_tmpdir/probe.in out=$ssf_tmpdir/probe.out
	[ -z "$ssf_probe_pid" ] || return 0
	mkfifo "$in" "$out" || bail "mkfifo"
	SSFCTL=$SSFCTL "$SSF_PY" "$SSF_PROBE_PY" --serve <"$in" >"$out" \
		5>&- 6>&- 7>&- 8>&- &
	ssf_probe_pid=$!
	exec 5>"$in" 6<"$out"
}

probe_cleanup() {
	local cg i
	if [ -n "$ssf_probe_pid" ]; then
		printf 'exit\n' >&5 2>/dev/null
		exec 5>&- 6>&-
		wait "$ssf_probe_pid" 2>/dev/null
		ssf_probe_pid=
	fi
	for ((i = ${#ssf_cgroups[@]} - 1; i >= 0; i--)); do
		cg=$CGROOT/${ssf_cgroups[i]}
		[ ! -d "$cg" ] || rmdir "$cg" 2>/dev/null ||
			echo "# cannot remove cgroup $cg" >&2
	done
	[ -z "$ssf_log_all_old" ] ||
		echo "$ssf_log_all_old" >/proc/sys/net/netfilter/nf_log_all_netns
}

# probe WORD...: one request; prints the reply, fails on "ERR ...".
probe() {
	local IFS=$'\t' reply
	[ -n "$ssf_probe_pid" ] || { echo "ERR no probe"; return 1; }
	printf '%s\n' "$*" >&5 || { echo "ERR probe gone"; return 1; }
	read -r reply <&6 || { echo "ERR probe gone"; return 1; }
	echo "$reply"
	[[ "$reply" != ERR* ]]
}

# bg_quiet CMD...: lib.sh's bg, also closing the probe's fds.
bg_quiet() {
	"$@" 5>&- 6>&- 7>&- 8>&- &
	ssf_pids+=($!)
}

# --- traffic ---------------------------------------------------------------

probe_traffic() {
	local out
	T_TX='' T_TXERR='' T_RX='' T_CONN='' T_ACC='' T_REFUSED='' T_ERR=''
	T_MS='' T_UNREACH='' T_RC=''
	out=$(probe "$@") || {
		diag "$*: $out"
		return 1
	}
	eval "$out"
}

oudp() { probe_traffic udp "$@"; }
otcp() { probe_traffic tcp "$@"; }
tconnect() { probe_traffic connect "$@"; }
udpc() { probe_traffic udpc "$@"; }
icmp_send() { probe_traffic icmp "$@"; }
client() { probe_traffic client "$@"; }

# check_lt NAME MAX ACTUAL
check_lt() {
	if [[ "$3" =~ ^[0-9]+$ ]] && [ "$3" -lt "$2" ]; then
		ok "$1"
	else
		fail "$1" "expected < $2, got '$3'"
	fi
}

# --- cgroups ---------------------------------------------------------------

cg_init() {
	if [ "$(stat -f -c %T "$CGROOT" 2>/dev/null)" != cgroup2fs ]; then
		mount -t cgroup2 none "$CGROOT" ||
			skip_all "no cgroup v2 at $CGROOT and cannot mount one"
	fi
}

# cg_make REL...: mkdir $CGROOT/REL (parents first); rmdir'd at exit.
cg_make() {
	local d
	for d in "$@"; do
		mkdir "$CGROOT/$d" || bail "mkdir $CGROOT/$d"
		ssf_cgroups+=("$d")
	done
}

# cg_id REL: the cgroup v2 id (inode number of its directory).
cg_id() {
	stat -c %i "$CGROOT/$1"
}

# --- events ----------------------------------------------------------------

# mon_start VAR NS: `ssfctl monitor --json` in NS, its output in file $VAR.
mon_start() {
	local file
	file=$ssf_tmpdir/mon-$1-$(ssf_rand)
	: >"$file"
	printf -v "$1" %s "$file"
	bg_quiet ip netns exec "$2" "$SSFCTL" monitor --json >"$file" \
		2>"$file.err"
}

# ev FILE EXPR: Python EXPR over the list ev of the events in FILE.
ev() {
	probe events "$1" "$2"
}

# --- kernel state --------------------------------------------------------

ssf_log_lines=0

log_mark() {
	ssf_log_lines=$(dmesg | wc -l)
}

# logged REGEX: printk is synchronous, but the ring buffer is read by
# another process: callers busywait on this.
logged() {
	dmesg | tail -n +$((ssf_log_lines + 1)) | grep -qE -- "$1"
}

# log_all_netns: nf_log_syslog logs for every netns, not only the init one.
log_all_netns() {
	local f=/proc/sys/net/netfilter/nf_log_all_netns
	[ -e $f ] || modprobe nf_log_syslog || bail "modprobe nf_log_syslog"
	[ -n "$ssf_log_all_old" ] || ssf_log_all_old=$(cat $f)
	echo 1 >$f || bail "cannot write $f"
}

gen() {
	sj "$1" status 'j["generation"]'
}

objects() {
	sj "$1" status 'j["objects"]'
}

# --- scripted genetlink (ssf_genl.py) -------------------------------------

# genl_script NS STEP...: ssf_genl.py in NS, output in $genl_out, stdin a
# fifo held on fd 4 until genl_go.
genl_script() {
	local ns=$1 go=$ssf_tmpdir/genl.go
	shift
	genl_out=$ssf_tmpdir/genl.out
	rm -f "$go"
	mkfifo "$go"
	ip netns exec "$ns" "$SSF_PY" "$SSF_GENL_PY" "$@" <"$go" \
		>"$genl_out" 2>&1 4>&- 5>&- 6>&- 7>&- 8>&- &
	genl_pid=$!
	ssf_pids+=("$genl_pid")
	exec 4>"$go"
}

# genl_go: let the script past its "wait" step and collect it.
genl_go() {
	echo go >&4
	exec 4>&-
	wait "$genl_pid"
}

# --- module loading ---------------------------------------------------------

# slow_modprobe SECONDS: from now on the kernel's usermode modprobe waits
# SECONDS before loading anything, and touches $slow_started when it
# begins; the original helper comes back with slow_modprobe_off or at exit.
slow_modprobe() {
	local path=/proc/sys/kernel/modprobe wrap=$ssf_tmpdir/slow-modprobe
	slow_started=$ssf_tmpdir/slow-modprobe.started
	[ -n "${ssf_modprobe_old:-}" ] || ssf_modprobe_old=$(cat $path)
	rm -f "$slow_started"
	printf '#!/bin/sh\ntouch %s\nsleep %s\nexec %s "$@"\n' \
		"$slow_started" "$1" "$ssf_modprobe_old" >"$wrap"
	chmod +x "$wrap"
	echo "$wrap" >$path || bail "cannot set $path"
	ssf_cleanup_hooks+=(slow_modprobe_off)
}

slow_modprobe_off() {
	[ -z "${ssf_modprobe_old:-}" ] ||
		echo "$ssf_modprobe_old" >/proc/sys/kernel/modprobe
}

# module_gone NAME...: unload the modules (waiting for whatever policy
# still holds them to be freed); fails if one stays.
module_gone() {
	local m
	for m in "$@"; do
		[ -d /sys/module/"$m" ] || continue
		busywait 15000 rmmod "$m" || return 1
	done
}
