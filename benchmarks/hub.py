"""Class-size benchmark of a course hub: a real JupyterHub on loopback, simulated students (``make bench-hub``).

Each simulated student is a protocol client, as decided for the load run: the hub's REST API creates the student
and starts their server (the simple local spawner: every server runs as the current user in its own folder --
no isolation, acceptable only here), nbgitpuller's API (what a launch link's page calls) pulls the exercise
repository, a kernel is started through the Jupyter server's REST API and every code cell of chapter 1's
exercise notebook is run over the kernel's websocket, answers filled in by a student. Then, with every student
of the class connected, each one runs a check cell ``CHECKS`` times, a few seconds apart: the check-cell latency
is the time from sending the request to the kernel going idle again.

Stages: first ``--first`` students (30) at once; then ``--step`` more at a time (10), the ones already connected
staying, until the median check latency passes 2 s, the class reaches ``--max`` (60) students, the hub's
processes use 16 GB, or the next stage would leave the machine less than 3 GB. The capacity is the largest class measured whose median check latency is at most 1 s.

Reported per stage: time until each new student's notebook is ready (server started, repository pulled,
kernel started, every cell run: median and worst), check latency (median, 95th percentile), memory per student
(resident memory of each student's server and kernel, summed per student: median), failures (must be 0).
Everything started -- hub, proxy, git daemon, each server and kernel -- is stopped by its process id at the end
(the script checks and says so). Results: benchmarks/hub.json and a table on stdout.

Load: several minutes of both cores. Run it alone, once.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from hub_helpers import CHP, HUB_ENV_BIN, GitDaemon, KernelClient, LoopbackHub, code_cells  # noqa: E402

from territorial_trap_workbook.hub import prepare_exercise_repo  # noqa: E402

MEDIAN_OK, MEDIAN_STOP, MEMORY_STOP = 1.0, 2.0, 16 * 1024 ** 3
RESERVE = 3 * 1024 ** 3  # never take the machine's last 3 GB: other programs run on it too
NOTEBOOK = "01-ultimatum.ipynb"
ANSWERS = {  # what a student types into the answer cells (right or wrong does not matter for the load)
    "answer_1_2 = None": "answer_1_2 = (1 - 0.90) / (1 - 0.95 * 0.90)",
    "answer_1_4 = None": "answer_1_4 = 0.4",
}
CHECK = 'check("1.2", answer_1_2)'


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Student:
    def __init__(self, hub: LoopbackHub, name: str, repo: str):
        self.hub, self.name, self.repo = hub, name, repo
        self.kernel: KernelClient | None = None
        self.ready_s: float | None = None
        self.latencies: list[float] = []
        self.failures: list[str] = []

    async def join(self, cells: list[str]) -> None:
        """Log in (created through the API), start the server, pull, start a kernel, run every cell."""
        from hub_helpers import pull

        start = time.monotonic()
        try:
            await asyncio.to_thread(self.hub.add_user, self.name)
            await asyncio.to_thread(self.hub.spawn, self.name, 600, 1.0)
            token = await asyncio.to_thread(self.hub.user_token, self.name)
            await asyncio.to_thread(pull, self.hub, self.name, token, self.repo, "main", 300)
            self.kernel = KernelClient(self.hub, self.name, token)
            await self.kernel.start(300)
            for code in cells:
                for blank, answer in ANSWERS.items():
                    code = code.replace(blank, answer)
                result = await self.kernel.execute(code, 300)
                if result["status"] != "ok":
                    self.failures.append(f"cell failed: {result['error']}")
            self.ready_s = time.monotonic() - start
        except Exception as err:  # a failure is a result here: counted and reported, never hidden
            self.failures.append(f"{type(err).__name__}: {err}")

    async def checks(self, count: int, pause: float) -> None:
        if self.kernel is None or self.ready_s is None:
            return
        for i in range(count):
            await asyncio.sleep(pause * (0.5 + (hash((self.name, i)) % 100) / 100))  # students do not click in step
            start = time.monotonic()
            try:
                result = await self.kernel.execute(CHECK, 120)
                self.latencies.append(time.monotonic() - start)
                if "Exercise 1.2: right" not in result["text"]:
                    self.failures.append(f"check gave {result['text'][:80]!r}")
            except Exception as err:
                self.failures.append(f"check: {type(err).__name__}: {err}")


def memory_per_student(hub: LoopbackHub, names: list[str]) -> dict[str, int]:
    import psutil

    out = {}
    for name in names:
        total = 0
        for pid in hub.record_user_pids(name):
            try:
                total += psutil.Process(pid).memory_info().rss
            except psutil.NoSuchProcess:
                pass
        out[name] = total
    return out


def hub_memory(hub: LoopbackHub) -> int:
    import psutil

    total = 0
    for pid in list(hub.pids):
        try:
            total += psutil.Process(pid).memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


async def run(args) -> dict:
    from concurrent.futures import ThreadPoolExecutor

    # Blocking REST calls run in threads: enough of them that every student of a stage joins at once.
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=4 * args.max + 8))
    work = Path(tempfile.mkdtemp(prefix="workbook-bench-hub-"))
    homes = work / "homes"
    homes.mkdir()
    upstream = work / "git" / "workbook-exercises"
    prepare_exercise_repo(ROOT / "exercises", upstream)
    daemon = GitDaemon(upstream.parent).start()
    hub = LoopbackHub(work / "hub", spawner="simple", home_template=str(homes / "{username}"), start_timeout=600,
                      concurrent=args.concurrent)
    cells = code_cells(upstream / NOTEBOOK)
    stages, students, stop_reason = [], [], None
    started = time.monotonic()
    try:
        hub.start()
        size = args.first
        while True:
            new = [Student(hub, f"student{len(students) + i + 1:03d}", daemon.url(upstream.name))
                   for i in range(size - len(students))]
            t0 = time.monotonic()
            await asyncio.gather(*(s.join(cells) for s in new))
            joined_s = time.monotonic() - t0
            students += new
            for s in students:
                s.latencies = []
            await asyncio.gather(*(s.checks(args.checks, args.pause) for s in students))
            latencies = [x for s in students for x in s.latencies]
            ready = [s.ready_s for s in new if s.ready_s is not None]
            memory = memory_per_student(hub, [s.name for s in students])
            total_memory = hub_memory(hub)
            failures = [f"{s.name}: {f}" for s in students for f in s.failures]
            stage = {
                "students": len(students), "joined_together": len(new), "join_wall_s": round(joined_s, 1),
                "ready_median_s": round(statistics.median(ready), 1) if ready else None,
                "ready_worst_s": round(max(ready), 1) if ready else None,
                "check_median_s": round(statistics.median(latencies), 3) if latencies else None,
                "check_p95_s": round(percentile(latencies, 0.95), 3) if latencies else None,
                "checks": len(latencies),
                "memory_per_student_mb": round(statistics.median(memory.values()) / 2 ** 20) if memory else None,
                "memory_total_gb": round(total_memory / 2 ** 30, 2),
                "failures": len(failures), "failure_examples": failures[:5],
            }
            stages.append(stage)
            print(json.dumps(stage), flush=True)
            for s in students:
                s.failures = []
            median = stage["check_median_s"]
            if median is None or median > MEDIAN_STOP:
                stop_reason = f"median check latency {median} s > {MEDIAN_STOP} s"
                break
            if total_memory > MEMORY_STOP:
                stop_reason = f"memory in use {stage['memory_total_gb']} GB > 16 GB"
                break
            import psutil

            spare = psutil.virtual_memory().available
            if spare < RESERVE + args.step * max(memory.values(), default=0):
                stop_reason = (f"the next {args.step} students would leave less than {RESERVE / 2 ** 30:.0f} GB of "
                               f"the machine free ({spare / 2 ** 30:.1f} GB available)")
                break
            if len(students) >= args.max:
                stop_reason = f"reached {args.max} students"
                break
            size = min(args.max, len(students) + args.step)
    finally:
        for s in students:
            if s.kernel is not None:
                try:
                    await s.kernel.close()
                except Exception:
                    pass
        killed = hub.stop()
        daemon.stop()
        import psutil

        alive = []
        for pid in sorted(hub.pids):
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    alive.append(pid)
            except psutil.NoSuchProcess:
                pass
        shutil.rmtree(work, ignore_errors=True)
    ok = [s for s in stages if s["check_median_s"] is not None and s["check_median_s"] <= MEDIAN_OK
          and s["failures"] == 0]
    return {
        "machine": {"cpus": os.cpu_count(), "memory_gb": round(__import__("psutil").virtual_memory().total / 2 ** 30, 1),
                    "load_before": args.load_before},
        "settings": {"first": args.first, "step": args.step, "max": args.max, "checks_per_student": args.checks,
                     "pause_s": args.pause, "notebook": NOTEBOOK},
        "stages": stages, "stop_reason": stop_reason,
        "capacity_students": max((s["students"] for s in ok), default=0),
        "processes_started": len(hub.pids), "killed_by_id_after_stop": killed, "still_alive": alive,
        "wall_s": round(time.monotonic() - started, 1),
    }


def table(result: dict) -> str:
    rows = ["| students | ready median / worst (s) | check median / p95 (s) | memory per student (MB) | "
            "hub total (GB) | failures |", "|---:|---:|---:|---:|---:|---:|"]
    for s in result["stages"]:
        rows.append(f"| {s['students']} (+{s['joined_together']}) | {s['ready_median_s']} / {s['ready_worst_s']} | "
                    f"{s['check_median_s']} / {s['check_p95_s']} | {s['memory_per_student_mb']} | "
                    f"{s['memory_total_gb']} | {s['failures']} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=int, default=30, help="students in the first stage (30)")
    parser.add_argument("--step", type=int, default=10, help="students added per later stage (10)")
    parser.add_argument("--max", type=int, default=60, help="stop at this many students (60)")
    parser.add_argument("--checks", type=int, default=5, help="check cells each student runs per stage (5)")
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between a student's checks (3)")
    parser.add_argument("--concurrent", type=int, default=100, help="the hub's concurrent spawn limit (100)")
    parser.add_argument("--out", default=str(HERE / "hub.json"))
    args = parser.parse_args(argv)
    for path, what in ((CHP, "configurable-http-proxy"), (HUB_ENV_BIN / "jupyterhub-singleuser", "the hub env")):
        if not Path(path).exists():
            print(f"bench-hub: {what} missing at {path}: run `make hub-deps`", file=sys.stderr)
            return 2
    args.load_before = os.getloadavg()
    result = asyncio.run(run(args))
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf8")
    print(table(result))
    print(f"stopped: {result['stop_reason']}; capacity (median check <= 1 s, no failure): "
          f"{result['capacity_students']} students; {result['processes_started']} processes started, "
          f"{len(result['killed_by_id_after_stop'])} killed by id after the hub stopped, "
          f"{len(result['still_alive'])} still alive; {result['wall_s']} s")
    return 0 if not result["still_alive"] else 1


if __name__ == "__main__":
    sys.exit(main())
