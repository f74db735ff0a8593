"""How the event path cuts events into bus messages."""

from civicpulse.messaging.publisher import ELEMENT_OVERHEAD, runs_within


def test_runs_cover_every_element_once_in_order_within_the_limit():
    sizes = [100, 300, 50, 600, 100, 10, 10]
    runs = runs_within(sizes, 700)
    assert [i for start, end in runs for i in range(start, end)] == list(range(len(sizes)))
    for start, end in runs:
        assert sum(size + ELEMENT_OVERHEAD for size in sizes[start:end]) <= 700
    assert runs == [(0, 3), (3, 4), (4, 7)]


def test_an_element_larger_than_the_limit_goes_alone():
    assert runs_within([10, 5000, 10], 100) == [(0, 1), (1, 2), (2, 3)]


def test_nothing_makes_no_run():
    assert runs_within([], 100) == []
