"""The output stage of a server loop: its own thread downloads, stores and thumbnails finished
prompts while the GPU is already on the next prompt."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from studio_desktop.core.comfy import ComfyError, HistoryEntry
from studio_desktop.core.jobs import IllegalTransition, Job, JobError
from studio_desktop.core.library.files import OutputRejected
from studio_desktop.core.runner import ExecutionFailed, JobFinished, JobRunner
from studio_desktop.core.scheduler.config import SchedulerConfig
from studio_desktop.core.scheduler.events import JobStateChanged, SchedulerListener
from studio_desktop.core.store import Store

log = logging.getLogger("studio.scheduler")


class OutputStage:
    """One output thread for one `ServerLoop`. `collect()` and `shutdown()` are called from the
    loop's thread; `collecting` counts the prompts handed over and not yet done, so the loop
    reports itself busy until they are."""

    def __init__(
        self,
        store: Store,
        config: SchedulerConfig,
        label: str,
        *,
        stop: threading.Event,
        wake: threading.Event,
        emit: SchedulerListener,
        fail: Callable[[str, JobError], None],
    ) -> None:
        self._store = store
        self._config = config
        self._stop = stop  # the loop's: stopping it ends the download retries
        self._wake = wake  # the loop's: it looks at its jobs again when a collection ends
        self._emit = emit
        self._fail = fail
        self._collecting = 0
        # `+= 1` on the loop's thread and `-= 1` on the output thread are read-modify-writes
        # that a thread switch can interleave; a lost update would leave the server "busy".
        self._count_lock = threading.Lock()
        self.runner: JobRunner | None = None  # the loop sets it on every (re)connect
        self._collector = ThreadPoolExecutor(1, thread_name_prefix=f"output-{label}")

    @property
    def collecting(self) -> int:
        return self._collecting

    def collect(self, job: Job, entry: HistoryEntry) -> None:
        with self._count_lock:
            self._collecting += 1
        self._collector.submit(self._collect_in_background, job, entry)

    def _collect_in_background(self, job: Job, entry: HistoryEntry) -> None:
        runner = self.runner
        assert runner is not None
        try:
            for attempt in range(1, self._config.runner.max_attempts + 1):
                try:
                    images = runner.collect(job, entry)
                    break
                except ComfyError as exc:
                    if not exc.transient or attempt == self._config.runner.max_attempts:
                        self._fail(
                            job.id,
                            JobError(type=type(exc).__name__, message=f"Download failed: {exc}"),
                        )
                        return
                    if self._stop.wait(self._config.runner.backoff_s * attempt):
                        return  # shutting down: the job stays running; the next start collects
            final = self._store.get_job(job.id)
            if final is not None:
                self._emit(JobStateChanged(final))
                self._emit(JobFinished(final, tuple(images)))
        except ExecutionFailed as exc:
            self._fail(job.id, exc.error)
        except OutputRejected as exc:
            self._fail(job.id, JobError(type="output_rejected", message=str(exc)))
        except IllegalTransition:
            log.info("job %s was cancelled while its outputs were saved", job.id)
        except Exception:
            log.exception("saving the outputs of job %s failed", job.id)
            self._fail(job.id, JobError(type="internal", message="Saving the outputs failed."))
        finally:
            with self._count_lock:
                self._collecting -= 1
            self._wake.set()

    def shutdown(self) -> None:
        """Wait for the collections under way, then close the runner's connection."""
        self._collector.shutdown(wait=True)
        if self.runner is not None:
            self.runner.client.close()
            self.runner = None
