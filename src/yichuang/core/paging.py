from __future__ import annotations

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int = 25) -> dict:
    """A page of ``items`` plus the query string that keeps the current filters on page links."""
    page: Page = Paginator(items, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {"page": page, "query_prefix": f"{params.urlencode()}&" if params else ""}
