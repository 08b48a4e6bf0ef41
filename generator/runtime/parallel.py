"""One way to spread work over the cores: forked processes taking batches from a shared counter.

Every parallel step of a build (validating stories, processing photos, drawing share cards,
rendering pages, writing the data files) goes through here, so that three rules hold everywhere:

- as many processes as the cores this process may use (CPU affinity, which container limits set,
  not the machine's core count), never more than the site's `workers` option, and only when
  there is enough work for each (`min_share`);
- no `fork` while another thread runs (`mkdocs serve` has server and watcher threads: a child
  could inherit a lock held by one of them and wait forever): the work then runs here, in order;
- one protocol between a child and this process: the child sends `(failure, results, report, error)`
  once, through a pipe; a child that dies without a word (killed, out of memory) is a failure.

Children are forked, so the work is a closure over data already in memory: nothing is pickled
but the results.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

__all__ = [
    "Forked",
    "WorkerFailed",
    "available_cores",
    "can_fork",
    "map_in_processes",
    "map_in_threads",
    "share_out",
    "start",
    "worker_count",
]

T = TypeVar("T")
R = TypeVar("R")


class WorkerFailed(RuntimeError):
    """A forked process failed or died; the message says why, in Vietnamese."""


def available_cores() -> int:
    """The cores this process may run on (affinity and container limits included)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counter is not None:
        return counter() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether forking is safe here: Linux, and no other thread in this process."""
    return sys.platform == "linux" and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def worker_count(option: int, jobs: int, min_share: int = 1) -> int:
    """Processes for `jobs` items: the cores, at most `option` (0: no limit), at least `min_share` items each."""
    if not can_fork():
        return 1
    cores = available_cores()
    wanted = min(option, cores) if option > 0 else cores
    return max(1, min(wanted, jobs // max(1, min_share)))


@dataclass
class Forked(Generic[R]):
    """Forked processes at work; `wait` collects what they send."""

    children: list[tuple[multiprocessing.process.BaseProcess, Connection]] = field(default_factory=list)

    def wait(self) -> tuple[list[tuple[int, R]], list[object]]:
        """Wait for every child: their (index, result) pairs and their reports; raise if one failed."""
        results: list[tuple[int, R]] = []
        reports: list[object] = []
        failures = []
        causes: list[OSError] = []
        for process, receive in self.children:
            try:
                failure, found, report, cause = receive.recv()
            except EOFError:  # the child died without a word
                process.join()
                failure, found, report, cause = f"tiến trình con dừng đột ngột (mã {process.exitcode})", [], None, None
            process.join()
            results += found
            reports.append(report)
            if failure:
                failures.append(failure)
            if cause is not None:
                causes.append(OSError(*cause))
        self.children = []
        if failures:
            # A system error (a full disk, say) goes with it, for the caller to tell apart.
            raise WorkerFailed("; ".join(failures)) from (causes[0] if causes else None)
        return results, reports

    def stop(self) -> None:
        """End the children without waiting for their work (the build failed elsewhere)."""
        for process, _ in self.children:
            if process.is_alive():
                process.terminate()
            process.join()
        self.children = []


def _child(work: Callable[[], tuple[list, object]], send: Connection) -> None:
    """In a forked process: do `work`, send (failure or "", results, report, system error) once.

    A system error (`OSError`) is sent as its errno, text and file name, so that the parent can
    tell a full disk from a bug.
    """
    try:
        results, report = work()
        message: tuple = ("", results, report, None)
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which raises
        cause = (error.errno, error.strerror, error.filename) if isinstance(error, OSError) and error.errno else None
        message = (str(error) or type(error).__name__, [], None, cause)
    send.send(message)
    send.close()


def start(work: Callable[[], tuple[list, object]], forked: Forked | None = None) -> Forked:
    """Fork one process doing `work` (which returns (results, report)); add it to `forked`."""
    forked = forked if forked is not None else Forked()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(work, send), daemon=True)
    process.start()
    send.close()
    forked.children.append((process, receive))
    return forked


def share_out(
    func: Callable[[T], R],
    items: Sequence[T],
    processes: int,
    batch: int = 1,
    report: Callable[[], object] = lambda: None,
) -> tuple[list[tuple[int, R]], Forked[R]]:
    """`func` over `items` in `processes` processes (this one included), batches from a shared counter.

    This process does its share before returning; the others go on: call `wait()` on the
    returned `Forked` for their results. Each child sends `report()` at its end (counts of
    warnings it logged, say). Results are (index, result) pairs, in no particular order.
    """
    if processes <= 1:
        return [(i, func(item)) for i, item in enumerate(items)], Forked()
    context = multiprocessing.get_context("fork")
    taken = context.Value("l", 0)

    def batches() -> Iterator[range]:
        while True:
            with taken.get_lock():
                first = taken.value
                taken.value = first + batch
            if first >= len(items):
                return
            yield range(first, min(first + batch, len(items)))

    def share() -> list[tuple[int, R]]:
        return [(i, func(items[i])) for indexes in batches() for i in indexes]

    forked: Forked[R] = Forked()
    try:
        for _ in range(1, processes):
            start(lambda: (share(), report()), forked)
        return share(), forked
    except BaseException:
        forked.stop()
        raise


def map_in_processes(func: Callable[[T], R], items: Sequence[T], processes: int, batch: int = 1) -> list[R]:
    """`func` over `items`, results in order, spread over `processes` processes (see `share_out`)."""
    mine, forked = share_out(func, items, processes, batch)
    theirs, _ = forked.wait()
    return [result for _, result in sorted(mine + theirs, key=lambda pair: pair[0])]


def map_in_threads(func: Callable[[T], R], items: Sequence[T], min_share: int = 8) -> list[R]:
    """`func` over `items`, results in order, on a thread per core: for work that lets go of the GIL.

    Checking cache entries is hashing files (hashlib releases the GIL on large buffers): threads
    need no fork, so this also works beside `mkdocs serve`'s threads.
    """
    threads = min(available_cores(), len(items) // max(1, min_share))
    if threads <= 1:
        return [func(item) for item in items]
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(func, items))
