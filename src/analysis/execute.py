"""Execute one report notebook: its kernel, papermill, the HTML page, the move into place.

``run_notebook`` is what ``analysis.run`` calls for each report once the parameters are
checked and the corpus is prepared. The notebook runs in a hidden staging folder, in a kernel
of this interpreter (``kernelspec_dir``), on a worker thread so that Ctrl-C stops it at once;
its tables, figures, executed copy and page are moved into ``out`` only when done.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .pages import export_html
from .parameters import CHECKED_ENV
from .report import write_text
from .results import ReportResult

KERNEL_NAME = "analysis-python"
KERNEL_LAUNCH = (
    "import os; os.dup2(os.open(os.devnull, os.O_WRONLY), 2); "
    "from ipykernel.kernelapp import launch_new_instance; launch_new_instance()"
)


def kernelspec_dir(folder: Path) -> Path:
    """A kernelspec that runs this interpreter, so a .venv works without a global kernel install."""
    spec = folder / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                # the kernel's own stderr is not for report readers: a kernel stopped by --timeout or
                # Ctrl-C logs a ZMQError traceback and asyncio warnings; the runner reports the failure in
                # one line instead (what a cell prints still reaches the notebook, through the kernel)
                "argv": [
                    sys.executable,
                    "-c",
                    KERNEL_LAUNCH,
                    "-f",
                    "{connection_file}",
                    "--IPKernelApp.log_level=CRITICAL",
                ],
                "display_name": "Python (analysis)",
                "language": "python",
                "env": {CHECKED_ENV: "1"},
            }
        )
    )
    return folder


def _kernel_manager(kernels: Path):
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    return AsyncKernelManager(
        kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)])
    )


def _shutdown_kernel(km) -> None:
    """Stop the report's kernel now: nbclient leaves a kernel it was handed running, and on a
    large corpus each finished report's kernel would keep its gigabytes until the run ends."""
    from jupyter_core.utils import run_sync

    # not km.shutdown_kernel(): it interrupts the kernel (SIGINT) before asking it to stop,
    # and a kernel busy with a last message then logs "ERROR | KeyboardInterrupt caught in
    # kernel." into every run. Asking it to stop, waiting, then cleaning up needs no interrupt.
    try:
        if km.has_kernel:
            km.shutting_down = True
            run_sync(km.request_shutdown)()
            run_sync(km.finish_shutdown)()
            run_sync(km.cleanup_resources)()
    except Exception:
        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception:
            pass


def _interruptible(call: Callable[[], object], *, on_interrupt: Callable[[], None]) -> object:
    """Run ``call()`` on a worker thread so that Ctrl-C reaches this thread as KeyboardInterrupt.

    On the main thread nbclient takes SIGINT over with an event-loop handler that tears the
    kernel down without telling its caller: the running cell then waits for a reply that never
    comes and the run hangs (seen under load). Off the main thread nbclient cannot install that
    handler, so the interrupt is ours: ``on_interrupt`` stops the kernel, the worker sees it die
    and returns, and KeyboardInterrupt goes on up to the command's one-line message.
    """
    import threading

    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the caller's thread as it is
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="analysis-report", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        # the stopped cell's asyncio tasks end with an exception nobody awaits; collected at
        # exit, asyncio would log "Task exception was never retrieved" and a traceback under
        # the one-line message. The runner says what happened, so that log is noise.
        logging.getLogger("asyncio").disabled = True
        deadline = time.monotonic() + 10
        while worker.is_alive() and time.monotonic() < deadline:  # a kernel still starting is stopped too
            on_interrupt()
            worker.join(0.2)
        raise
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")


def _kill_kernel(km) -> None:
    """Stop a report's kernel at once (Ctrl-C): nothing it would still compute is kept."""
    process = getattr(getattr(km, "provisioner", None), "process", None)
    try:
        if process is not None and process.poll() is None:
            process.kill()
    except OSError:
        pass


