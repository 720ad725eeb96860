"""Finding conflicts of interest between a round's panel and its applications.

Detected conflicts are recomputed from the records each time (they follow the data); conflicts the
experts declared are kept. The rules, in the order they are reported:

- affiliation: the expert is affiliated with the applying organization;
- linked: the expert is affiliated with an organization linked to the applicant, i.e. one that
  shares its legal representative or its contact phone (a parent centre and its stations usually do);
- community: the program counts living in the applicant's community as a conflict and the expert's
  home area is that community;
- team: the expert's name appears in the team of an application the organization submitted within
  the round's ``team_years`` (names are compared in Simplified characters, spaces removed; a
  namesake is flagged too, on purpose: a false alarm costs one reassignment, a miss costs trust).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from yichuang.applications.models import Application, ApplicationVersion
from yichuang.kernel.chinese import to_simplified
from yichuang.places.models import Organization
from yichuang.reviews.models import ConflictSource, Expert, ReviewRound


@dataclass(frozen=True)
class Found:
    expert_id: int
    application_id: int
    source: str
    detail: str


def _name_key(name: str) -> str:
    return "".join(to_simplified(name or "").split())


def _links(organizations: list[Organization]) -> dict[int, set[int]]:
    """Organization id → ids of organizations sharing its legal representative or contact phone."""
    by_key: dict[tuple[str, str], set[int]] = defaultdict(set)
    reps = {o.legal_representative.strip() for o in organizations if o.legal_representative.strip()}
    phones = {o.contact_phone.strip() for o in organizations if o.contact_phone.strip()}
    # Only organizations that could share something with an applicant, not the whole register.
    candidates = Organization.objects.filter(Q(legal_representative__in=reps) | Q(contact_phone__in=phones))
    for org in candidates.only("id", "legal_representative", "contact_phone"):
        for kind, value in (("rep", org.legal_representative), ("phone", org.contact_phone)):
            if value.strip():
                by_key[(kind, value.strip())].add(org.pk)
    links: dict[int, set[int]] = {}
    for org in organizations:
        linked = set()
        for kind, value in (("rep", org.legal_representative), ("phone", org.contact_phone)):
            if value.strip():
                linked |= by_key[(kind, value.strip())]
        links[org.pk] = linked - {org.pk}
    return links


def _team_names(review_round: ReviewRound, organization_ids: set[int]) -> dict[int, set[str]]:
    """Organization id → names on the teams of its applications within the look-back window."""
    since = timezone.now() - datetime.timedelta(days=365 * review_round.team_years)
    names: dict[int, set[str]] = defaultdict(set)
    versions = ApplicationVersion.objects.filter(
        application__organization__in=organization_ids, submitted_at__gte=since,
    ).values_list("application__organization_id", "document")
    for organization_id, document in versions:
        for member in (document or {}).get("team", []) or []:
            key = _name_key(str(member.get("name", ""))) if isinstance(member, dict) else ""
            if key:
                names[organization_id].add(key)
    return names


def detect(review_round: ReviewRound, experts: list[Expert], applications: list[Application]) -> list[Found]:
    organizations = list({a.organization_id: a.organization for a in applications}.values())
    links = _links(organizations)
    teams = _team_names(review_round, set(links))
    org_names = {o.pk: o.name for o in Organization.objects.filter(
        pk__in=set().union(*links.values(), links) if links else [])}
    found: list[Found] = []
    for expert in experts:
        affiliated = {o.pk for o in expert.affiliations.all()}
        name = _name_key(expert.name)
        for application in applications:
            found.extend(_pair(review_round, expert, affiliated, name, application, links, teams, org_names))
    return found


def _pair(review_round, expert, affiliated, name, application, links, teams, org_names) -> list[Found]:
    """The conflicts of one pair. ``detail`` holds data (organization names, years), never a sentence:
    the page words it in the reader's language with the source's label."""
    org_id = application.organization_id
    hits = []
    if org_id in affiliated:
        hits.append((ConflictSource.AFFILIATION, org_names.get(org_id, "")))
    for linked in sorted(affiliated & links.get(org_id, set())):
        hits.append((ConflictSource.LINKED, org_names.get(linked, "")))
    if review_round.community_conflicts and application.community_id and expert.area_id == application.community_id:
        hits.append((ConflictSource.COMMUNITY, ""))
    if name and name in teams.get(org_id, set()):
        hits.append((ConflictSource.TEAM, org_names.get(org_id, "")))
    return [Found(expert.pk, application.pk, source, detail) for source, detail in hits]
