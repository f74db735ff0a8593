"""NATS JetStream for civicpulse: streams, provisioning, publisher, pull consumer, trace headers."""
