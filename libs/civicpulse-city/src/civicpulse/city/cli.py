"""civicpulse-city: check a city's files; propose a boundary."""


def main() -> None:
    raise SystemExit("civicpulse-city: not yet")
