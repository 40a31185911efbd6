"""What one demo build carries from step to step: the random source, the scale, what was made."""

import random
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

from grassroots.places.models import Area, Post


@dataclass
class DemoContext:
    seed: int
    scale: float
    rng: random.Random = field(init=False)
    fake: Faker = field(init=False)
    city: Area | None = None
    district: Area | None = None
    county: Area | None = None
    streets: list[Area] = field(default_factory=list)
    communities: list[Area] = field(default_factory=list)
    compounds: list[Area] = field(default_factory=list)
    buildings: list[Area] = field(default_factory=list)
    units: list[Area] = field(default_factory=list)
    townships: list[Area] = field(default_factory=list)
    villages: list[Area] = field(default_factory=list)
    stations: list[Post] = field(default_factory=list)
    centres: list[Post] = field(default_factory=list)
    # Anything a later step wants to hand on (staff lists, users by login, …).
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(self.seed)

    def scaled(self, low: int, high: int) -> int:
        """A random count in [low, high] times the scale, at least 1."""
        return max(1, round(self.rng.randint(low, high) * self.scale))

    def require(self, attr: str) -> Any:
        value = getattr(self, attr)
        if value is None:
            raise RuntimeError(f"demo step order: {attr} is not built yet")
        return value