def run_notebook(
    name: str,
    notebook: Path,
    prepared: Path,
    out: Path,
    overrides: dict,
    *,
    kernels: Path,
    show_code: bool,
    timeout: int | None,
) -> ReportResult:
    """Execute one notebook in a staging folder, export HTML, move everything into place."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    result = ReportResult(name)
    started = time.perf_counter()
    final_nb, final_html, final_dir = out / f"{name}.ipynb", out / f"{name}.html", out / name
    # a report being rebuilt is removed first, so no stale copy looks like this run's
    final_html.unlink(missing_ok=True)
    final_nb.unlink(missing_ok=True)
    shutil.rmtree(final_dir, ignore_errors=True)
    staging = out / f".{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    staged_nb = staging / f"{name}.ipynb"
    parameters = {**overrides, "corpus": str(prepared), "out": str(staging)}
    km = _kernel_manager(kernels)
    # nbclient logs a timeout through papermill's logger as a bare stderr line; the result says it once
    papermill_log = logging.getLogger("papermill")
    papermill_level = papermill_log.level
    papermill_log.setLevel(logging.CRITICAL)
    try:
        try:
            _interruptible(
                lambda: papermill.execute_notebook(
                    str(notebook),
                    str(staged_nb),
                    parameters=parameters,
                    cwd=str(notebook.parent),
                    # saved as cells run, so a report stopped by --timeout still has its executed notebook
                    kernel_name=KERNEL_NAME,
                    language="python",
                    progress_bar=False,
                    log_output=False,
                    request_save_on_cell_execute=True,
                    start_timeout=120,
                    execution_timeout=timeout,
                    km=km,
                ),
                on_interrupt=lambda: _kill_kernel(km),
            )
            result.status = "ok"
        except PapermillExecutionError as exc:
            result.status, result.error = "failed", _one_line(f"{exc.ename}: {exc.evalue}")
        except Exception as exc:  # a dead kernel or a timeout fails this report, not the run
            result.status, result.error = "failed", _one_line(f"{type(exc).__name__}: {exc}")
            if type(exc).__name__ == "CellTimeoutError":  # its message previews the cell's code: too long for a line
                result.error = f"CellTimeoutError: a cell ran longer than --timeout {timeout} s; raise --timeout or use a smaller corpus"
            if staged_nb.is_file():
                _mark_unfinished(staged_nb, type(exc).__name__, result.error)
        finally:
            _shutdown_kernel(km)
            papermill_log.setLevel(papermill_level)

        page = None
        if staged_nb.is_file():
            _record_out(staged_nb, staging, out)
            try:
                page = export_html(staged_nb, title=name, show_code=show_code)
            except Exception as exc:
                if result.status == "ok":
                    result.status = "failed"
                result.error = result.error or _one_line(f"HTML export failed: {type(exc).__name__}: {exc}")
        # into place: tables and figures, then the notebook, then the page that links them
        if (staging / name).is_dir():
            staging.joinpath(name).replace(final_dir)
        if staged_nb.is_file():
            staged_nb.replace(final_nb)
            result.notebook = final_nb
        if page is not None:
            write_text(final_html, page)
            result.html = final_html
    finally:  # also when interrupted: nothing half-built is left behind
        shutil.rmtree(staging, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result


def _mark_unfinished(notebook: Path, ename: str, message: str) -> None:
    """Put the error that stopped a notebook (a timeout, a dead kernel) into the cell it stopped
    in, as papermill does for an exception, so the saved notebook and its page show why."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    # the cell it stopped in is the last one that started (papermill marks it completed anyway)
    started = [c for c in nb.cells if c.get("metadata", {}).get("papermill", {}).get("start_time")]
    cell = started[-1] if started else None
    evalue = message.removeprefix(f"{ename}: ")
    error = nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])
    if cell is not None and cell.cell_type == "code":
        cell.outputs.append(error)
        cell.metadata["papermill"]["status"] = "failed"
    else:
        nb.cells.append(nbformat.v4.new_code_cell("", outputs=[error]))
    nbformat.write(nb, str(notebook))


def _record_out(notebook: Path, staging: Path, out: Path) -> None:
    """Make the executed notebook say ``out`` = the report folder, not the staging folder it ran in.

    Reopened in JupyterLab and run again, it then writes where the report lives.
    """
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = cell.source.replace(str(staging), str(out))
    recorded = nb.metadata.get("papermill", {}).get("parameters", {})
    if recorded.get("out") == str(staging):
        recorded["out"] = str(out)
    nbformat.write(nb, str(notebook))


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return " ".join(lines)[:500] if lines else ""
