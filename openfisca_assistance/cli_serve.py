"""The `assistance serve` command: the Web API of openfisca_assistance.server under gunicorn."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from openfisca_assistance.cli import app
from openfisca_assistance.errors import AssistanceError


def run_gunicorn(options: dict) -> None:
    """Serve `server.create_app()` under gunicorn; with preload_app the rules load once, before forking."""
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from openfisca_assistance.server import create_app

            return create_app()

    Application().run()


def _announce(server) -> None:
    # With --port 0 the OS chooses the port, so the address is printed once it is bound.
    for listener in server.LISTENERS:
        host, port = listener.sock.getsockname()[:2]
        print(f"listening on http://{host}:{port}", flush=True)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on. The default accepts connections from this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port to listen on; 0 lets the OS choose a free port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes; each handles one request at a time.")] = 2,
    timeout: Annotated[int, typer.Option(min=1, help="Seconds a request may take before its worker is restarted.")] = 120,
    log_level: Annotated[str, typer.Option(help="Log level: debug, info, warning or error.")] = "info",
) -> None:
    """Serve the Web API: POST /check, /check_many, /compare and /explain, with the OpenAPI description at /openapi.json."""
    level = logging.getLevelName(log_level.upper())
    if not isinstance(level, int):
        typer.echo(f"error: --log-level: unknown level {log_level!r}\n  fix: use debug, info, warning or error", err=True)
        raise typer.Exit(2)
    logging.getLogger("openfisca_assistance").setLevel(level)
    _configure_handler(level)
    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "timeout": timeout,
        "preload_app": True,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": log_level.lower(),
        "when_ready": _announce,
    }
    try:
        run_gunicorn(options)
    except AssistanceError as error:
        typer.echo(error.render(), err=True)
        raise typer.Exit(error.exit_code) from None


def _configure_handler(level: int) -> None:
    """Send the package's log records to stderr with timestamps, at `level` and above."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(stream=sys.stderr)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in root.handlers:
        handler.setFormatter(formatter)
        if handler.level > level:
            handler.setLevel(level)
