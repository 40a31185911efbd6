"""The demo build, in order. Each app that has demo data adds its step here (a module with build(ctx))."""

from . import (
    accounts,
    deployment,
    evaluation,
    grid,
    instructors,
    logins,
    party,
    people,
    reporting,
    resident_services,
    residents,
)

STEPS = [
    grid.build,
    people.build,
    accounts.build,
    deployment.build,
    logins.build,
    residents.build,
    resident_services.build,
    party.build,
    instructors.build,
    reporting.build,
    evaluation.build,
]
