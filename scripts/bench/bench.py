#!/usr/bin/python3
"""Benchmark driver: W1-W3 of ../shared/bench with our builds and the peers, side by side.

Started by scripts/bench.sh (which installs the peers and builds everything first):

  /usr/bin/python3 scripts/bench/bench.py [--runs 3] [--only SUBSTR] [--workloads W1,W2,W3]
        [--skip-scaling] [--idle-limit 120] [--torch] [--results build/bench/results]

For every configuration it first checks the results against the references (trajectories through
../shared/bench/compare.py for W1/W2, the reference values of ../shared/bench/README.md §3 for W3,
and byte-identical trajectories between 1 and 2 threads) and only then reports times: median wall
time of RUNS runs under /usr/bin/time -v, each started when the machine is idle (other processes
< 5 % of a CPU over 1 s, and a fixed loop runs at even speed on every CPU: see PROBE; waiting at most
--idle-limit s; runs that could not start so, during which other processes used > 10 % of the wall
time in CPU, or after which the cores were uneven, are flagged "busy" and repeated up to 2 extra
times). Output: a Markdown table on stdout and RESULTS/{runs.jsonl,summary.json,table.md}.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get('RQ_SHARED_BENCH', os.path.join(os.path.dirname(ROOT), 'shared', 'bench'))
BUILD = os.path.join(ROOT, 'build', 'bench')
PY = '/usr/bin/python3'
NODE = ['node', '--no-experimental-fetch']
TCK = os.sysconf('SC_CLK_TCK')
UNSET_CT = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']

sys.dont_write_bytecode = True
sys.path.insert(0, SHARED)
import flops  # noqa: E402  (../shared/bench/flops.py: FLOP accounting)

# Reference values (../shared/bench/README.md §3, NumPy/OpenBLAS float64).
REF = {
    'W1': {'final_loss': 0.002622614944043101, 'min_R': 4.8247330097394756e-4, 'eig_max_last': 0.10803616494787095},
    'W2': {'final_loss': 0.0021867882673716733, 'min_R': 5.13211537739381e-4, 'eig_max_last': 0.13603642315957112},
    'W3': {'loss0': 0.1266440989558175, 'eig_max': 0.11796609435584234, 'eig_P_th_largest': 5.378941885793374e-9,
           'trace': 0.8798431770130728},
}


def cfgs(args):
    """name, kind (ours-native | ours-wasm | peer-native | peer-wasm), threads, argv(W, traj), env changes."""
    out = []
    b = BUILD

    def add(name, kind, threads, argv, unset=(), setenv=None, workloads=('W1', 'W2', 'W3'), note=''):
        out.append(dict(name=name, kind=kind, threads=threads, argv=argv, unset=list(unset),
                        setenv=setenv or {}, workloads=list(workloads), note=note))

    def rqflow(d, t):
        return lambda w, traj: [os.path.join(b, d, 'rqflow'), '--workload', w, '--threads', str(t)] + \
            (['--traj', traj] if traj and w != 'W3' else [])

    def rqbench_js(d, t):
        # --no-liftoff: V8 has no on-stack replacement for wasm; see ../shared/bench/README.md §10.
        return lambda w, traj: NODE + ['--no-liftoff', os.path.join(b, d, 'rqbench.js'), '--workload', w,
                                       '--threads', str(t)] + (['--traj', traj] if traj and w != 'W3' else [])

    # The native builds pick the kernels' ISA path at start-up (docs/isa-dispatch.md); RQ_ISA forces one.
    add('ours-native-fast-2t', 'ours-native', 2, rqflow('native-fast', 2), note='rqflow, -march=native + dispatch, 2 threads')
    add('ours-native-fast-1t', 'ours-native', 1, rqflow('native-fast', 1), note='rqflow, -march=native + dispatch, 1 thread')
    add('ours-native-2t', 'ours-native', 2, rqflow('native', 2), note='rqflow, default build (dispatch: widest ISA path), 2 threads')
    add('ours-native-1t', 'ours-native', 1, rqflow('native', 1), note='rqflow, default build, 1 thread')
    add('ours-native-2t-sse2', 'ours-native', 2, rqflow('native', 2), setenv={'RQ_ISA': 'sse2'},
        note='rqflow, default build forced to the portable path (RQ_ISA=sse2: the old portable build), 2 threads')
    add('ours-native-1t-sse2', 'ours-native', 1, rqflow('native', 1), setenv={'RQ_ISA': 'sse2'},
        note='rqflow, default build, RQ_ISA=sse2, 1 thread')
    add('ours-native-fast-2t-sse2', 'ours-native', 2, rqflow('native-fast', 2), setenv={'RQ_ISA': 'sse2'},
        note='rqflow, -march=native build with the portable kernels (RQ_ISA=sse2), 2 threads')
    add('ours-web-mt-2t', 'ours-wasm', 2, rqbench_js('web-mt', 2), note='wasm SIMD128 + pthreads, 2 threads, node')
    add('ours-web-mt-1t', 'ours-wasm', 1, rqbench_js('web-mt', 1), note='wasm SIMD128 + pthreads build, 1 thread')
    add('ours-web-st', 'ours-wasm', 1, rqbench_js('web-st', 1), note='wasm SIMD128, single-threaded build')
    add('ours-web-nosimd', 'ours-wasm', 1, rqbench_js('web-nosimd', 1), note='wasm without SIMD (comparison only)')
    npy = lambda w, traj: [PY, os.path.join(SHARED, 'w_numpy.py'), w] + (['--traj', traj] if traj and w != 'W3' else [])
    add('np-ob-cpx-2t', 'peer-native', 2, npy, unset=UNSET_CT,
        note='NumPy + OpenBLAS, OPENBLAS_CORETYPE/L2_SIZE unset (the CPU\'s own kernels), 2 threads')
    add('np-ob-cpx-1t', 'peer-native', 1, npy, unset=UNSET_CT, setenv={'OPENBLAS_NUM_THREADS': '1'},
        note='NumPy + OpenBLAS, CORETYPE/L2_SIZE unset, 1 thread (best NumPy = the faster of 1t and 2t)')
    add('np-ob-env-2t', 'peer-native', 2, npy, note='NumPy + OpenBLAS with the machine environment as set, 2 threads')
    if args.torch:
        tor = lambda w, traj: [PY, os.path.join(SHARED, 'w_torch.py'), w, '--mode', 'analytic', '--threads', '1'] + \
            (['--traj', traj] if traj and w != 'W3' else [])
        add('torch-an-1t-cpx', 'peer-native', 1, tor, unset=UNSET_CT, note='PyTorch analytic, 1 thread, CORETYPE unset')
    tfjs_dir = os.path.join(b, 'tfjs')
    tfj = lambda extra: (lambda w, traj: ['node', os.path.join(tfjs_dir, 'w_tfjs.mjs'), w] + extra +
                         (['--traj', traj] if traj and w != 'W3' else []))
    add('tfjs-wasm-simd', 'peer-wasm', 1, tfj([]), note='TF.js 4.22 wasm backend, SIMD, float32 (+ JS float64 eigensolver)')
    add('tfjs-wasm-simd-sig', 'peer-wasm', 1, tfj(['--tanh-via-sigmoid']), workloads=('W1', 'W2'),
        note='as above, tanh(z) = 2 sigmoid(2z) - 1 (its fastest W1 variant)')
    return out


# ---------------------------------------------------------------- machine state

def cpu_jiffies():
    with open('/proc/stat') as fh:
        f = [int(x) for x in fh.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = f[:8]
    return user + nice + system + irq + softirq, steal


def cpuinfo_model():
    """'model name, family F model M' of the first CPU in /proc/cpuinfo."""
    info = {}
    for line in open('/proc/cpuinfo'):
        if not line.strip():
            break
        k, _, v = line.partition(':')
        info[k.strip()] = v.strip()
    return '%s, family %s model %s' % (info.get('model name', '?'), info.get('cpu family', '?'), info.get('model', '?'))


def loadavg():
    return float(open('/proc/loadavg').read().split()[0])


# The same fixed scalar loop pinned to each CPU in turn (a child process, so our own affinity stays).
# On this virtual machine one vCPU is at times 1.5-1.8x slower than the other (contention on the host,
# invisible to /proc/stat: steal stays 0); a 2-thread run is then bounded by 1 + slow/fast over one
# thread, whatever the code does. Runs are started only when the cores are even (docs/performance.md, "How to measure").
PROBE = ('import os, time\n'
         'r = []\n'
         'for c in sorted(os.sched_getaffinity(0)):\n'
         '    os.sched_setaffinity(0, {c}); t = time.perf_counter(); s = 0\n'
         '    for i in range(2000000): s += i * i\n'
         '    r.append(time.perf_counter() - t)\n'
         'print(" ".join("%.4f" % x for x in r))\n')
EVEN = 1.15  # slowest / fastest core above this: "uneven"


def core_times():
    """Seconds of the probe loop on each CPU (lower is faster)."""
    p = subprocess.run([PY, '-c', PROBE], capture_output=True, text=True)
    try:
        return [float(x) for x in p.stdout.split()]
    except ValueError:
        return []


def uneven(times):
    return len(times) > 1 and max(times) > EVEN * min(times)


def wait_idle(limit):
    """Wait until other processes use < 5 % of a CPU over 1 s and the cores run the probe at even
    speed. Returns (busy CPU-s/s, waited s, the probe's per-CPU seconds)."""
    t0 = time.time()
    while True:
        b0, _ = cpu_jiffies()
        time.sleep(1.0)
        b1, _ = cpu_jiffies()
        busy = (b1 - b0) / TCK
        cores = core_times() if busy < 0.05 else []
        if (busy < 0.05 and not uneven(cores)) or time.time() - t0 > limit:
            return busy, time.time() - t0, cores


def parse_time_v(path):
    txt = open(path).read()

    def grab(label):
        m = re.search(re.escape(label) + r':\s*(.+)', txt)
        return m.group(1).strip() if m else None
    parts = [float(p) for p in grab('Elapsed (wall clock) time (h:mm:ss or m:ss)').split(':')]
    wall = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) == 3 else 0)
    return {'wall_s': wall, 'user_s': float(grab('User time (seconds)')), 'sys_s': float(grab('System time (seconds)')),
            'maxrss_mb': int(grab('Maximum resident set size (kbytes)')) / 1024.0, 'exit': int(grab('Exit status'))}


