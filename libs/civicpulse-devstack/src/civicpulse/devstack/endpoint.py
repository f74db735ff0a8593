"""Where a service of the local stack listens and how a client reaches it (TLS, or plaintext)."""

from __future__ import annotations

from dataclasses import dataclass

import grpc


@dataclass(frozen=True)
class Endpoint:
    address: str
    credentials: grpc.ChannelCredentials | None = None  # None: plaintext

    def channel(self, options=()) -> grpc.aio.Channel:
        if self.credentials is None:
            return grpc.aio.insecure_channel(self.address, options=list(options))
        return grpc.aio.secure_channel(self.address, self.credentials, options=list(options))

    def sync_channel(self) -> grpc.Channel:
        if self.credentials is None:
            return grpc.insecure_channel(self.address)
        return grpc.secure_channel(self.address, self.credentials)


def endpoint(target: Endpoint | str) -> Endpoint:
    """A bare address is a plaintext endpoint (a service started with PLAINTEXT, in a test)."""
    return target if isinstance(target, Endpoint) else Endpoint(target)
