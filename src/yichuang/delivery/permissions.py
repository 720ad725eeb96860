"""Who may see and record delivery. Whoever sees a project sees its records (the grantee, the
program's officers, supervisors and auditors); the grantee's members record and ask for corrections;
the program's officers decide corrections. Names of people served are never shown to the public."""

from __future__ import annotations

import rules
from django.shortcuts import get_object_or_404

from yichuang.delivery.models import Activity, ActivityCorrection, ActivityPhoto
from yichuang.projects.models import ProjectStatus
from yichuang.projects.permissions import is_grantee, is_officer, visible_projects


@rules.predicate
def is_open(user, project) -> bool:
    return project.status != ProjectStatus.CLOSED


can_record = is_grantee & is_open
can_decide_correction = is_officer & is_open

rules.add_perm("delivery.record_activity", can_record)
rules.add_perm("delivery.decide_correction", can_decide_correction)


def access_activity(user, pk) -> Activity:
    return get_object_or_404(Activity.objects.select_related("project__program__area", "project__organization",
                                                             "project__application", "recorded_by")
                             .filter(project__in=visible_projects(user)), pk=pk)


def access_photo(user, pk) -> ActivityPhoto:
    return get_object_or_404(ActivityPhoto.objects.filter(activity__project__in=visible_projects(user)), pk=pk)


def access_correction(user, pk) -> ActivityCorrection:
    return get_object_or_404(ActivityCorrection.objects.select_related("activity__project__program__area")
                             .filter(activity__project__in=visible_projects(user)), pk=pk)