def last_json(stdout):
    """The peers print one (pretty) JSON object; rqbench prints one per line: take the last."""
    s = stdout.strip()
    try:
        return json.loads(s)
    except json.JSONDecodeError:
        pass
    for line in reversed(s.splitlines()):
        try:
            return json.loads(line)
        except json.JSONDecodeError:
            continue
    return {'stdout_tail': s[-2000:]}


def run_once(c, w, traj, idle_limit, res_dir):
    env = dict(os.environ)
    for k in c['unset']:
        env.pop(k, None)
    env.update(c['setenv'])
    busy_before, waited, cores_before = wait_idle(idle_limit)
    load = loadavg()
    tf = os.path.join(res_dir, '.time.txt')
    b0, s0 = cpu_jiffies()
    p = subprocess.run(['/usr/bin/time', '-v', '-o', tf] + c['argv'](w, traj), cwd=ROOT, env=env,
                       capture_output=True, text=True)
    b1, s1 = cpu_jiffies()
    cores_after = core_times()
    tv = parse_time_v(tf)
    own = tv['user_s'] + tv['sys_s']
    foreign = max(0.0, (b1 - b0) / TCK - own)
    out = last_json(p.stdout)
    if p.returncode != 0:
        out['stderr_tail'] = p.stderr[-2000:]
    return dict(tv, foreign_cpu_s=round(foreign, 3), steal_s=round((s1 - s0) / TCK, 3), idle_wait_s=round(waited, 1),
                busy_before=round(busy_before, 3), loadavg_before=load, cores_s_before=cores_before,
                cores_s_after=cores_after, uneven=uneven(cores_before) or uneven(cores_after),
                clean=busy_before < 0.05 and foreign <= 0.10 * tv['wall_s'] and tv['exit'] == 0
                and not uneven(cores_before) and not uneven(cores_after), output=out)


