"""`python -m civicpulse.runtime.healthcheck`: is a civicpulse gRPC server SERVING?

It asks the standard `grpc.health.v1.Health/Check` of the whole server (service ""), over TLS
(verifying the server's certificate against the CA for a name) or in plaintext, and exits 0 only
when every target answers SERVING; 1 when one does not (NOT_SERVING, unreachable, a certificate
without the name, no answer within the deadline); 2 on wrong usage. It is in every image, for two
callers:

- the kubelet's probe, inside a service's container (its native gRPC probe speaks plaintext only):
      python -m civicpulse.runtime.healthcheck --service ingestion --server-name civicpulse-ingestion
  reads the service's own settings from its environment, with the names and values of
  settings.py (`CIVICPULSE_INGESTION_GRPC_PORT`, `_PLAINTEXT`, `_TLS_CA_FILE`), and asks
  127.0.0.1 on its gRPC port;
- `helm test`, from a pod of its own, through each service's Service:
      python -m civicpulse.runtime.healthcheck civicpulse-ingestion:50051 civicpulse-scoring:50051 ...
  with `CIVICPULSE_TLS_CA_FILE` (or `CIVICPULSE_PLAINTEXT=true`); each target's host is the name
  its certificate must carry unless `--server-name` says otherwise. A web service (the console)
  is a URL, https://civicpulse-console:8443/healthz: SERVING when it answers 200, its certificate
  verified against the same CA for the URL's host.

The environment is read directly, not through pydantic-settings: a probe runs every few seconds
and importing pydantic would double its start-up cost.
"""

from __future__ import annotations

import argparse
import os
import ssl
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from civicpulse.runtime.catalogue import GRPC_PORT, service

# The words pydantic accepts for a bool setting, so the probe reads PLAINTEXT as the service does.
_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


class UsageError(Exception):
    """A wrong argument or setting: exit code 2, with the message."""


@dataclass(frozen=True)
class Connection:
    """How to reach the servers: TLS with this CA file, or plaintext (ca_file None)."""

    ca_file: Path | None
    port: int = GRPC_PORT

    @classmethod
    def from_environment(cls, prefix: str, environ: Mapping[str, str]) -> Connection:
        plaintext = environ.get(f"{prefix}PLAINTEXT", "false").strip().lower()
        if plaintext not in _TRUE | _FALSE:
            raise UsageError(f"{prefix}PLAINTEXT={environ[f'{prefix}PLAINTEXT']!r} is not a boolean")
        port = environ.get(f"{prefix}GRPC_PORT", str(GRPC_PORT))
        if not port.strip().isdigit() or not 0 < int(port) < 65536:
            raise UsageError(f"{prefix}GRPC_PORT={port!r} is not a port")
        if plaintext in _TRUE:
            return cls(None, int(port))
        ca_file = environ.get(f"{prefix}TLS_CA_FILE")
        if not ca_file:
            raise UsageError(f"TLS needs {prefix}TLS_CA_FILE (or {prefix}PLAINTEXT=true, for local debugging only)")
        return cls(Path(ca_file), int(port))


def check_url(url: str, connection: Connection, timeout: float) -> str:
    """A web service's health: SERVING when GET `url` answers 200 (over TLS verified against the CA)."""
    try:
        context = ssl.create_default_context(cafile=str(connection.ca_file)) if connection.ca_file else None
        with urllib.request.urlopen(url, timeout=timeout, context=context) as answer:
            return "SERVING" if answer.status == 200 else f"HTTP {answer.status}"
    except urllib.error.HTTPError as exc:
        return f"NOT_SERVING (HTTP {exc.code})"
    except (urllib.error.URLError, OSError, ssl.SSLError) as exc:
        return f"UNAVAILABLE: {getattr(exc, 'reason', exc)}"


def check(target: str, connection: Connection, server_name: str | None, timeout: float) -> str:
    """The health status of the server at `target` ("SERVING", "NOT_SERVING", ...), or why there is none."""
    if target.startswith(("https://", "http://")):
        return check_url(target, connection, timeout)
    if connection.ca_file is None:
        channel = grpc.insecure_channel(target)
    else:
        try:
            ca = connection.ca_file.read_bytes()
        except OSError as exc:
            return f"cannot read the CA file: {exc}"
        name = server_name or target.rsplit(":", 1)[0]
        options = [("grpc.ssl_target_name_override", name)]
        channel = grpc.secure_channel(target, grpc.ssl_channel_credentials(ca), options=options)
    with channel:
        try:
            response = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=timeout)
        except grpc.RpcError as exc:
            return f"{exc.code().name}: {exc.details()}"
    return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m civicpulse.runtime.healthcheck",
        description="Exit 0 when every target's grpc.health.v1 service answers SERVING.",
    )
    p.add_argument(
        "targets",
        nargs="*",
        metavar="HOST:PORT",
        help="servers to ask (a web service as its health URL); none: 127.0.0.1 on the gRPC port of --service",
    )
    p.add_argument(
        "--service",
        help="read this service's settings (CIVICPULSE_<SERVICE>_GRPC_PORT, _PLAINTEXT, _TLS_CA_FILE); "
        "without it: CIVICPULSE_PLAINTEXT, CIVICPULSE_TLS_CA_FILE",
    )
    p.add_argument("--server-name", help="the name the servers' certificates must carry; default: each target's host")
    p.add_argument("--timeout", type=float, default=4.0, help="seconds per target (default 4)")
    return p


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    args = parser().parse_args(argv)
    environ = os.environ if environ is None else environ
    try:
        prefix = service(args.service).env_prefix if args.service else "CIVICPULSE_"
        connection = Connection.from_environment(prefix, environ)
        if not args.targets and not args.service:
            raise UsageError("name the servers to ask (HOST:PORT ...) or --service")
    except (UsageError, ValueError) as exc:
        print(f"healthcheck: {exc}", file=sys.stderr)
        return 2
    targets = args.targets or [f"127.0.0.1:{connection.port}"]
    healthy = True
    for target in targets:
        status = check(target, connection, args.server_name, args.timeout)
        print(f"{target} {status}", flush=True)
        healthy = healthy and status == "SERVING"
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
