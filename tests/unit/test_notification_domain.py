from datetime import UTC, datetime

from civicpulse.runtime.access import Caller, Role
from civicpulse.scoring.v1 import scoring_pb2
from notification.deliveries import Delivery, deliveries_of
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


def test_an_update_is_delivered_to_who_wants_it_and_may_see_it_now():
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    update = scoring_pb2.ZoneRiskUpdate(update_id="u1", zone="a", max_risk_level=4, model_version="m3")
    update.issue_time.FromDatetime(datetime(2026, 12, 1, 8, tzinfo=UTC))
    callers = {
        "mediation": Caller(role=Role.APPLICATION, token_sha256="0" * 64, zones=frozenset({"a"})),
        "elsewhere": Caller(role=Role.APPLICATION, token_sha256="1" * 64, zones=frozenset({"b"})),
        "calm": Caller(role=Role.APPLICATION, token_sha256="2" * 64, all_zones=True),
    }
    subscriptions = [
        Subscription("mediation", frozenset(), 3),
        Subscription("elsewhere", frozenset(), 1),  # its credentials do not name the zone
        Subscription("calm", frozenset(), 5),  # only the highest level
        Subscription("revoked", frozenset(), 1),  # removed from the callers file
    ]
    assert deliveries_of(update, subscriptions, callers.get, now) == [
        Delivery(notification_id("mediation", "u1"), "mediation", "u1", "a", 4, "m3", datetime(2026, 12, 1, 8, tzinfo=UTC), now)
    ]
    assert Delivery.columns()[0] == "notification_id" and len(Delivery.columns()) == 8
