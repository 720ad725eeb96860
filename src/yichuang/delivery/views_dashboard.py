"""The dashboard page: filters, charts drawn by ECharts from the same rows the tables show, Excel exports."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from yichuang.core.exports import Sheet, xlsx_response
from yichuang.core.forms import StyledFormMixin
from yichuang.delivery import dashboard
from yichuang.kernel.money import Money
from yichuang.places.models import Area, AreaLevel, ServiceDomain
from yichuang.programs.permissions import staff_programs
from yichuang.projects.models import Project


class DashboardFilterForm(StyledFormMixin, forms.Form):
    program = forms.TypedChoiceField(label=_("Program"), required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    area = forms.TypedChoiceField(label=_("Street or community"), required=False, coerce=int, empty_value=None)
    domain = forms.TypedChoiceField(label=_("Domain"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        programs = projects.values_list("program_id", "program__name").distinct().order_by("-program__year", "program__name")
        self.fields["program"].choices = every + list(programs)
        self.fields["year"].choices = every + [(y, y) for y in projects.values_list("program__year", flat=True)
                                               .distinct().order_by("-program__year")]
        communities = Area.objects.filter(pk__in=projects.values("application__community"))
        areas = Area.objects.filter(pk__in=communities.values("parent")).order_by("path") | communities
        self.fields["area"].choices = every + [(a.pk, a.name if a.level == AreaLevel.STREET else f"　{a.name}")
                                               for a in areas.order_by("path")]
        self.fields["domain"].choices = every + list(ServiceDomain.objects.filter(
            pk__in=projects.values("application__domain"))
            .values_list("pk", "name_en" if translation.get_language() == "en" else "name_zh"))
        self.style_fields()


def _scoped(user):
    programs = staff_programs(user)
    if not programs.exists():
        raise PermissionDenied
    return Project.objects.filter(program__in=programs)


@login_required
def dashboard_page(request):
    projects = _scoped(request.user)
    form = DashboardFilterForm(request.GET or None, projects=projects)
    filters = dashboard.Filters()
    area = None
    if form.is_valid():
        data = form.cleaned_data
        area = Area.objects.filter(pk=data["area"]).first() if data["area"] else None
        filters = dashboard.Filters(program=data["program"], year=data["year"], domain=data["domain"],
                                    area_path=area.path if area else "")
    charts = dashboard.charts(filters.apply(projects), street_level=bool(area and area.level != AreaLevel.DISTRICT))
    export = request.GET.get("export")
    if export:
        chosen = [c for c in charts if export in (c.code, "all")]
        if not chosen:
            raise Http404
        return xlsx_response(f"dashboard-{export}.xlsx", [_sheet(c) for c in chosen])
    query = request.GET.copy()
    query.pop("export", None)
    return render(request, "delivery/dashboard.html", {"form": form, "charts": charts, "query": query.urlencode(),
                                                       "filtered": bool(request.GET and form.is_valid() and any(form.cleaned_data.values()))})


def _sheet(chart: dashboard.Chart) -> Sheet:
    rows = [[Money(v) if i in chart.money_columns else v for i, v in enumerate(row)] for row in chart.rows]
    return Sheet(str(chart.title), [str(h) for h in chart.headers], rows)
