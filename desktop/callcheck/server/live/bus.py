"""Fan-out of live-view messages: one publisher, many subscribers, never a slow one in the way.

The live view's data path is app → server → viewers. :class:`LiveBus` is the seam that issue 20
swaps: this module's :class:`LocalLiveBus` fans out inside one process; a PostgreSQL bus would
``NOTIFY`` the same channel names and text payloads and ``LISTEN`` for subscribers, so a viewer
on one instance sees a test published through another. Nothing else changes: messages are
already-serialized JSON text (encoded once per message, not once per viewer) and channels are
plain strings (``viewers:<code>``, ``app:<code>``).

A subscriber that falls behind loses its oldest messages, never blocks the publisher: every
queue is bounded (drop-oldest) and the loss is counted. A snapshot is superseded by the next
one within a quarter second, and a viewer that reconnects gets the whole state again.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Final, Protocol

__all__ = ["CLOSED", "QUEUE_MESSAGES", "LiveBus", "LocalLiveBus", "Subscription"]

#: Messages a subscriber may fall behind by before the oldest are dropped (~15 s of snapshots).
QUEUE_MESSAGES: Final = 64
#: What :meth:`Subscription.get` returns once the subscription is closed.
CLOSED: Final = ""


class Subscription:
    """A bounded, drop-oldest queue of one channel's messages."""

    def __init__(self, bus: LocalLiveBus, channel: str, capacity: int = QUEUE_MESSAGES) -> None:
        self.channel = channel
        self._bus = bus
        self._messages: deque[str] = deque(maxlen=capacity)
        self._ready = asyncio.Event()
        self._closed = False
        self.dropped = 0
        """Messages lost because this subscriber fell behind."""

    def put(self, message: str) -> None:
        """Queue ``message`` (never blocks; drops the oldest when full)."""
        if self._closed:
            return
        if len(self._messages) == self._messages.maxlen:
            self.dropped += 1
        self._messages.append(message)
        self._ready.set()

    async def get(self) -> str:
        """The next message; :data:`CLOSED` once closed."""
        while not self._messages:
            if self._closed:
                return CLOSED
            self._ready.clear()
            await self._ready.wait()
        return self._messages.popleft()

    def close(self) -> None:
        """Stop receiving; a waiting :meth:`get` returns :data:`CLOSED`."""
        if not self._closed:
            self._closed = True
            self._bus._remove(self)
            self._ready.set()

    @property
    def closed(self) -> bool:
        return self._closed


class LiveBus(Protocol):
    """Publish text messages to named channels; subscribe to a channel."""

    def subscribe(self, channel: str) -> Subscription:
        """A new subscription to ``channel`` (close it when done)."""

    async def publish(self, channel: str, message: str) -> int:
        """Deliver ``message`` to every subscriber of ``channel``; returns how many (on this
        instance)."""

    def subscribers(self, channel: str) -> int:
        """Subscribers of ``channel`` on this instance."""

    def close_all(self) -> None:
        """Close every subscription (server shutting down)."""


class LocalLiveBus:
    """:class:`LiveBus` inside one process."""

    def __init__(self) -> None:
        self._channels: dict[str, set[Subscription]] = {}

    def subscribe(self, channel: str) -> Subscription:
        subscription = Subscription(self, channel)
        self._channels.setdefault(channel, set()).add(subscription)
        return subscription

    async def publish(self, channel: str, message: str) -> int:
        subscribers = self._channels.get(channel, ())
        for subscription in tuple(subscribers):
            subscription.put(message)
        return len(subscribers)

    def subscribers(self, channel: str) -> int:
        return len(self._channels.get(channel, ()))

    def close_all(self) -> None:
        for subscribers in tuple(self._channels.values()):
            for subscription in tuple(subscribers):
                subscription.close()

    def _remove(self, subscription: Subscription) -> None:
        subscribers = self._channels.get(subscription.channel)
        if subscribers is not None:
            subscribers.discard(subscription)
            if not subscribers:
                del self._channels[subscription.channel]
