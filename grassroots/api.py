"""The JSON API under /api/v1: each app contributes one ninja router."""

from ninja import NinjaAPI

from grassroots.core.apikit import BearerAuth, install_error_handlers

api = NinjaAPI(
    title="Grassroots API",
    version="1",
    urls_namespace="api",
    auth=BearerAuth(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)

# Each app's router, mounted at its own prefix. Add a line here when an app gains an API.
from grassroots.core.api import router as core_router  # noqa: E402
from grassroots.deployment.api import router as deployment_router  # noqa: E402
from grassroots.evaluation.api import router as evaluation_router  # noqa: E402
from grassroots.instructors.api import router as instructors_router  # noqa: E402
from grassroots.party.api import router as party_router  # noqa: E402
from grassroots.people.api import router as people_router  # noqa: E402
from grassroots.reporting.api import router as reporting_router  # noqa: E402
from grassroots.residents.api import router as residents_router  # noqa: E402
from grassroots.services.api import router as services_router  # noqa: E402

api.add_router("", core_router)
api.add_router("", instructors_router)
api.add_router("", people_router)
api.add_router("", services_router)
api.add_router("", residents_router)
api.add_router("", party_router)
api.add_router("", reporting_router)
api.add_router("", deployment_router)
api.add_router("", evaluation_router)
