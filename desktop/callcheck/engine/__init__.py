"""The asyncio media engine: aiortc peers, packet taps, playout, audio I/O. No Qt."""
