from django.db import transaction

from .context import DemoContext
from .steps import STEPS


@transaction.atomic
def build_demo(*, seed: int = 1, scale: float = 1.0) -> DemoContext:
    """Build the whole demo district into an empty database, all or nothing."""
    ctx = DemoContext(seed=seed, scale=scale)
    for step in STEPS:
        step(ctx)
    return ctx
