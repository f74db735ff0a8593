"""The lab: what runs on the local harness: the demo, the kept-running stack, evaluation, benchmarks and fault drills."""
