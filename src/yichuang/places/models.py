"""Places (the administrative tree) and the organizations placed in it. Models stay slim:
writes go through places.services, reads that span relations through places.queries."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class AreaLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    DISTRICT = "district", _("District")
    STREET = "street", _("Street or town")
    COMMUNITY = "community", _("Community or village")


LEVEL_ORDER = [AreaLevel.PROVINCE, AreaLevel.CITY, AreaLevel.DISTRICT, AreaLevel.STREET, AreaLevel.COMMUNITY]
# Length of the administrative code at each level (GB/T 2260 plus the 12-digit statistical codes).
CODE_LENGTH = {
    AreaLevel.PROVINCE: 2,
    AreaLevel.CITY: 4,
    AreaLevel.DISTRICT: 6,
    AreaLevel.STREET: 9,
    AreaLevel.COMMUNITY: 12,
}


class Area(models.Model):
    code = models.CharField(_("administrative code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=16, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    # "/32/3204/320412/": a subtree is one indexed prefix match, whatever its depth.
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False)
    code_official = models.BooleanField(_("official code"), default=True)
    name_sort = models.CharField(max_length=400, editable=False, db_index=True)
    search_text = models.CharField(max_length=600, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def contains(self, other: "Area") -> bool:
        return other.path.startswith(self.path)


class ServiceDomain(models.Model):
    """A field of service (养老服务, 助残助孤 …). Labels are data, kept in both languages."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("service domain")
        verbose_name_plural = _("service domains")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_zh


class OrganizationType(models.TextChoices):
    SOCIAL_GROUP = "social_group", _("Social group (社会团体)")
    PRIVATE_NON_ENTERPRISE = "private_non_enterprise", _("Private non-enterprise unit (民办非企业单位)")
    FOUNDATION = "foundation", _("Foundation (基金会)")
    COMMUNITY_GROUP = "community_group", _("Unregistered community group (社区社会组织)")
    SOCIAL_WORK_STATION = "social_work_station", _("Social-work station (社工站)")
    ENTERPRISE = "enterprise", _("Enterprise (企业)")
    GOVERNMENT = "government", _("Government department (政府部门)")
    HUB = "hub", _("Hub organization (枢纽型社会组织)")


# Registered with a civil-affairs or market authority, so a credit code is mandatory.
USCC_REQUIRED = frozenset(
    {
        OrganizationType.SOCIAL_GROUP,
        OrganizationType.PRIVATE_NON_ENTERPRISE,
        OrganizationType.FOUNDATION,
        OrganizationType.ENTERPRISE,
        OrganizationType.HUB,
    }
)


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    uscc = models.CharField(_("unified social credit code"), max_length=18, null=True, blank=True, unique=True)
    org_type = models.CharField(_("type"), max_length=32, choices=OrganizationType.choices)
    registering_authority = models.CharField(_("registering authority"), max_length=100, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("area"))
    charter_scope = models.TextField(_("charter scope"), max_length=2000, blank=True)
    domains = models.ManyToManyField(ServiceDomain, blank=True, related_name="+", verbose_name=_("service domains"))
    established_on = models.DateField(_("established on"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    name_sort = models.CharField(max_length=600, editable=False, db_index=True)
    search_text = models.CharField(max_length=900, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_sort", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_registered(self) -> bool:
        return bool(self.uscc)


class CreditFlagKind(models.TextChoices):
    ABNORMAL_OPERATION = "abnormal_operation", _("List of organizations with abnormal activities (活动异常名录)")
    SERIOUS_DISHONESTY = "serious_dishonesty", _("List of seriously illegal and dishonest organizations (严重违法失信名单)")
    # Recorded by the platform itself when an officer decides that a funded project failed its
    # evaluation: the organization may not apply until the flag's end (the program's bar period).
    FAILED_EVALUATION = "failed_evaluation", _("Failed a project evaluation: barred from applying until the date shown")


class CreditFlag(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="credit_flags", verbose_name=_("organization")
    )
    kind = models.CharField(_("list"), max_length=32, choices=CreditFlagKind.choices)
    listed_on = models.DateField(_("listed on"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    authority = models.CharField(_("listing authority"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("credit flag")
        verbose_name_plural = _("credit flags")
        ordering = ["-listed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.listed_on:%Y-%m-%d}"

    def is_active_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.listed_on <= day and (self.removed_on is None or self.removed_on > day)
