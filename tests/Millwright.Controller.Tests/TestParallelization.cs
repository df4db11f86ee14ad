// Most classes here start real servers and processes (controller, broker, Anvil, virtual boards, socat) and wait for
// them with timeouts; run in parallel on a 2-core CI machine they starve each other and time out. One at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
