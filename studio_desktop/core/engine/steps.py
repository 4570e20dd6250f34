"""The two long steps of a job, as plain functions the driver runs: submit and collect.

`submit` uploads the inputs, binds the template and queues the prompt. `collect` downloads the
outputs, stages them, records them in one transaction and only then publishes the files.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from studio_desktop import __version__
from studio_desktop.core.comfy import HistoryEntry, ObjectInfo
from studio_desktop.core.engine.failures import ExecutionFailed, history_error
from studio_desktop.core.engine.server import ComfyServer
from studio_desktop.core.jobs import Completed, IllegalTransition, Job, NewImage
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.store import JobNotFound, Store
from studio_desktop.core.workflows import TemplateError, TemplateRegistry, bind, resolve_defaults
from studio_desktop.core.workflows.ui_graph.emit import api_to_ui

log = logging.getLogger("studio.engine")

# Output keys in ComfyUI's history that hold files (images, animated, video, audio).
FILE_OUTPUT_KEYS = ("images", "gifs", "video", "videos", "audio")


def studio_metadata(job: Job) -> dict[str, Any]:
    """What we write into every output PNG as the `studio` chunk: enough to remix it."""
    return {
        "app": f"studio-desktop/{__version__}",
        "job_id": job.id,
        "template": job.template,
        "params": job.params.to_dict(),
    }


def extra_data(
    graph: Mapping[str, Any], preview_method: str, object_info: ObjectInfo | None
) -> dict[str, Any]:
    """What goes with the prompt: the preview method, and `extra_pnginfo.workflow`, a
    UI-format graph of what runs, which ComfyUI's savers write into each output as the
    `workflow` chunk so the output reopens as a graph in ComfyUI. It is written from the
    server's /object_info (the widget order is the server's); without one, none is sent."""
    data: dict[str, Any] = {"preview_method": preview_method}
    if object_info is None:
        return data
    try:
        workflow = api_to_ui(graph, object_info)
    except Exception:  # a nicety for the output's metadata: never worth failing a job
        log.exception("could not write the UI-format workflow for a prompt")
        return data
    data["extra_pnginfo"] = {"workflow": workflow}
    return data


def submit(
    server: ComfyServer,
    store: Store,
    library: OutputLibrary,
    templates: TemplateRegistry,
    job: Job,
    *,
    preview_method: str,
    models: Mapping[str, Sequence[str]],
    object_info: ObjectInfo | None = None,
) -> Job:
    """Upload the job's input images, bind the template, queue the prompt, record it sent.

    A job queued with "the server's default model" gets this server's (`models`: its lists).
    The graph is recorded with `sent_at`, in one write after the POST (a graph the server
    refused, or a POST that failed, is recorded before the error goes on: the job's history
    shows what was tried). A kill between the POST and that write leaves the job running with
    no `sent_at`: the next start finds its prompt on the server by its id (LOCATING).
    `object_info` is the server's, for the UI-format workflow sent along (`extra_data`).
    Returns the job as recorded, sent. Raises ComfyError, TemplateError, IllegalTransition (the job
    was ended elsewhere meanwhile: the caller takes the prompt off the server).
    """
    template = templates.get(job.template)
    # Before any upload, so a server without a usable model costs nothing. The job keeps its
    # "server's default" choice: a retry asks the server that runs it again.
    params = resolve_defaults(job.params, template, models)
    uploaded: dict[str, str] = {}
    for image in job.inputs:
        path = library.paths.resolve(image.path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TemplateError(
                f"The reference image for '{image.slot}' is gone ({path.name}): "
                "add it again and retry."
            ) from exc
        name = f"studio_{job.id[:8]}_{image.slot}{path.suffix.lower() or '.png'}"
        uploaded[image.slot] = server.upload(data, name)
    graph = bind(template, params, job_id=job.id, uploaded=uploaded)
    extra = extra_data(graph, preview_method, object_info)
    try:
        server.submit(graph, prompt_id=job.id, extra_data=extra)
    except Exception:
        # The failure goes on as it came (the job's own write records it); a job ended
        # meanwhile keeps the state it has.
        with contextlib.suppress(IllegalTransition, JobNotFound):
            store.set_workflow(job.id, graph)
        raise
    log.info("job %s submitted to %s", job.id, server.url)
    # From here the prompt waits in the server's queue until it starts (MarkSampling).
    return store.mark_sent(job.id, graph)


def collect(
    server: ComfyServer,
    store: Store,
    library: OutputLibrary,
    job: Job,
    entry: HistoryEntry,
) -> Completed:
    """Download, stage, record (one transaction), publish; the completed job and its images.
    Nothing is left behind if the record is refused (the job was cancelled meanwhile:
    IllegalTransition is raised)."""
    if not entry.completed or entry.status_str != "success":
        raise ExecutionFailed(history_error(entry))
    files = [f for f in entry.outputs if f.kind in FILE_OUTPUT_KEYS and f.type == "output"]
    if not files:
        # A graph that only previews: keep its temp images rather than nothing.
        files = [f for f in entry.outputs if f.kind in FILE_OUTPUT_KEYS]
    metadata = studio_metadata(job)
    staging = library.staging(job.id)
    try:
        new_images: list[NewImage] = []
        for index, output in enumerate(files):
            saved = library.save_output(
                job.id,
                index,
                server.view(output),
                server_filename=output.filename,
                extra_metadata=metadata,
                created=job.created_at,  # the same date folder when a resumed job saves again
                staging=staging,
            )
            paths = library.paths
            thumb = saved.thumb_path
            new_images.append(
                NewImage(
                    index=index,
                    # Absolute when outside the data folder. `ours`: the library named these
                    # files, so only a folder not seen before is resolved (DataPaths.relative).
                    path=paths.stored(saved.path, ours=True),
                    thumb_path=paths.relative(thumb, ours=True) if thumb else None,
                    width=saved.width,
                    height=saved.height,
                    bytes=saved.bytes,
                    kind=saved.kind,
                    metadata=saved.metadata,
                )
            )
        staging.seal()
        completed = store.complete_job(job.id, new_images)
    except BaseException:
        staging.discard()
        raise
    staging.publish()
    return completed
