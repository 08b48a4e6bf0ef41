"""The one parallel runtime (generator/runtime/parallel.py): how many processes, what they send back.

No sleeps and no timing: where a test needs every process to take part, the work itself waits
for the others (a barrier), so the outcome does not depend on how busy the machine is.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from generator.adapters.mkdocs import compat, render
from generator.runtime import parallel

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="forking is used on Linux only")

GUARD = 120
"""Seconds a barrier waits before giving up: only so that a broken runtime fails instead of hanging."""


def test_the_cores_are_those_this_process_may_use() -> None:
    assert parallel.available_cores() == len(os.sched_getaffinity(0))


def test_worker_count_is_capped_by_the_option_the_cores_and_the_work() -> None:
    cores = parallel.available_cores()
    assert parallel.worker_count(0, 10_000) == cores
    assert parallel.worker_count(1, 10_000) == 1
    assert parallel.worker_count(cores + 5, 10_000) == cores  # the option caps, it does not add
    assert parallel.worker_count(0, 3, min_share=2) == 1  # too little work for two
    assert parallel.worker_count(0, 0) == 1


def test_no_fork_beside_another_thread() -> None:
    started, stop = threading.Event(), threading.Event()
    thread = threading.Thread(target=lambda: (started.set(), stop.wait()))
    thread.start()
    started.wait()
    try:
        assert not parallel.can_fork()
        assert parallel.worker_count(0, 10_000) == 1
        pids = parallel.map_in_processes(lambda item: os.getpid(), list(range(100)), parallel.worker_count(0, 100))
        assert set(pids) == {os.getpid()}  # everything done here
    finally:
        stop.set()
        thread.join()
    assert parallel.can_fork()


def test_results_come_back_in_order_and_every_item_is_done_once_by_one_of_the_processes() -> None:
    barrier = multiprocessing.get_context("fork").Barrier(2)

    def work(item: int) -> tuple[int, int]:
        if item < 2:  # each of the first two batches waits for the other: both processes take part
            barrier.wait(GUARD)
        return item * item, os.getpid()

    results = parallel.map_in_processes(work, list(range(200)), 2, batch=1)
    assert [square for square, _ in results] == [n * n for n in range(200)]
    assert len({pid for _, pid in results}) == 2


def test_a_failure_in_a_child_is_raised_here_with_its_message() -> None:
    parent = os.getpid()
    barrier = multiprocessing.get_context("fork").Barrier(2)

    def work(item: int) -> int:
        if item < 2:
            barrier.wait(GUARD)
        if os.getpid() != parent:
            raise ValueError(f"hỏng mục {item}")
        return item

    with pytest.raises(parallel.WorkerFailed, match="hỏng mục"):
        parallel.map_in_processes(work, list(range(50)), 2)
    assert multiprocessing.active_children() == []


def test_a_child_that_dies_without_a_word_is_a_failure() -> None:
    parent = os.getpid()

    def work(item: int) -> int:
        if os.getpid() != parent:
            os._exit(3)  # killed, out of memory...
        return item

    forked = parallel.start(lambda: ([work(1)], None))
    with pytest.raises(parallel.WorkerFailed, match="mã 3"):
        forked.wait()


def test_a_failure_here_ends_the_children() -> None:
    never = multiprocessing.get_context("fork").Event()

    def work(item: int) -> int:
        if os.getpid() == parent:
            raise RuntimeError("hỏng ở tiến trình chính")
        never.wait()  # a child that would never end by itself
        return item

    parent = os.getpid()
    with pytest.raises(RuntimeError, match="hỏng ở tiến trình chính"):
        parallel.share_out(work, list(range(10)), 2)
    assert multiprocessing.active_children() == []


@pytest.fixture
def counter():
    handler = CountHandler()
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def test_warnings_logged_in_children_count_for_strict_mode(counter) -> None:
    """The renderer's rendering of counts: each child reports its count, the parent adds what is new."""
    log = logging.getLogger("mkdocs.test")
    log.warning("trước khi chia việc")  # counted here once, not again for each child
    barrier = multiprocessing.get_context("fork").Barrier(2)

    def work(item: int) -> None:
        if item < 2:
            barrier.wait(GUARD)
        log.warning("mục %d", item)

    _, forked = parallel.share_out(work, list(range(40)), 2, report=compat.strict_counts)
    tasks = render.start_tasks([lambda: log.warning("tệp dữ liệu")] * 2)
    render.Rendering(forked, {logging.WARNING: 1}).wait()
    tasks.wait()
    assert counter.counts[logging.WARNING] == 1 + 40 + 2


def test_a_failure_in_a_task_stops_the_build() -> None:
    def broken() -> None:
        raise RuntimeError("hỏng tệp dữ liệu")

    written = []
    tasks = render.start_tasks([broken, lambda: written.append(1)])
    with pytest.raises(PluginError, match="hỏng tệp dữ liệu"):
        tasks.wait()
    assert written == []  # in the forked process, not here


def test_few_pages_are_rendered_here() -> None:
    assert parallel.worker_count(0, render.MIN_SHARE, render.MIN_SHARE) == 1
    assert parallel.worker_count(2, 2 * render.MIN_SHARE, render.MIN_SHARE) == min(2, parallel.available_cores())
