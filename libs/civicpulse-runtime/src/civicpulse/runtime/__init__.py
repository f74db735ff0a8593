"""Shared runtime for civicpulse services: settings, logging, telemetry, errors, gRPC, lifecycle."""
