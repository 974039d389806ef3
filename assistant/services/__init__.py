"""The two services the façade (`pipeline.Assistant`) wires together: the Indexer builds
and keeps index versions; the Answerer answers one question from one snapshot and logs it."""
