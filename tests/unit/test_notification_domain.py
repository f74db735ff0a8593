from civicpulse.runtime.access import Caller, Role
from notification.domain import Subscription, may_receive, notification_id


def test_a_subscription_matches_its_zones_and_level():
    everywhere = Subscription("app", frozenset(), 3)
    assert everywhere.wants("86446c0ffffffff", 3) and not everywhere.wants("86446c0ffffffff", 2)
    some = Subscription("app", frozenset({"a"}), 1)
    assert some.wants("a", 1) and not some.wants("b", 5)


def test_a_subscriber_receives_only_the_zones_its_credentials_name_now():
    mediation = Caller(role=Role.APPLICATION, token_sha256="0" * 64, zones=frozenset({"a", "b"}))
    control_room = Caller(role=Role.APPLICATION, token_sha256="1" * 64, all_zones=True)
    operator = Caller(role=Role.OPERATOR, token_sha256="2" * 64)
    assert may_receive(mediation, "a") and not may_receive(mediation, "c")
    assert may_receive(control_room, "c")
    assert not may_receive(operator, "a")  # not an application
    assert not may_receive(None, "a")  # revoked: removed from the callers file


def test_notification_ids_are_per_subscriber_and_update():
    assert notification_id("a", "u1") == notification_id("a", "u1") != notification_id("b", "u1")
