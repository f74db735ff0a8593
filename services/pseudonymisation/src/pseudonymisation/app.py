"""Composition root of the pseudonymisation service: no database, no personal data kept."""

from __future__ import annotations

from civicpulse.messaging.connection import open_jetstream
from civicpulse.messaging.consumer import PullConsumer
from civicpulse.messaging.publisher import Publisher
from civicpulse.messaging.streams import DEADLETTER, EVENTS, RAW, TEXTS
from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.app import ServiceApp
from civicpulse.runtime.city import CityProfile
from pseudonymisation.consumer import RawEventHandler, consumer_spec, unpack
from pseudonymisation.domain import Policy, city_words, scrubs_text
from pseudonymisation.keys import Keyring
from pseudonymisation.scrubber import Scrubber, strict_names
from pseudonymisation.settings import PseudonymisationSettings


class PseudonymisationApp(ServiceApp):
    name = "pseudonymisation"

    settings_class = PseudonymisationSettings
    settings: PseudonymisationSettings

    async def build(self) -> None:
        s = self.settings
        city = CityProfile.load(s.city_profile)
        city.cells  # noqa: B018 - computed once at start, not on the first event
        partners = PartnerRegistry.load(s.partners_file)
        policy = Policy(partners, city, Keyring.load(s.keys_file), partners.policy_version)
        # Names found by a model, gazetteers, context rules and the fail-closed rule cost seconds and
        # memory at start: only a policy that keeps a text (strictly scrubbed) needs them.
        names = strict_names(city.languages, city_words(city), s.names_model) if scrubs_text(partners) else None
        nc, js = await open_jetstream(self.resources, self.bus_access(), self.name, [RAW, EVENTS, TEXTS, DEADLETTER])
        # No RPC of its own: the gRPC server carries health and reflection only.
        await self.serve_grpc([], [])
        handler = RawEventHandler(policy, Scrubber(names), Publisher(js, max_payload=nc.max_payload), self.clock)
        consumer = PullConsumer(js, consumer_spec(s.batch_size), handler, handler.poisoned, unpack)
        await self.start_consumer(consumer)
