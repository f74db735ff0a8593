import pytest

from civicpulse.runtime.errors import Unauthenticated
from notification.domain import SubscriberRegistry, Subscription, notification_id
from support import CONFIG


def test_a_subscription_matches_its_zones_and_level():
    everywhere = Subscription("app", frozenset(), 3)
    assert everywhere.wants("86446c0ffffffff", 3) and not everywhere.wants("86446c0ffffffff", 2)
    some = Subscription("app", frozenset({"a"}), 1)
    assert some.wants("a", 1) and not some.wants("b", 5)


def test_subscribers_authenticate_by_token():
    registry = SubscriberRegistry.load(CONFIG / "subscribers.yaml")
    assert registry.authenticate((("authorization", "Bearer demo-police-dispatch-app-token"),)) == "police-dispatch-app"
    with pytest.raises(Unauthenticated):
        registry.authenticate((("authorization", "Bearer wrong"),))
    with pytest.raises(Unauthenticated):
        registry.authenticate(())


def test_notification_ids_are_per_subscriber_and_update():
    assert notification_id("a", "u1") == notification_id("a", "u1") != notification_id("b", "u1")