# ---------------------------------------------------------------- correctness

def compare_traj(ref, other):
    """Max relative differences per quantity (like ../shared/bench/compare.py) as a dict."""
    a = json.load(open(ref))['checkpoints']
    b = json.load(open(other))['checkpoints']
    if [c['step'] for c in a] != [c['step'] for c in b]:
        return None
    out = {}
    for q in ('loss', 'R', 'eig_max', 'eig_min', 'eig_N'):
        if q in a[0] and q in b[0]:
            out[q + '_rel'] = max(abs(y[q] - x[q]) / abs(x[q]) for x, y in zip(a, b))
            out[q + '_abs_over_eigmax'] = max(abs(y[q] - x[q]) / x['eig_max'] for x, y in zip(a, b))
    return out


def check(c, w, r, traj):
    """Returns (ok, detail). float64 configs: loss/R/eig_max within 1e-12 relative of the reference
    (trajectory at all 101 checkpoints) and the small eigenvalues within 1e-13 * eig_max; float32 TF.js: 1e-5."""
    o = r['output']
    if r['exit'] != 0:
        return False, 'exit %d: %s' % (r['exit'], o.get('stderr_tail', '')[-300:])
    f32 = c['kind'] == 'peer-wasm'
    tol = 1e-5 if f32 else 1e-12
    det = {}
    if w == 'W3':
        for k, v in REF['W3'].items():
            key = k
            if k not in o:
                return False, 'missing %s' % k
            rel = abs(o[key] - v) / abs(v)
            det[k + '_rel'] = rel
            lim = (0.06 if f32 else 1e-6) if k == 'eig_P_th_largest' else tol
            if rel > lim:
                return False, '%s = %r vs %r (rel %.2e > %.0e)' % (k, o[key], v, rel, lim)
        return True, det
    for k, v in REF[w].items():
        if k not in o:
            return False, 'missing %s' % k
        rel = abs(o[k] - v) / abs(v)
        det[k + '_rel'] = rel
        if rel > tol:
            return False, '%s = %r vs %r (rel %.2e > %.0e)' % (k, o[k], v, rel, tol)
    if traj:
        d = compare_traj(os.path.join(SHARED, 'ref', '%s_numpy.json' % w), traj)
        if d is None:
            return False, 'trajectory checkpoints differ'
        det.update(d)
        for q in ('loss', 'R', 'eig_max'):
            if d[q + '_rel'] > tol:
                return False, 'trajectory %s rel diff %.2e > %.0e' % (q, d[q + '_rel'], tol)
        if not f32:
            for q in ('eig_min', 'eig_N'):
                if q + '_abs_over_eigmax' in d and d[q + '_abs_over_eigmax'] > 1e-13:
                    return False, 'trajectory %s abs diff %.2e x eig_max' % (q, d[q + '_abs_over_eigmax'])
    return True, det


