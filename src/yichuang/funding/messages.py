"""Plain-language reasons for the allocation, in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yichuang.kernel.money import Money


def yuan(fen) -> str:
    """Fen shown as ¥1,234.50."""
    return Money(int(fen)).format()


def reason_text(code: str, params: dict, domains: dict[str, str], communities: dict[str, str] | None = None) -> str:
    """Why an application is not funded ("ranked 16th; the ¥12,000.00 left cannot cover its ¥30,000.00 request")."""
    rank = params.get("rank", "")
    domain = domains.get(params.get("domain", ""), params.get("domain", ""))
    if code == "budget":
        return _("Ranked %(rank)s; the %(left)s left cannot cover its %(request)s request.") % {
            "rank": rank, "left": yuan(params["left"]), "request": yuan(params["request"])}
    if code == "domain_max_amount":
        return _("Ranked %(rank)s; the domain %(domain)s is already at its %(max)s maximum.") % {
            "rank": rank, "domain": domain, "max": yuan(params["max"])}
    if code == "domain_max_count":
        return _("Ranked %(rank)s; the domain %(domain)s already has its maximum of %(max)s projects.") % {
            "rank": rank, "domain": domain, "max": params["max"]}
    if code == "organization_cap":
        return _("Ranked %(rank)s; its organization already has %(cap)s funded project(s), the most allowed.") % {
            "rank": rank, "cap": params["cap"]}
    community = (communities or {}).get(params.get("community", ""), params.get("community", ""))
    if code == "community_max_count":
        return _("Ranked %(rank)s; the community %(community)s already has its maximum of %(max)s projects.") % {
            "rank": rank, "community": community, "max": params["max"]}
    if code == "community_max_amount":
        return _("Ranked %(rank)s; the community %(community)s is already at its %(max)s maximum.") % {
            "rank": rank, "community": community, "max": yuan(params["max"])}
    if code == "officer":
        return _("Left out by the officer (see the reason of the change).")
    votes = params.get("votes", 0)
    if code == "vote_budget":
        return _("Ranked %(rank)s in the resident vote with %(votes)s votes; the %(left)s left could not cover its "
                 "%(request)s.") % {"rank": rank, "votes": votes, "left": yuan(params["left"]), "request": yuan(params["request"])}
    if code == "vote_stopped":
        return _("Ranked %(rank)s in the resident vote with %(votes)s votes; counting stopped at the first project the "
                 "money left could not cover.") % {"rank": rank, "votes": votes}
    if code == "vote_threshold":
        return _("%(votes)s votes in the resident vote, fewer than the %(threshold)s a project needed.") % {
            "votes": votes, "threshold": params.get("threshold")}
    if code == "vote_equal_shares":
        return _("Ranked %(rank)s in the resident vote with %(votes)s votes; under the Method of Equal Shares its "
                 "supporters' equal shares of the budget could not pay its %(request)s.") % {
            "rank": rank, "votes": votes, "request": yuan(params["request"])}
    return _("Ranked %(rank)s; funding it would leave a domain minimum or a community's coverage unmet, or a lower "
             "total score.") % {"rank": rank}


def infeasible_text(problem) -> str:
    params = problem.params
    if problem.code == "domain_too_few":
        return _("The domain %(domain)s needs %(needed)s funded projects but has only %(available)s applications.") % params
    if problem.code == "community_too_few":
        return _("The coverage wishes need %(needed)s funded projects in a community that has only %(available)s "
                 "applications.") % params
    if problem.code == "minimums_over_budget":
        return _("The domain minimums and coverage wishes need at least %(minimum)s, more than the budget of "
                 "%(budget)s.") % {
            "minimum": yuan(params["minimum"]), "budget": yuan(params["budget"])}
    return _("No allocation meets the budget, the quotas and the caps together. Relax a quota or raise the budget.")
