"""Fan-out of live-view messages: one publisher, many subscribers, never a slow one in the way.

The live view's data path is app → server → viewers. :class:`LiveBus` is the seam between one
process and many: :class:`LocalLiveBus` fans out inside one process (SQLite, one instance);
:class:`~callcheck.server.live.pg_bus.PostgresLiveBus` carries the same channel names and text
payloads through PostgreSQL ``NOTIFY``/``LISTEN`` and keeps each channel's messages in a table,
so a viewer on one instance sees a test published through another, and an instance that starts
following a share late reads the share so far (:meth:`LiveBus.history`). Messages are
already-serialized JSON text (encoded once per message, not once per viewer) and channels are
plain strings (``share:<code>`` the app's messages, ``app:<code>`` what goes back to the app).

Two ways to receive: a :class:`Subscription` (a queue a handler awaits: the app's WebSocket
reading ``app:<code>``) and :meth:`LiveBus.follow` (a callback run in publication order, with the
message's id, for the share mirrors that rebuild a test's state on every instance).

A subscriber that falls behind loses its oldest messages, never blocks the publisher: every
queue is bounded (drop-oldest) and the loss is counted. A snapshot is superseded by the next
one within a quarter second, and a viewer that reconnects gets the whole state again.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import Final, Protocol

__all__ = [
    "CLOSED",
    "QUEUE_MESSAGES",
    "Follower",
    "LiveBus",
    "LocalLiveBus",
    "Subscription",
    "Unfollow",
]

#: A callback that gets each message of a channel with its id (increasing per channel).
Follower = Callable[[int, str], None]
#: Stops a :meth:`LiveBus.follow`.
Unfollow = Callable[[], None]

#: Messages a subscriber may fall behind by before the oldest are dropped (~15 s of snapshots).
QUEUE_MESSAGES: Final = 64
#: What :meth:`Subscription.get` returns once the subscription is closed.
CLOSED: Final = ""


class Subscription:
    """A bounded, drop-oldest queue of one channel's messages."""

    def __init__(
        self, bus: _SubscriptionOwner, channel: str, capacity: int = QUEUE_MESSAGES
    ) -> None:
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


class _SubscriptionOwner(Protocol):
    def _remove(self, subscription: Subscription) -> None: ...


class LiveBus(Protocol):
    """Publish text messages to named channels; subscribe to or follow a channel."""

    async def start(self) -> None:
        """Connect (a shared bus); nothing for a local one."""

    async def stop(self) -> None:
        """Close every subscription and disconnect."""

    def subscribe(self, channel: str) -> Subscription:
        """A new subscription to ``channel`` (close it when done)."""

    def follow(self, channel: str, on_message: Follower) -> Unfollow:
        """Call ``on_message(id, text)`` for every message of ``channel`` from now on, in
        publication order; returns how to stop."""

    async def history(self, channel: str) -> list[tuple[int, str]]:
        """The messages of ``channel`` kept so far, oldest first, with their ids (a local bus
        keeps none: its followers saw everything)."""

    async def publish(self, channel: str, message: str) -> None:
        """Deliver ``message`` to every subscriber and follower of ``channel``, on every
        instance."""

    async def audience(self, channel: str) -> int:
        """Subscribers of ``channel`` on every instance (after :meth:`announce`)."""

    async def announce(self, channel: str) -> None:
        """Make this instance's subscriber count of ``channel`` known to the others now."""

    def deliver(self, channel: str, message_id: int, message: str) -> int:
        """Hand ``message`` to this instance's followers and subscribers of ``channel`` only
        (what each instance derives for its own viewers); returns how many subscribers."""

    def subscribers(self, channel: str) -> int:
        """Subscribers of ``channel`` on this instance."""

    def close_all(self) -> None:
        """Close every subscription (server shutting down)."""


class LocalFanout:
    """Subscriptions and followers of one process: the delivery half of every bus."""

    def __init__(self) -> None:
        self._channels: dict[str, set[Subscription]] = {}
        self._followers: dict[str, list[Follower]] = {}

    def subscribe(self, channel: str) -> Subscription:
        subscription = Subscription(self, channel)
        self._channels.setdefault(channel, set()).add(subscription)
        return subscription

    def follow(self, channel: str, on_message: Follower) -> Unfollow:
        self._followers.setdefault(channel, []).append(on_message)

        def unfollow() -> None:
            followers = self._followers.get(channel, [])
            if on_message in followers:
                followers.remove(on_message)
            if not followers:
                self._followers.pop(channel, None)

        return unfollow

    def deliver(self, channel: str, message_id: int, message: str) -> int:
        """Hand ``message`` to this process's followers, then subscribers; returns how many
        subscribers."""
        for on_message in tuple(self._followers.get(channel, ())):
            on_message(message_id, message)
        subscribers = self._channels.get(channel, ())
        for subscription in tuple(subscribers):
            subscription.put(message)
        return len(subscribers)

    def subscribers(self, channel: str) -> int:
        return len(self._channels.get(channel, ()))

    def channels(self) -> list[str]:
        """Channels with a subscriber here."""
        return list(self._channels)

    def close_all(self) -> None:
        for subscribers in tuple(self._channels.values()):
            for subscription in tuple(subscribers):
                subscription.close()
        self._followers.clear()

    def _remove(self, subscription: Subscription) -> None:
        subscribers = self._channels.get(subscription.channel)
        if subscribers is not None:
            subscribers.discard(subscription)
            if not subscribers:
                del self._channels[subscription.channel]


class LocalLiveBus(LocalFanout):
    """:class:`LiveBus` inside one process: delivery is immediate and nothing is kept."""

    def __init__(self) -> None:
        super().__init__()
        self._next_id = 0

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        self.close_all()

    async def history(self, channel: str) -> list[tuple[int, str]]:
        return []

    async def publish(self, channel: str, message: str) -> None:
        self._next_id += 1
        self.deliver(channel, self._next_id, message)

    async def audience(self, channel: str) -> int:
        return self.subscribers(channel)

    async def announce(self, channel: str) -> None:
        return None