# ---------------------------------------------------------------- main

def fmt_s(x):
    return '%.3f' % x if x < 10 else '%.2f' % x


def scaling(args, res_dir):
    """One checkpoint (J + Gram/kernel + full spectrum + R) as N and P double, native-fast (2 threads) and
    web-mt (2 threads, smaller sizes): where the P×P path beats the N×N path, and the extreme-eigenvalue
    paths (Lanczos λmax by Spectra, matrix-free; core extreme_spectrum: λmax + λmin + smallest nonzero by
    shift-invert Lanczos on one Cholesky factor) against both."""
    runs = [('native-fast 2 threads', [os.path.join(BUILD, 'native-fast', 'rqbench'), '--scaling', '--threads', '2',
                                       '--reps', '3', '--ns', '256,512,1024,2048,4096', '--widths', '16,32,64,128,256',
                                       '--full-max', '2304']),
            ('web-mt 2 threads', NODE + ['--no-liftoff', os.path.join(BUILD, 'web-mt', 'rqbench.js'), '--scaling',
                                          '--threads', '2', '--reps', '3', '--ns', '128,256,512,1024',
                                          '--widths', '16,32,64', '--full-max', '1024'])]
    out = ['## Scaling: one checkpoint (J + R + Gram/kernel + eigenvalues), seconds (median of 3)', '',
           'P = 9m (d = 8). "via G" diagonalizes the P×P Gram JᵀJ/N, "via K" the N×N kernel JJᵀ/N (same nonzero '
           'spectrum); "Lanczos" = largest eigenvalue only (Spectra, matrix-free JᵀJv products); "extreme" = '
           'λmax, λmin and the smallest nonzero eigenvalue without the full spectrum (core extreme_spectrum: '
           'Lanczos + shift-invert Lanczos on one Cholesky factor of the smaller side). Faster full path '
           'marked *, extreme marked ! where it beats the faster full path. λmin>0 columns: smallest '
           'nonzero eigenvalue from the full solver (G / K) and from extreme_spectrum.', '']
    for label, argv in runs:
        if not os.path.exists(argv[0] if argv[0] != 'node' else argv[3]):
            out.append('%s: not built' % label)
            continue
        busy, waited, _ = wait_idle(args.idle_limit)
        load = loadavg()
        p = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
        rows = []
        for line in p.stdout.splitlines():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                pass
        with open(os.path.join(res_dir, 'scaling_%s.jsonl' % label.split()[0]), 'w') as fh:
            fh.write(p.stdout)
        out.append('### %s (loadavg %.2f at start%s)' % (label, load, '' if busy < 0.05 else ', machine busy'))
        out.append('')
        out.append('| N | m | P | J+R | Gram | eig(G) | **via G** | kernel | eig(K) | **via K** | Lanczos λmax | '
                   '**extreme** | λmax G / K / Lanczos | λmin>0 G / K / extreme |')
        out.append('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')

        def f(x):
            return '-' if x is None else ('%.2e' % x)
        for r in rows:
            g, k = r.get('ckpt_G_s'), r.get('ckpt_K_s')
            mark_g = '*' if g is not None and (k is None or g < k) else ''
            mark_k = '*' if k is not None and (g is None or k < g) else ''
            ex = r.get('ckpt_extreme_s')
            best_full = min([x for x in (g, k) if x is not None], default=None)
            mark_e = '!' if ex is not None and (best_full is None or ex < best_full) else ''

            def g6(key):
                return '%.6g' % r[key] if r.get(key) is not None else '-'
            out.append('| %d | %d | %d | %s | %s | %s | %s%s | %s | %s | %s%s | %s | %s%s | %s / %s / %s | %s / %s / %s |' % (
                r['N'], r['m'], r['P'], f(r['jac_s'] + r['R_s']), f(r.get('gram_s')), f(r.get('eigG_s')), f(g), mark_g,
                f(r.get('kernel_s')), f(r.get('eigK_s')), f(k), mark_k, f(r.get('ckpt_lanczos_s')), f(ex), mark_e,
                g6('lmax_G'), g6('lmax_K'), g6('lmax_lanczos'), g6('lmin_G'), g6('lmin_K'), g6('lmin_extreme')))
        if p.returncode != 0:
            out.append('(exit %d: %s)' % (p.returncode, p.stderr[-300:]))
        out.append('')
    text = '\n'.join(out)
    open(os.path.join(res_dir, 'scaling.md'), 'w').write(text + '\n')
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--only', default='', help='comma-separated substrings of configuration names')
    ap.add_argument('--workloads', default='W1,W2,W3')
    ap.add_argument('--idle-limit', type=float, default=120.0)
    ap.add_argument('--torch', action='store_true')
    ap.add_argument('--skip-scaling', action='store_true')
    ap.add_argument('--results', default=os.path.join(BUILD, 'results'))
    args = ap.parse_args()
    res_dir = os.path.abspath(args.results)
    traj_dir = os.path.join(res_dir, 'traj')
    os.makedirs(traj_dir, exist_ok=True)
    # No "% of peak" column: the only peaks on file (../shared/bench/ref/peak.json) are another machine's
    # (Zen 5, AVX-512). GFLOP/s (minimal FLOP count, ../shared/bench/flops.py) is reported instead.
    wls = args.workloads.split(',')
    only = [s for s in args.only.split(',') if s]
    todo = [c for c in cfgs(args) if not only or any(s in c['name'] for s in only)]
    started = time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())
    print('CPU: %s' % cpuinfo_model(), flush=True)
    print('bench started %s, loadavg %s, probe s per CPU %s' % (
        started, open('/proc/loadavg').read().strip(), ' / '.join('%.3f' % x for x in core_times())), flush=True)
    summary, failures = {}, []
    log = open(os.path.join(res_dir, 'runs.jsonl'), 'a')
    for w in wls:
        for c in todo:
            if w not in c['workloads']:
                continue
            runs, tries = [], 0
            ok, detail = None, None
            while len(runs) < args.runs and tries < args.runs + 2:
                tries += 1
                traj = os.path.join(traj_dir, '%s_%s_run%d.json' % (w, c['name'], tries))
                r = run_once(c, w, traj, args.idle_limit, res_dir)
                r_ok, r_det = check(c, w, r, traj if w != 'W3' else None)
                log.write(json.dumps(dict(cfg=c['name'], workload=w, ok=r_ok, check=r_det, **r), default=float) + '\n')
                log.flush()
                if not r_ok:
                    ok, detail = False, r_det
                    break
                ok, detail = True, r_det
                left = args.runs + 2 - tries
                if r['clean'] or left < args.runs - len(runs):
                    runs.append(r)
                print('  %-24s %s run %d [%s]: %s s%s (load %.2f, cores %s)' % (
                      c['name'], w, tries, r['output'].get('isa') or r['output'].get('simd') or '-', fmt_s(r['wall_s']),
                      '' if r['clean'] else (' uneven cores' if r['uneven'] and r['busy_before'] < 0.05
                                             and r['foreign_cpu_s'] <= 0.10 * r['wall_s'] else ' busy'),
                      r['loadavg_before'],
                      ' / '.join('%.3f' % x for x in r['cores_s_before'])), flush=True)
            key = '%s/%s' % (c['name'], w)
            if not ok:
                failures.append('%s: %s' % (key, detail))
                print('  %-20s %s FAILED CHECK: %s' % (c['name'], w, detail), flush=True)
                summary[key] = dict(cfg=c['name'], workload=w, ok=False, detail=detail)
                continue
            walls = [r['wall_s'] for r in runs]
            inproc = [r['output'].get('timings_s', {}).get('total') for r in runs]
            summary[key] = dict(cfg=c['name'], workload=w, kind=c['kind'], threads=c['threads'], note=c['note'], ok=True,
                                check=detail, median_wall_s=statistics.median(walls), walls=walls,
                                median_inproc_s=statistics.median([x for x in inproc if x is not None]) if any(
                                    x is not None for x in inproc) else None,
                                n_busy=sum(not r['clean'] for r in runs),
                                core_spread=[round(max(max(t) / min(t) for t in (r['cores_s_before'], r['cores_s_after'])
                                                       if t), 2) for r in runs if r['cores_s_before'] or r['cores_s_after']],
                                loadavg=[r['loadavg_before'] for r in runs],
                                timings=runs[len(runs) // 2]['output'].get('timings_s'),
                                isa=runs[0]['output'].get('isa') or runs[0]['output'].get('simd'),
                                cpu=runs[0]['output'].get('cpu'),
                                maxrss_mb=statistics.median(r['maxrss_mb'] for r in runs))
    # Bit-identity between 1 and 2 threads (same build): the trajectories must be byte-identical.
    bitid = {}
    for w in wls:
        if w == 'W3':
            continue
        for a, b2 in (('ours-native-fast-1t', 'ours-native-fast-2t'), ('ours-native-1t', 'ours-native-2t'),
                      ('ours-native-1t-sse2', 'ours-native-2t-sse2'), ('ours-web-mt-1t', 'ours-web-mt-2t')):
            fa = os.path.join(traj_dir, '%s_%s_run1.json' % (w, a))
            fb = os.path.join(traj_dir, '%s_%s_run1.json' % (w, b2))
            if os.path.exists(fa) and os.path.exists(fb) and '%s/%s' % (a, w) in summary and '%s/%s' % (b2, w) in summary:
                bitid['%s %s vs %s' % (w, a, b2)] = open(fa, 'rb').read() == open(fb, 'rb').read()
    json.dump({'started': started, 'summary': summary, 'bit_identical_1t_vs_2t': bitid, 'failures': failures,
               'cpu': cpuinfo_model()}, open(os.path.join(res_dir, 'summary.json'), 'w'), indent=1, default=float)

    # ---- table
    total = {'W1': flops.flow(2048)['total'], 'W2': flops.flow(256)['total'], 'W3': flops.w3()['total']}
    cpus = sorted({s.get('cpu') for s in summary.values() if s.get('cpu')})
    lines = ['CPU: %s (/proc/cpuinfo: %s)' % (', '.join(cpus) or '?', cpuinfo_model()), '',
             '| config | ISA path | W | median wall s | runs (busy) | load | vs ours-native-2t | vs ours-web-mt-2t | '
             'GFLOP/s |', '|---|---|---|---|---|---|---|---|---|']
    for w in wls:
        base_n = summary.get('ours-native-2t/%s' % w, {}).get('median_wall_s')
        base_w = summary.get('ours-web-mt-2t/%s' % w, {}).get('median_wall_s')
        rows = [s for s in summary.values() if s['workload'] == w and s.get('ok')]
        rows.sort(key=lambda s: s['median_wall_s'])
        for s in rows:
            t = s['median_wall_s']
            g = total[w] / 1e9 / t
            lines.append('| %s | %s | %s | %s | %d (%d) | %s | %s | %s | %.1f |' % (
                s['cfg'], s.get('isa') or '-', w, fmt_s(t), len(s['walls']), s['n_busy'],
                '%.2f-%.2f' % (min(s['loadavg']), max(s['loadavg'])),
                '%.2f×' % (t / base_n) if base_n else '-', '%.2f×' % (t / base_w) if base_w else '-', g))
    for key in summary:
        if not summary[key].get('ok'):
            lines.append('| %s | | %s | FAILED CHECK | | | | | | |' % (summary[key]['cfg'], summary[key]['workload']))

    def med(name, w):
        s = summary.get('%s/%s' % (name, w))
        return s['median_wall_s'] if s and s.get('ok') else None

    tgt = ['', '| target | measured | met |', '|---|---|---|']

    def nb(*keys):  # busy runs (other processes, uneven cores) that entered these medians
        return sum(summary.get('%s/%s' % k, {}).get('n_busy', 0) for k in keys)

    def target(label, num, den, need, busy=0):
        if num is None or den is None:
            tgt.append('| %s | not measured | - |' % label)
            return
        met = 'yes' if num / den >= need else 'NO'
        if busy:  # the machine was not quiet for every run: the ratio says little either way
            met += ' (not reliable: %d busy run%s in the medians)' % (busy, 's' if busy > 1 else '')
        tgt.append('| %s | %.2f× (%s s / %s s) | %s |' % (label, num / den, fmt_s(num), fmt_s(den), met))
    def best_np(w):  # NumPy at its best thread count (CORETYPE unset)
        c = [(med(n, w), n) for n in ('np-ob-cpx-2t', 'np-ob-cpx-1t') if med(n, w) is not None]
        return min(c) if c else (None, 'np-ob-cpx-2t')
    for w, need in (('W1', 2.0), ('W3', 1.5)):
        if w in wls:
            npt, npn = best_np(w)
            target('default native build (ours-native-2t, %s) %s ≥ %.1f× faster than best NumPy (%s)' % (
                   summary.get('ours-native-2t/%s' % w, {}).get('isa', '?'), w, need, npn),
                   npt, med('ours-native-2t', w), need, nb((npn, w), ('ours-native-2t', w)))
            target('native-fast %s vs best NumPy (%s), ≥ %.1f×' % (w, npn, need),
                   npt, med('ours-native-fast-2t', w), need, nb((npn, w), ('ours-native-fast-2t', w)))
            target('native %s vs NumPy with the machine environment (np-ob-env-2t), ≥ %.1f×' % (w, need),
                   med('np-ob-env-2t', w), med('ours-native-2t', w), need,
                   nb(('np-ob-env-2t', w), ('ours-native-2t', w)))
    for w in wls:  # no build configuration slower than the portable one (2 threads)
        for name in ('ours-native-2t', 'ours-native-fast-2t', 'ours-native-fast-2t-sse2'):
            target('%s %s not slower than the portable path (ours-native-2t-sse2), ≥ 1.0×' % (name, w),
                   med('ours-native-2t-sse2', w), med(name, w), 1.0, nb(('ours-native-2t-sse2', w), (name, w)))
    if 'W1' in wls:
        tf_best = min([x for x in (med('tfjs-wasm-simd', 'W1'), med('tfjs-wasm-simd-sig', 'W1')) if x] or [None]) \
            if any((med('tfjs-wasm-simd', 'W1'), med('tfjs-wasm-simd-sig', 'W1'))) else None
        target('web-mt (2 threads) W1 ≥ 5× faster than the fastest TF.js WASM', tf_best, med('ours-web-mt-2t', 'W1'), 5.0,
               nb(('tfjs-wasm-simd', 'W1'), ('tfjs-wasm-simd-sig', 'W1'), ('ours-web-mt-2t', 'W1')))
    for w in wls:
        target('%s web-mt 2 threads ≥ 1.7× faster than web-st' % w, med('ours-web-st', w), med('ours-web-mt-2t', w), 1.7,
               nb(('ours-web-st', w), ('ours-web-mt-2t', w)))
        spread = summary.get('ours-web-mt-2t/%s' % w, {}).get('core_spread')
        if spread:  # > 1: one CPU was slower; two threads then gain at most 1 + 1/spread over one
            tgt.append('| %s web-mt runs: slowest / fastest CPU (probe, before and after each run) | %s | - |' % (
                w, ', '.join('%.2f' % x for x in spread)))
        target('%s web-st ≥ 1.5× faster than no-SIMD' % w, med('ours-web-nosimd', w), med('ours-web-st', w), 1.5,
               nb(('ours-web-nosimd', w), ('ours-web-st', w)))
    for k, v in bitid.items():
        tgt.append('| bit-identical trajectories, %s | %s | %s |' % (k, 'identical' if v else 'DIFFERENT',
                                                                    'yes' if v else 'NO'))
    text = '\n'.join(lines + tgt)
    if not args.skip_scaling:
        text += '\n\n' + scaling(args, res_dir)
    text += '\n\nfinished %s, loadavg %s\n' % (time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime()),
                                                open('/proc/loadavg').read().strip())
    if failures:
        text += '\nFAILED CHECKS (times of these configurations are not reported):\n' + '\n'.join(failures) + '\n'
    open(os.path.join(res_dir, 'table.md'), 'w').write(text)
    print()
    print(text)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
