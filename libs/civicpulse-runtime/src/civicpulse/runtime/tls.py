"""TLS for every connection a service makes or accepts, from the PEM files its settings name.

One certificate per service: it serves gRPC, and proves the service's identity as a client to
NATS and to the services it calls. The CA bundle verifies the other end. PostgreSQL takes its
TLS settings in the database URL (`sslmode=verify-full&sslrootcert=...`), as libpq does.
"""

from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass
from pathlib import Path

import grpc

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TlsFiles:
    cert_file: Path
    key_file: Path
    ca_file: Path

    def server_credentials(self, require_client_certificate: bool) -> grpc.ServerCredentials:
        """TLS; with `require_client_certificate`, mutual TLS (gRPC Python cannot make it optional per client)."""
        return grpc.ssl_server_credentials(
            [(self.key_file.read_bytes(), self.cert_file.read_bytes())],
            root_certificates=self.ca_file.read_bytes(),
            require_client_auth=require_client_certificate,
        )

    def channel_credentials(self) -> grpc.ChannelCredentials:
        """Verifies the server against the CA and presents this service's certificate."""
        return grpc.ssl_channel_credentials(
            root_certificates=self.ca_file.read_bytes(),
            private_key=self.key_file.read_bytes(),
            certificate_chain=self.cert_file.read_bytes(),
        )

    def client_context(self) -> ssl.SSLContext:
        """For NATS: verifies the server's certificate and name, presents this service's certificate."""
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(self.ca_file))
        context.load_cert_chain(str(self.cert_file), str(self.key_file))
        return context


def tls_files(settings) -> TlsFiles | None:
    """The service's TLS files, or None in plaintext mode (local debugging only, said loudly)."""
    if settings.plaintext:
        log.warning("PLAINTEXT: gRPC and NATS without TLS; for local debugging only, never in a deployment")
        return None
    return TlsFiles(settings.tls_cert_file, settings.tls_key_file, settings.tls_ca_file)


def channel(address: str, tls: TlsFiles | None, options=(), interceptors=()) -> grpc.aio.Channel:
    """A channel to another service: TLS with this service's certificate, or plaintext."""
    if tls is None:
        return grpc.aio.insecure_channel(address, options=list(options), interceptors=list(interceptors))
    return grpc.aio.secure_channel(address, tls.channel_credentials(), options=list(options), interceptors=list(interceptors))
