"""civicpulse-city: the tools a data engineer uses to add a city (docs/new-city.md)."""
