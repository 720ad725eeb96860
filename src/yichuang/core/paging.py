from __future__ import annotations

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int = 25, count: int | None = None) -> dict:
    """A page of ``items`` plus the query string that keeps the current filters on page links.
    ``count``: the number of items where the caller keeps it (counting a million rows takes long)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached property
    page: Page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {"page": page, "query_prefix": f"{params.urlencode()}&" if params else ""}
