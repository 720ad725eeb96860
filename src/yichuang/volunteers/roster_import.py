"""Excel roster import (登记造册): the columns organizations already keep, checked row by row with the
same rules as registration, written in the background.

Every row is checked first (progress moves as rows are checked); then either nothing is written (all
or nothing, when any row has a problem) or every good row is written in one transaction, so a
killed worker leaves no half-imported roster. One audit row records the import, its file and counts.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from yichuang.core import crypto
from yichuang.core.audit import log_action
from yichuang.core.sheets import read_sheet, text
from yichuang.core.uploads import check_upload
from yichuang.kernel import volunteers as rules
from yichuang.kernel.chinese import pinyin_sort_key
from yichuang.places.models import Area, AreaLevel, Organization
from yichuang.volunteers import permissions
from yichuang.volunteers.consent import CONSENT_VERSION
from yichuang.volunteers.models import (
    Consent,
    Gender,
    IdKind,
    RosterImport,
    ServiceCategory,
    Skill,
    Volunteer,
)
from yichuang.volunteers.registration import Registration, clean_registration, id_lookup

MAX_ROWS = 100_000
BATCH = 2000

# The headings people use, in the order of the template; Chinese first (the template's), then English.
HEADINGS = {
    "name": ("姓名", "name", "full name"),
    "gender": ("性别", "gender"),
    "birth_date": ("出生日期", "date of birth"),
    "id_kind": ("证件类型", "identity document"),
    "id_number": ("证件号码", "身份证号码", "document number"),
    "community": ("居住社区", "居住区域", "community"),
    "phone": ("手机号码", "联系方式", "mobile number"),
    "skills": ("专业技能", "skills"),
    "categories": ("服务类别", "service categories"),
    "skills_note": ("其他特长", "other skills"),
    "guardian_name": ("监护人姓名", "guardian"),
    "guardian_phone": ("监护人手机号", "guardian's mobile number"),
}


def _labels(choices) -> dict[str, str]:
    """Every way a choice may be written in a sheet: its code and its label in each language."""
    from django.conf import settings

    found = {}
    for code, label in choices.choices:
        found[code.lower()] = code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                found[str(label).strip().lower()] = code
    found.update({"身份证": IdKind.RESIDENT_ID, "男性": Gender.MALE, "女性": Gender.FEMALE})
    return found


def _codes(cell, labels: dict[str, str], what: str) -> list[str]:
    codes = []
    for part in re.split(r"[、,，;；/\s]+", text(cell)):
        if part:
            code = labels.get(part.lower())
            if code is None:
                raise ValidationError(_("Unknown %(what)s “%(value)s”.") % {"what": what, "value": part})
            codes.append(code)
    return codes


def _date(cell) -> dt.date | None:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    value = text(cell)
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("“%(value)s” is not a date; write it as 1990-05-20.") % {"value": value})


class _Reader:
    """Turns one row into a Registration, or raises ValidationError saying what is wrong."""

    def __init__(self, organization: Organization) -> None:
        district = organization.area.path.split("/")[:4]  # /province/city/district/
        prefix = "/".join(district) + "/" if len(district) == 4 else organization.area.path
        self.communities: dict[str, list[Area]] = {}
        for area in Area.objects.filter(level=AreaLevel.COMMUNITY, path__startswith=prefix):
            self.communities.setdefault(area.code, []).append(area)
            self.communities.setdefault(area.name, []).append(area)
        self.genders, self.kinds = _labels(Gender), _labels(IdKind)
        self.skills, self.categories = _labels(Skill), _labels(ServiceCategory)

    def community(self, cell) -> Area:
        found = self.communities.get(text(cell), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise ValidationError(_("Several communities are called “%(value)s”; write the community's code.")
                                  % {"value": text(cell)})
        raise ValidationError(_("No community “%(value)s” in this district.") % {"value": text(cell)})

    def registration(self, row: dict) -> Registration:
        name = text(row.get("name"))
        if not name:
            raise ValidationError(_("The name is missing."))
        kind_text = text(row.get("id_kind"))
        kind = self.kinds.get(kind_text.lower()) if kind_text else IdKind.RESIDENT_ID
        if kind is None:
            raise ValidationError(_("Unknown identity document “%(value)s”.") % {"value": kind_text})
        number = text(row.get("id_number"))
        gender = self.genders.get(text(row.get("gender")).lower(), "")
        birth = _date(row.get("birth_date"))
        if kind in rules.ENCODES_BIRTH and number:  # the number says them when the sheet does not
            try:
                normal = rules.normalise_document(kind, number)
                birth = birth or dt.date(int(normal[6:10]), int(normal[10:12]), int(normal[12:14]))
                gender = gender or ("male" if int(normal[16]) % 2 else "female")
            except (rules.IdentifierError, ValueError):
                pass  # clean_registration says what is wrong with the number
        if birth is None:
            raise ValidationError(_("The date of birth is missing."))
        return Registration(
            name=name, gender=gender, birth_date=birth, id_kind=kind, id_number=number,
            area=self.community(row.get("community")), phone=text(row.get("phone")),
            skills=_codes(row.get("skills"), self.skills, _("skill")),
            categories=_codes(row.get("categories"), self.categories, _("service category")),
            skills_note=text(row.get("skills_note"))[:200], sensitive_consent=True,
            guardian_name=text(row.get("guardian_name")), guardian_phone=text(row.get("guardian_phone")))


@transaction.atomic
def roster_import_start(*, actor, organization: Organization, upload, mode: str, paper_consent: bool) -> RosterImport:
    if not permissions.manages_organization(actor, organization.pk, organization.area.path):
        raise PermissionDenied
    if not paper_consent:
        raise ValidationError(_("Importing a roster needs everyone's signed consent form; confirm you hold them."))
    if mode not in RosterImport.Mode.values:
        raise ValidationError(_("Choose what to do with rows that have a problem."))
    check_upload(upload, allowed=["xlsx"], max_mb=30, field=_("Roster"))
    job = RosterImport.objects.create(organization=organization, mode=mode, file=upload, filename=upload.name[:200],
                                      requested_by=actor)
    log_action(actor=actor, action="volunteers.roster.import_started", obj=job,
               after={"file": job.filename, "mode": mode}, area_path=organization.area.path)
    transaction.on_commit(lambda: import_roster.enqueue(job.pk))
    return job


@task()
def import_roster(job_id: int) -> None:
    job = RosterImport.objects.select_related("organization__area", "requested_by").get(pk=job_id)
    if job.status != RosterImport.Status.QUEUED:
        return  # a retried delivery of the same task
    RosterImport.objects.filter(pk=job_id).update(status=RosterImport.Status.RUNNING, progress=1)
    with translation.override(job.requested_by.language or None):
        try:
            with job.file.open("rb") as handle:
                rows = read_sheet(handle, HEADINGS, required="name", max_rows=MAX_ROWS)
        except ValidationError as error:
            RosterImport.objects.filter(pk=job_id).update(status=RosterImport.Status.FAILED, error=" ".join(error.messages),
                                                          finished_at=timezone.now())
            return
        prepared, problems = _check_rows(job, rows)
    created = 0
    if prepared and not (problems and job.mode == RosterImport.Mode.ALL_OR_NOTHING):
        created = _write(job, prepared)
    RosterImport.objects.filter(pk=job_id).update(status=RosterImport.Status.DONE, progress=100, rows=len(rows),
                                                  created=created, problems=problems, finished_at=timezone.now())


def _check_rows(job: RosterImport, rows: list) -> tuple[list, list]:
    reader = _Reader(job.organization)
    today = timezone.localdate()
    prepared, problems, seen = [], [], {}
    step = max(1, len(rows) // 50)
    for index, (number, row) in enumerate(rows):
        try:
            data = reader.registration(row)
            document, phone, guardian_phone = clean_registration(data, today)
            lookup = id_lookup(data.id_kind, document)
            if lookup in seen:
                raise ValidationError(_("The same person as row %(row)s.") % {"row": seen[lookup]})
            seen[lookup] = number
            prepared.append((number, data, document, phone, guardian_phone, lookup))
        except ValidationError as error:
            problems.append([number, " ".join(error.messages)])
        if index % step == 0:
            RosterImport.objects.filter(pk=job.pk).update(progress=1 + 89 * index // max(1, len(rows)))
    registered = set()
    lookups = [item[5] for item in prepared]
    for start in range(0, len(lookups), BATCH):
        registered |= set(Volunteer.objects.filter(id_lookup__in=lookups[start:start + BATCH])
                          .values_list("id_lookup", flat=True))
    if registered:
        problems += [[item[0], _("This person is already registered as a volunteer (same identity document).")]
                     for item in prepared if item[5] in registered]
        prepared = [item for item in prepared if item[5] not in registered]
    problems.sort()
    return prepared, problems


def _numbers(count: int, prefix: str) -> list[str]:
    """Fresh random volunteer numbers, unique among themselves and against the roster."""
    chosen: set[str] = set()
    while len(chosen) < count:
        batch = {prefix + "".join(secrets.choice("0123456789") for _ in range(8)) for _ in range(count - len(chosen))}
        batch -= chosen
        taken = set()
        candidates = sorted(batch)
        for start in range(0, len(candidates), BATCH):
            taken |= set(Volunteer.objects.filter(number__in=candidates[start:start + BATCH]).values_list("number", flat=True))
        chosen |= batch - taken
    return sorted(chosen)


def _write(job: RosterImport, prepared: list) -> int:
    now = timezone.now()
    organization, actor = job.organization, job.requested_by
    with transaction.atomic():
        by_prefix: dict[str, list] = {}
        for item in prepared:
            by_prefix.setdefault(item[1].area.code[:6], []).append(item)
        volunteers = []
        for prefix, items in by_prefix.items():
            for (_row, data, document, phone, guardian_phone, lookup), number in zip(items, _numbers(len(items), prefix)):
                volunteers.append(Volunteer(
                    number=number, name=data.name, name_sort=pinyin_sort_key(data.name), gender=data.gender,
                    birth_date=data.birth_date, id_kind=data.id_kind, id_cipher=crypto.encrypt(document), id_lookup=lookup,
                    id_masked=rules.mask_document(document), area=data.area, phone=phone, skills=sorted(set(data.skills)),
                    skills_note=data.skills_note, categories=sorted(set(data.categories)), guardian_name=data.guardian_name,
                    guardian_phone=guardian_phone, registered_via=Volunteer.Via.ORGANIZATION, organization=organization,
                    registered_by=actor))
        created = Volunteer.objects.bulk_create(volunteers, batch_size=BATCH)
        consents = []
        for volunteer in created:
            purposes = [Consent.Purpose.REGISTRATION, Consent.Purpose.SENSITIVE]
            if volunteer.guardian_name:
                purposes.append(Consent.Purpose.GUARDIAN)
            consents += [Consent(volunteer=volunteer, purpose=purpose, text_version=CONSENT_VERSION,
                                 method=Consent.Method.PAPER, recorded_by=actor, given_at=now,
                                 given_by_name=volunteer.guardian_name if purpose == Consent.Purpose.GUARDIAN
                                 else volunteer.name) for purpose in purposes]
        Consent.objects.bulk_create(consents, batch_size=BATCH)
        log_action(actor=actor, action="volunteers.roster.imported", obj=job,
                   after={"file": job.filename, "created": len(created)}, area_path=organization.area.path)
    return len(created)
