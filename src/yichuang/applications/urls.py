from django.urls import path

from yichuang.applications import views_applicant as applicant
from yichuang.applications import views_notices as notices
from yichuang.applications import views_staff as staff

app_name = "applications"

urlpatterns = [
    path("mine/", applicant.my_applications, name="mine"),
    path("start/<int:program_pk>/", applicant.start, name="start"),
    path("mine/<int:pk>/", applicant.detail, name="own-detail"),
    path("mine/<int:pk>/edit/", applicant.edit, name="edit"),
    path("mine/<int:pk>/autosave/", applicant.autosave, name="autosave"),
    path("mine/<int:pk>/step/", applicant.transition, name="own-transition"),
    path("mine/<int:pk>/attachments/", applicant.attachment_add, name="attachment-add"),
    path("mine/<int:pk>/attachments/<int:attachment_pk>/remove/", applicant.attachment_remove, name="attachment-remove"),
    path("<int:pk>/attachments/<int:attachment_pk>/", staff.attachment_download, name="attachment-download"),
    path("program/<int:program_pk>/", staff.staff_list, name="staff-list"),
    path("program/<int:program_pk>/export.xlsx", staff.staff_export, name="staff-export"),
    path("program/<int:program_pk>/notices/new/", notices.notice_create, name="notice-create"),
    path("<int:pk>/", staff.staff_detail, name="staff-detail"),
    path("<int:pk>/step/", staff.staff_transition, name="staff-transition"),
    path("<int:pk>/versions/<int:old>/<int:new>/", staff.version_diff, name="version-diff"),
    path("<int:pk>/duplicates/<int:duplicate_pk>/", staff.compare, name="compare"),
    path("<int:pk>/pdf/", staff.pdf, name="pdf"),
    path("notices/<int:pk>/", notices.notice_manage, name="notice-manage"),
    path("notices/<int:pk>/edit/", notices.notice_edit, name="notice-edit"),
    path("notices/<int:pk>/delete/", notices.notice_delete, name="notice-delete"),
    path("notices/<int:pk>/withdraw/", notices.notice_withdraw, name="notice-withdraw"),
    path("notices/<int:pk>/publish/", notices.notice_publish, name="notice-publish"),
    path("notices/<int:pk>/finalize/", notices.notice_finalize, name="notice-finalize"),
    path("notices/<int:pk>/objections/<int:objection_pk>/answer/", notices.objection_answer, name="objection-answer"),
    path("notices/<int:pk>/objections/<int:objection_pk>/close/", notices.objection_close, name="objection-close"),
    path("public/notices/", notices.public_notices, name="public-notices"),
    path("public/notices/<int:pk>/", notices.public_notice, name="public-notice"),
]
