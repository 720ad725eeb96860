"""Sample data set in the past. Services refuse to backdate (a notice never starts before it is
published), so the demo and the tests make records the ordinary way, then move their dates:
time passing is not an action and leaves no audit row."""

from __future__ import annotations

from django.utils import timezone

from yichuang.applications.models import PublicNotice
from yichuang.core.calendar import earliest_end


def call_closed(admin, program, closes_at) -> None:
    """The call was open only while the sample applications went in; its deadline is back in the past,
    so the call is no longer listed as open (the change is audited, with the reason)."""
    from yichuang.programs.services import program_update

    program.refresh_from_db()
    program_update(actor=admin, program=program, data={"applications_close_at": closes_at},
                   expected_version=program.version, reason="示例数据：恢复实际申报截止时间")


def notice_period(program):
    """The shortest period a notice of ``program`` opening now may have."""
    opens_at = timezone.now()
    return opens_at, earliest_end(opens_at, program.notice_min_working_days)


def notice_ran(notice: PublicNotice, opens_at, closes_at) -> None:
    """Let ``notice`` have run from ``opens_at`` to ``closes_at`` (published when it opened)."""
    fields = {"opens_at": opens_at, "closes_at": closes_at}
    if notice.published_at is not None:
        fields["published_at"] = opens_at
    PublicNotice.objects.filter(pk=notice.pk).update(**fields)
