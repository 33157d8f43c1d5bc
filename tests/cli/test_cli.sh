#!/bin/sh
# rqflow's command line: every parameter is an option, the equivalent forms (--key value, --key=value,
# dashes or underscores, --query, --json) give the same run, and bad input exits with code 2 and a
# message naming the culprit. Usage: test_cli.sh RQFLOW WORKDIR
set -u
RQ=${1:?rqflow}; W=${2:?workdir}
mkdir -p "$W"
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# expect CODE PATTERN ARGS...: exit code CODE and PATTERN (grep -E) in stderr+stdout.
expect() {
  code=$1; pat=$2; shift 2
  "$RQ" "$@" >"$W/out" 2>"$W/err"; rc=$?
  [ "$rc" = "$code" ] || bad "rqflow $* exited $rc, expected $code ($(head -c 300 "$W/err"))"
  cat "$W/out" "$W/err" | grep -Eq -- "$pat" || bad "rqflow $*: no '$pat' in: $(head -c 300 "$W/err")"
}
# field NAME FILE: the string value of "NAME" in a run record.
field() { sed -n "s/^ *\"$1\": *\"\\([^\"]*\\)\".*/\\1/p" "$2" | head -n 1; }

# Help lists an option for every key of the canonical query (the record's "query": all parameters).
"$RQ" --query 'model=poly&degree=1&data=population&range=2&t_end=5' --quiet --out "$W/q.json" || bad "query run"
"$RQ" --help >"$W/help" || bad "--help exit code"
for kv in $(field query "$W/q.json" | tr '&' ' '); do
  k=${kv%%=*}; dk=$(echo "$k" | tr _ -)
  grep -q -- "--$dk" "$W/help" || bad "--help lacks --$dk"
  "$RQ" --help "$k" >"$W/hk" || bad "--help $k exit code"
  grep -q "default" "$W/hk" || bad "--help $k has no default"
done
expect 0 'model family' -h model
expect 0 'checkpoint every' --help --every
expect 2 'nosuch' --help nosuch

# The same run written five ways: one run hash.
h0=$(field run_hash "$W/q.json")
[ -n "$h0" ] || bad "no run_hash in the record"
"$RQ" --model poly --degree 1 --data population --range 2 --t-end 5 --quiet --out "$W/a.json" || bad "flags run"
"$RQ" --model=poly --degree=1 --data=population --range=2 --t_end=5 --quiet --out "$W/b.json" || bad "= run"
"$RQ" --json "$W/q.json" --quiet --out "$W/c.json" || bad "--json run"
"$RQ" --query 'model=poly&degree=3' --degree 1 --data population --t-end 9 --t-end 5 --range 2 --quiet --out "$W/d.json" \
  || bad "flags over query, repeated flag"
for f in a b c d; do
  [ "$(field run_hash "$W/$f.json")" = "$h0" ] || bad "run $f: hash $(field run_hash "$W/$f.json") != $h0"
done
# A different value is a different run (the flags are not ignored).
"$RQ" --model poly --degree 2 --data population --range 2 --t-end 5 --quiet --out "$W/e.json" || bad "degree 2 run"
[ "$(field run_hash "$W/e.json")" != "$h0" ] || bad "--degree 2 gave the degree-1 hash"
# --steps/--every set t_end and the checkpoints; --csv writes one row per checkpoint plus a header.
"$RQ" --model poly --degree 1 --data population --eta 0.1 --steps 20 --every 5 --quiet --csv "$W/s.csv" || bad "steps run"
[ "$(wc -l <"$W/s.csv")" = 6 ] || bad "--steps 20 --every 5: $(wc -l <"$W/s.csv") CSV lines, expected 1 + 5"

# Bad input: exit code 2, a message that names the problem.
expect 2 'n=.*-1.*out of range' --n -1
expect 2 'sigma=.*foo.*tanh' --sigma foo
expect 2 'not an integer' --width 3.5
expect 2 'not a finite number' --eta nan
expect 2 'foo' --foo 3
expect 2 'stray' stray
expect 2 '--n' --n
expect 2 'W1, W2 or W3' --workload W4
expect 2 'not a workload option' --workload W1 --model poly
expect 2 'cannot be combined' --workload W1 --query 'n=3'
expect 2 'only for --workload' --traj "$W/t.json"
expect 2 'every needs --steps' --every 3
expect 2 'positive integer' --steps 0
expect 2 'multiple of --every' --method euler --steps 10 --every 3
expect 2 'spectrum' --spectrum some
expect 2 'query' --query 'n=1&n'
expect 2 'data=bench needs' --model poly
echo '{"n": -1}' >"$W/bad.json"
expect 2 'bad.json: n=' --json "$W/bad.json"
echo '{"n": ' >"$W/broken.json"
expect 2 'broken.json: JSON' --json "$W/broken.json"
expect 1 'cannot read' --json "$W/does-not-exist.json"

[ "$fail" = 0 ] && echo "cli: all checks passed"
exit $fail
