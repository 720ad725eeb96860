"""Who may see and do what with residents' voice. Every access rule of the app is here.

* A community's wishes are posted, checked and confirmed by its community workers and the program
  officers of the areas above it ("keepers"); the check is by a second keeper, never the poster.
* Published wishes are public, without the resident's name; anyone signed in as a donor, a volunteer
  or a verified resident may adopt one.
* The resident a wish is for sees it, with its progress, on their own page.
Objects outside a viewer's scope answer 404, like missing ones.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import path_within, q_path_within, roles_of
from yichuang.participation.models import ActionItem, BreakoutGroup, Meeting, MicroWish, Proposal, Registration, Survey, Topic

# The keepers of an area's volunteers keep its residents' voice too: one rule, kept with the roster.
from yichuang.volunteers.permissions import keeper_paths
from yichuang.voting.permissions import is_resident_of as is_resident_of  # for the services, with the other rules
from yichuang.voting.permissions import resident_area_paths, resident_paths

ADOPTERS = (Role.DONOR, Role.VOLUNTEER, Role.RESIDENT)
PUBLIC_STATUSES = (MicroWish.Status.PUBLISHED, MicroWish.Status.ADOPTED, MicroWish.Status.FULFILLED,
                   MicroWish.Status.CLOSED)


def keeps_area(user, area) -> bool:
    return path_within(area.path, keeper_paths(user))


def keeps(user, wish: MicroWish) -> bool:
    return keeps_area(user, wish.area)


def kept_wishes(user) -> QuerySet[MicroWish]:
    """Every wish of the viewer's communities, whatever its state."""
    return MicroWish.objects.filter(q_path_within("area__path", keeper_paths(user)))


def public_wishes() -> QuerySet[MicroWish]:
    return MicroWish.objects.filter(status__in=PUBLIC_STATUSES)


def own_wishes(user) -> QuerySet[MicroWish]:
    """Wishes the viewer adopted, or that were posted for them."""
    if not getattr(user, "is_authenticated", False):
        return MicroWish.objects.none()
    return MicroWish.objects.filter(Q(adopter=user) | Q(beneficiary_user=user))


def access_wish(user, pk) -> MicroWish:
    """A wish the viewer keeps, adopted, is the subject of, or may see because it is public."""
    rows = public_wishes()
    if getattr(user, "is_authenticated", False):
        rows = MicroWish.objects.filter(Q(status__in=PUBLIC_STATUSES) | Q(adopter=user) | Q(beneficiary_user=user)
                                        | q_path_within("area__path", keeper_paths(user)))
    return get_object_or_404(rows.select_related("area", "adopter", "posted_by", "checked_by", "confirmed_by"), pk=pk)


def sees_private(user, wish: MicroWish) -> bool:
    """The resident's name and the staff's notes: keepers and the resident themself."""
    return keeps(user, wish) or (wish.beneficiary_user_id is not None and wish.beneficiary_user_id == user.pk)


def may_adopt(user) -> bool:
    """Donors, volunteers and verified residents (their roles are explicit grants: the operator adopts nothing)."""
    return getattr(user, "is_authenticated", False) and bool(roles_of(user) & set(ADOPTERS))


def may_post(user) -> bool:
    return bool(keeper_paths(user))


def in_menu(user) -> bool:
    """A main-menu section for community workers and for the people who adopt wishes; program
    officers reach it from their home page, which keeps their long menus on one line."""
    return bool(roles_of(user) & {Role.COMMUNITY_WORKER, *ADOPTERS})


def deliberation_in_menu(user) -> bool:
    """Residents and community workers see Deliberation in the main menu; officers reach it from home."""
    return bool(resident_paths(user)) or Role.COMMUNITY_WORKER in roles_of(user)


# --- Surveys ----------------------------------------------------------------------------------

def kept_surveys(user) -> QuerySet[Survey]:
    return Survey.objects.filter(q_path_within("area__path", keeper_paths(user)))


def access_kept_survey(user, pk) -> Survey:
    return get_object_or_404(kept_surveys(user).select_related("area", "created_by"), pk=pk)


def surveys_for_resident(user) -> QuerySet[Survey]:
    """Open identified surveys of the areas the viewer is a verified resident of."""
    paths = resident_area_paths(user)
    if not paths:
        return Survey.objects.none()
    return Survey.objects.filter(area__path__in=paths, status=Survey.Status.OPEN, mode=Survey.Mode.IDENTIFIED)


# --- Topics -----------------------------------------------------------------------------------

def keepers_of(area):
    """The community workers of an area and of the areas above it (they moderate its topics)."""
    from yichuang.accounts.models import User
    from yichuang.accounts.scopes import ancestor_paths

    return User.objects.filter(grants__role=Role.COMMUNITY_WORKER, grants__area__path__in=ancestor_paths(area.path),
                               is_active=True).distinct()


def visible_topics(user) -> QuerySet[Topic]:
    """Open topics for everyone; hidden and removed ones for the area's keepers, and for whoever proposed them."""
    q = Q(status=Topic.Status.OPEN)
    if getattr(user, "is_authenticated", False):
        q |= Q(proposed_by=user) | q_path_within("area__path", keeper_paths(user))
    return Topic.objects.filter(q)


def access_topic(user, pk) -> Topic:
    return get_object_or_404(visible_topics(user).select_related("area__parent", "proposed_by", "moderated_by"), pk=pk)


def may_propose(user) -> bool:
    return bool(resident_paths(user) or keeper_paths(user)) if getattr(user, "is_authenticated", False) else False


# --- Meetings ---------------------------------------------------------------------------------
# A meeting is public once registration opens (its agenda, counts, resolution and action items; never
# who attended); while it is being prepared only the community's keepers see it.

def visible_meetings(user) -> QuerySet[Meeting]:
    q = ~Q(status=Meeting.Status.DRAFT)
    if getattr(user, "is_authenticated", False):
        q |= q_path_within("area__path", keeper_paths(user))
    return Meeting.objects.filter(q)


def access_meeting(user, pk) -> Meeting:
    return get_object_or_404(visible_meetings(user).select_related("area__parent", "organizer"), pk=pk)


def access_kept_meeting(user, pk) -> Meeting:
    meeting = access_meeting(user, pk)
    if not keeps_area(user, meeting.area):
        raise Http404
    return meeting


def may_register(user, meeting: Meeting) -> bool:
    return is_resident_of(user, meeting.area)


def access_registration(user, pk) -> Registration:
    """One's own registration, or any of a kept meeting's."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    rows = Registration.objects.filter(Q(user=user) | q_path_within("meeting__area__path", keeper_paths(user)))
    return get_object_or_404(rows.select_related("meeting__area"), pk=pk)


def access_group(user, pk) -> BreakoutGroup:
    return get_object_or_404(BreakoutGroup.objects.filter(meeting__in=visible_meetings(user))
                             .select_related("meeting__area"), pk=pk)


def access_proposal(user, pk) -> Proposal:
    return get_object_or_404(Proposal.objects.filter(meeting__in=visible_meetings(user))
                             .select_related("meeting__area"), pk=pk)


def access_kept_action(user, pk) -> ActionItem:
    rows = ActionItem.objects.filter(q_path_within("meeting__area__path", keeper_paths(user)))
    return get_object_or_404(rows.select_related("meeting__area"), pk=pk)


# --- Needs ------------------------------------------------------------------------------------

def citable_applications(user):
    """The viewer's organizations' applications they can still edit: where a need can be cited."""
    from yichuang.applications.permissions import own_applications

    if not getattr(user, "is_authenticated", False):
        return own_applications(user).none()
    return own_applications(user).filter(state__applicant_editable=True)
