"""Composition root of the pseudonymisation service: no database, no personal data kept."""

from __future__ import annotations

from civicpulse.messaging.publisher import Publisher
from civicpulse.runtime.app import ServiceApp
from pseudonymisation.consumer import RAW_SUBSCRIBER, RawEventHandler
from pseudonymisation.domain import Policy, city_words, scrubs_text
from pseudonymisation.keys import Keyring
from pseudonymisation.scrubber import Scrubber, strict_names
from pseudonymisation.settings import PseudonymisationSettings


class PseudonymisationApp(ServiceApp, service="pseudonymisation"):
    settings: PseudonymisationSettings

    async def build(self) -> None:
        s = self.settings
        city = self.city()
        city.cells  # noqa: B018 - computed once at start, not on the first event
        partners = self.partners()
        policy = Policy(partners, city, Keyring.load(s.keys_file), partners.policy_version)
        # Names found by a model, gazetteers, context rules and the fail-closed rule cost seconds and
        # memory at start: only a policy that keeps a text (strictly scrubbed) needs them.
        names = strict_names(city.languages, city_words(city), s.names_model) if scrubs_text(partners) else None
        nc, js = await self.open_bus()
        # No RPC of its own: the gRPC server carries health and reflection only.
        await self.serve_grpc([], [])
        handler = RawEventHandler(policy, Scrubber(names), Publisher(js, max_payload=nc.max_payload), self.clock)
        consumer = RAW_SUBSCRIBER.consumer(js, handler, s.batch_size)
        await self.start_consumer(consumer)
