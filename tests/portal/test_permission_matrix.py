"""Every page × every demo role → the status that role must get. Written out in full on purpose:
a new page or role must be added here, with a decision, before it is covered."""

from __future__ import annotations

import os
import re

import pytest
from django.urls import reverse

from tests.demo_world import demo_load
from yichuang.accounts.models import User
from yichuang.applications.models import Application, NearDuplicate, PublicNotice
from yichuang.places.models import Area, Organization
from yichuang.programs.models import Program
from yichuang.programs.queries import open_calls
from yichuang.projects.models import Project
from yichuang.reviews.models import Assignment, Expert, RoadshowSession
from yichuang.voting.models import Vote

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "officer", "officer.shushan", "expert", "org", "supervisor", "community",
         "volunteer", "resident", "donor", "auditor"]

# Columns follow ROLES. L = redirect to log-in (302), A = admin redirect (302).
MATRIX = {
    "public-home":          "200 200 200 200 200 200 200 200 200 200 200 200",
    "healthz":              "200 200 200 200 200 200 200 200 200 200 200 200",
    "home":                 "L   200 200 200 200 200 200 200 200 200 200 200",
    "area-list":            "L   200 200 200 403 403 200 200 403 403 403 200",
    "area-wujin":           "L   200 200 404 404 404 200 404 404 404 404 200",
    "area-wujin-edit":      "L   200 200 404 404 404 403 404 404 404 404 403",
    "area-wujin-new":       "L   200 200 404 404 404 403 404 404 404 404 403",
    "area-shushan":         "L   200 404 200 404 404 404 404 404 404 404 404",
    "org-list":             "L   200 200 200 403 200 200 200 403 403 403 200",
    "org-new":              "L   200 200 200 403 403 403 200 403 403 403 403",
    "org-yineng":           "L   200 200 404 404 200 200 404 404 404 404 200",
    "org-yineng-edit":      "L   200 200 404 404 200 403 404 404 404 404 403",
    "org-yineng-flag":      "L   200 200 404 404 403 403 404 404 404 404 403",
    "org-agan":             "L   200 404 200 404 404 404 404 404 404 404 404",
    "audit-list":           "L   200 200 200 403 403 403 403 403 403 403 200",
    "audit-yineng":         "L   200 200 404 403 403 403 403 403 403 403 200",
    "admin":                "A   200 A   A   A   A   A   A   A   A   A   A",
    "program-list":         "L   200 200 200 403 403 200 403 403 403 403 200",
    "program-new":          "L   200 200 200 403 403 403 403 403 403 403 403",
    "program-wujin":        "L   200 200 404 404 404 200 404 404 404 404 200",
    "program-wujin-edit":   "L   200 200 404 404 404 403 404 404 404 404 403",
    "program-rubric":       "L   200 200 404 404 404 403 404 404 404 404 403",
    "program-workflow":     "L   200 200 404 404 404 200 404 404 404 404 200",
    "call-list":            "200 200 200 200 200 200 200 200 200 200 200 200",
    "call-open":            "200 200 200 200 200 200 200 200 200 200 200 200",
    "my-applications":      "L   403 403 403 403 200 403 403 403 403 403 403",
    "own-yineng":           "L   404 404 404 404 200 404 404 404 404 404 404",
    "edit-yineng":          "L   404 404 404 404 302 404 404 404 404 404 404",
    "staff-list":           "L   200 200 404 404 404 200 404 404 404 404 200",
    "staff-export":         "L   200 200 404 404 404 200 404 404 404 404 200",
    "staff-yineng":         "L   200 200 404 404 404 200 404 404 404 404 200",
    "pdf-yineng":           "L   200 200 404 404 200 200 404 404 404 404 200",
    "compare":              "L   200 200 404 404 404 200 404 404 404 404 200",
    "notice-new":           "L   200 200 404 404 404 403 404 404 404 404 403",
    "notice-manage":        "L   200 200 404 404 404 200 404 404 404 404 200",
    "notice-edit":          "L   302 302 404 404 404 403 404 404 404 404 403",
    "public-notices":       "200 200 200 200 200 200 200 200 200 200 200 200",
    "public-notice":        "200 200 200 200 200 200 200 200 200 200 200 200",
    "inbox":                "L   200 200 200 200 200 200 200 200 200 200 200",
    "expert-list":          "L   200 200 200 403 403 403 403 403 403 403 200",
    "expert-new":           "L   200 200 200 403 403 403 403 403 403 403 403",
    "expert-wujin":         "L   200 200 404 404 404 404 404 404 404 404 200",
    "expert-wujin-edit":    "L   200 200 404 404 404 404 404 404 404 404 403",
    "expert-import":        "L   200 200 200 403 403 403 403 403 403 403 403",
    "expert-template":      "L   200 200 200 403 403 403 403 403 403 403 403",
    "round":                "L   200 200 404 404 404 404 404 404 404 404 404",
    "round-assignments":    "L   200 200 404 404 404 404 404 404 404 404 404",
    "round-results":        "L   200 200 404 404 404 200 404 404 404 404 200",
    "round-explain":        "L   200 200 404 404 404 200 404 404 404 404 200",
    "roadshow":             "L   200 200 404 404 404 404 404 404 404 404 404",
    "roadshow-board":       "L   200 200 404 404 404 404 404 404 404 404 404",
    "my-reviews":           "L   403 403 403 200 403 403 403 403 403 403 403",
    "my-review":            "L   404 404 404 302 404 404 404 404 404 404 404",
    "my-confirm":           "L   404 404 404 200 404 404 404 404 404 404 404",
    "my-roadshow":          "L   404 404 404 200 404 404 404 404 404 404 404",
    "my-roadshow-now":      "L   404 404 404 200 404 404 404 404 404 404 404",
    "funding-decision":     "L   200 200 404 404 404 404 404 404 404 404 404",
    "program-projects":     "L   200 200 404 404 404 200 404 404 404 404 200",
    "my-projects":          "L   403 403 403 403 200 403 403 403 403 403 403",
    "vote-list":            "L   200 200 404 404 404 404 404 404 404 404 404",
    "vote-new":             "L   200 200 404 404 404 404 404 404 404 404 404",
    "my-votes":             "L   403 403 403 403 403 403 403 403 200 403 403",
    "xs-ballot":            "L   302 404 404 404 404 404 302 404 404 404 404",
    "xs-assisted":          "L   200 404 404 404 404 404 200 404 404 404 404",
    "xs-manage":            "L   200 404 404 404 404 404 404 404 404 404 404",
    "xs-paper-template":    "L   200 404 404 404 404 404 404 404 404 404 404",
    "xs-results":           "404 404 404 404 404 404 404 404 404 404 404 404",
    "ss-project":           "L   200 404 200 404 404 404 404 404 404 404 404",
    "ss-agreement":         "L   200 404 200 404 404 404 404 404 404 404 404",
    "ss-projects":          "L   200 404 200 404 404 404 404 404 404 404 404",
    "people-list":          "L   200 200 200 403 403 403 403 403 403 403 403",
    "people-invite":        "L   200 200 200 403 403 403 403 403 403 403 403",
    "people-org-member":    "L   200 200 404 403 403 403 403 403 403 403 403",
    "people-outbox":        "L   200 403 403 403 403 403 403 403 403 403 403",
    "join-unknown":         "410 410 410 410 410 410 410 410 410 410 410 410",
    "password-change":      "L   200 200 200 200 200 200 200 200 200 200 200",
    "password-reset":       "200 200 200 200 200 200 200 200 200 200 200 200",
    "password-reset-bad":   "200 200 200 200 200 200 200 200 200 200 200 200",
    "register-org":         "200 200 200 200 200 200 200 200 200 200 200 200",
    "registrations":        "L   200 200 200 403 403 403 403 403 403 403 403",
    "my-expert-profile":    "L   403 403 403 200 403 403 403 403 403 403 403",
    "audit-export":         "L   200 200 200 403 403 403 403 403 403 403 200",
    "resident-signup":      "200 200 200 200 200 200 200 200 200 200 200 200",
    "residents-verify":     "L   200 403 403 403 403 403 200 403 403 403 403",
    "colleagues":           "L   403 403 403 403 200 403 403 403 403 403 403",
    "wj-delivery":          "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-activity-new":      "L   403 403 404 404 200 403 404 404 404 404 403",
    "wj-beneficiaries":     "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-indicator-report":  "L   405 405 405 405 405 405 405 405 405 405 405",
    "wj-progress":          "L   200 200 404 404 404 200 404 404 404 404 200",
    "wj-activity":          "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-activity-photos":   "L   405 405 405 405 405 405 405 405 405 405 405",
    "wj-activity-correct":  "L   403 403 404 404 200 403 404 404 404 404 403",
    "wj-sign-in-sheet":     "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-photo":             "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-correction-decide": "L   405 405 405 405 405 405 405 405 405 405 405",
    "public-projects":      "200 200 200 200 200 200 200 200 200 200 200 200",
    "public-project":       "200 200 200 200 200 200 200 200 200 200 200 200",
    "wj-evaluations":       "L   200 200 404 404 404 200 404 404 404 404 200",
    "wj-evaluation":        "L   200 200 404 200 404 200 404 404 404 404 200",
    "wj-evaluation-sheet":  "L   405 405 405 405 405 405 405 405 405 405 405",
    "wj-evaluation-decide": "L   405 405 405 405 405 405 405 405 405 405 405",
    "my-evaluations":       "L   403 403 403 200 403 200 403 403 403 403 403",
    "wj-visit-new":         "L   200 403 404 404 403 200 404 404 404 404 403",
    "wj-visit":             "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-visit-photo":       "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-follow-up-done":    "L   405 405 405 405 405 405 405 405 405 405 405",
    "wj-follow-up-review":  "L   405 405 405 405 405 405 405 405 405 405 405",
    "dashboard":            "L   200 200 200 403 403 200 403 403 403 403 200",
    "wj-final-report":      "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-final-report-decide":"L   405 405 405 405 405 405 405 405 405 405 405",
    "reports":              "L   200 200 404 404 404 200 404 404 404 404 200",
    "report-request":       "L   405 405 405 405 405 405 405 405 405 405 405",
    "report-job":           "L   404 200 404 404 404 404 404 404 404 404 404",
    "report-download":      "L   404 302 404 404 404 404 404 404 404 404 404",
    "set-language":         "302 302 302 302 302 302 302 302 302 302 302 302",
    "js-catalog":           "200 200 200 200 200 200 200 200 200 200 200 200",
    "login":                "200 302 302 302 302 302 302 302 302 302 302 302",
    "logout":               "405 405 405 405 405 405 405 405 405 405 405 405",
    "language":             "405 405 405 405 405 405 405 405 405 405 405 405",
    "two-factor-setup":     "L   200 200 200 200 200 200 200 200 200 200 200",
    "two-factor-verify":    "L   200 200 200 200 200 200 200 200 200 200 200",
    "two-factor-codes":     "405 405 405 405 405 405 405 405 405 405 405 405",
    "two-factor-off":       "L   403 403 403 403 403 403 403 403 403 403 403",
    "reveal-org-phone":     "L   405 405 405 405 405 405 405 405 405 405 405",
    "invitation-revoke":    "L   405 405 405 405 405 405 405 405 405 405 405",
    "grant-add":            "L   405 405 405 405 405 405 405 405 405 405 405",
    "grant-remove":         "L   405 405 405 405 405 405 405 405 405 405 405",
    "set-active":           "L   405 405 405 405 405 405 405 405 405 405 405",
    "two-factor-reset":     "L   405 405 405 405 405 405 405 405 405 405 405",
    "registration":         "L   200 200 404 403 403 403 403 403 403 403 403",
    "registration-decide":  "L   405 405 405 405 405 405 405 405 405 405 405",
    "registration-certificate":"L   200 200 404 403 403 403 403 403 403 403 403",
    "resident-decide":      "L   405 405 405 405 405 405 405 405 405 405 405",
    "credit-flag-remove":   "L   200 200 404 404 404 403 404 404 404 404 403",
    "notification-open":    "L   405 405 405 405 405 405 405 405 405 405 405",
    "program-start":        "L   405 405 405 405 405 405 405 405 405 405 405",
    "workflow-copy":        "L   405 405 405 405 405 405 405 405 405 405 405",
    "transition-edit":      "L   200 200 404 404 404 403 404 404 404 404 403",
    "application-start":    "L   405 405 405 405 405 405 405 405 405 405 405",
    "autosave":             "L   405 405 405 405 405 405 405 405 405 405 405",
    "own-transition":       "L   405 405 405 405 405 405 405 405 405 405 405",
    "attachment-add":       "L   405 405 405 405 405 405 405 405 405 405 405",
    "attachment-remove":    "L   405 405 405 405 405 405 405 405 405 405 405",
    "attachment-download":  "L   200 200 404 404 200 200 404 404 404 404 200",
    "staff-transition":     "L   405 405 405 405 405 405 405 405 405 405 405",
    "version-diff":         "L   200 200 404 404 404 200 404 404 404 404 200",
    "notice-delete":        "L   405 405 405 405 405 405 405 405 405 405 405",
    "notice-withdraw":      "L   405 405 405 405 405 405 405 405 405 405 405",
    "notice-publish":       "L   405 405 405 405 405 405 405 405 405 405 405",
    "notice-finalize":      "L   405 405 405 405 405 405 405 405 405 405 405",
    "objection-answer":     "L   405 405 405 405 405 405 405 405 405 405 405",
    "objection-close":      "L   405 405 405 405 405 405 405 405 405 405 405",
    "expert-invite":        "L   405 405 405 405 405 405 405 405 405 405 405",
    "expert-invite-all":    "L   405 405 405 405 405 405 405 405 405 405 405",
    "roadshow-step":        "L   405 405 405 405 405 405 405 405 405 405 405",
    "my-roadshow-score":    "L   405 405 405 405 405 405 405 405 405 405 405",
    "round-assign":         "L   405 405 405 405 405 405 405 405 405 405 405",
    "round-step":           "L   405 405 405 405 405 405 405 405 405 405 405",
    "round-rule":           "L   405 405 405 405 405 405 405 405 405 405 405",
    "review-reopen":        "L   405 405 405 405 405 405 405 405 405 405 405",
    "my-declare":           "L   404 404 404 404 404 404 404 404 404 404 404",
    "funding-override":     "L   405 405 405 405 405 405 405 405 405 405 405",
    "funding-apply":        "L   405 405 405 405 405 405 405 405 405 405 405",
    "agreement-confirm":    "L   405 405 405 405 405 405 405 405 405 405 405",
    "expenditure-add":      "L   405 405 405 405 405 405 405 405 405 405 405",
    "adjustment-add":       "L   405 405 405 405 405 405 405 405 405 405 405",
    "adjustment-decide":    "L   405 405 405 405 405 405 405 405 405 405 405",
    "tranche-propose":      "L   405 405 405 405 405 405 405 405 405 405 405",
    "amendment-propose":    "L   405 405 405 405 405 405 405 405 405 405 405",
    "amendment-confirm":    "L   405 405 405 405 405 405 405 405 405 405 405",
    "voucher":              "L   200 404 200 404 404 404 404 404 404 404 404",
    "vote-open":            "L   405 405 405 405 405 405 405 405 405 405 405",
    "paper-import":         "L   405 405 405 405 405 405 405 405 405 405 405",
    "tally-publish":        "L   405 405 405 405 405 405 405 405 405 405 405",
    "vote-decision":        "L   405 405 405 405 405 405 405 405 405 405 405",
    "people-import":            "L   200 200 200 403 403 403 403 403 403 403 403",
    "people-import-template":   "L   200 200 200 403 403 403 403 403 403 403 403",
    "program-invite":           "L   200 200 404 404 404 403 404 404 404 404 403",
    "volunteers-home":    "L   302 302 302 302 302 302 302 302 302 302 302",
    "volunteer-register": "L   200 200 200 200 200 200 200 302 200 200 200",
    "volunteer-register-for": "L   200 200 200 403 200 403 200 403 403 403 403",
    "volunteer-me":       "L   302 302 302 302 302 302 302 200 302 302 302",
    "volunteer-my-data":  "L   403 403 403 403 403 403 403 200 403 403 403",
    "volunteer-delete-me": "L   403 403 403 403 403 403 403 200 403 403 403",
    "volunteer-roster":   "L   200 200 200 403 200 403 200 403 403 403 403",
    "volunteer-roster-export": "L   200 200 200 403 200 403 200 403 403 403 403",
    "volunteer-detail":   "L   200 404 404 404 404 404 200 404 404 404 404",
    "volunteer-reveal":   "L   405 405 405 405 405 405 405 405 405 405 405",
    "volunteer-honour":   "L   405 405 405 405 405 405 405 405 405 405 405",
    "team-list":          "L   200 200 200 200 200 200 200 200 200 200 200",
    "team-new":           "L   200 200 200 403 200 403 200 403 403 403 403",
    "team-weilao":        "L   200 200 200 200 200 200 200 200 200 200 200",
    "team-apply":         "L   405 405 405 405 405 405 405 405 405 405 405",
    "team-invite":        "L   405 405 405 405 405 405 405 405 405 405 405",
    "member-decide":      "L   405 405 405 405 405 405 405 405 405 405 405",
    "member-leader":      "L   405 405 405 405 405 405 405 405 405 405 405",
    "activity-list":      "L   200 200 200 200 200 200 200 200 200 200 200",
    "activity-new":       "L   200 200 200 403 200 403 200 403 403 403 403",
    "activity-meals":     "L   200 200 200 200 200 200 200 200 200 200 200",
    "activity-qr":        "L   200 404 404 404 404 404 200 404 404 404 404",
    "activity-close":     "L   405 405 405 405 405 405 405 405 405 405 405",
    "shift-meals":        "L   200 404 404 404 404 404 200 404 404 404 404",
    "shift-signup":       "L   405 405 405 405 405 405 405 405 405 405 405",
    "shift-scan":         "L   405 405 405 405 405 405 405 405 405 405 405",
    "shift-confirm":      "L   405 405 405 405 405 405 405 405 405 405 405",
    "signup-cancel":      "L   405 405 405 405 405 405 405 405 405 405 405",
    "scan-page":          "L   200 200 200 200 200 200 200 200 200 200 200",
    "records-work":       "L   200 200 200 403 200 403 200 403 403 403 403",
    "record-entry":       "L   200 200 200 403 200 403 200 403 403 403 403",
    "record-pending":     "L   200 404 404 404 404 404 200 404 404 404 404",
    "record-late":        "L   405 405 405 405 405 405 405 405 405 405 405",
    "vol-correction-decide": "L   405 405 405 405 405 405 405 405 405 405 405",
    "certificate-request": "L   302 302 302 302 302 302 302 200 302 302 302",
    "certificate-decide": "L   405 405 405 405 405 405 405 405 405 405 405",
    "certificate-pdf":    "L   200 404 404 404 404 404 200 200 404 404 404",
    "verify-form":        "200 200 200 200 200 200 200 200 200 200 200 200",
    "verify-number":      "200 200 200 200 200 200 200 200 200 200 200 200",
    "roster-import":      "L   200 200 200 403 200 403 200 403 403 403 403",
    "roster-import-template": "L   200 200 200 403 200 403 200 403 403 403 403",
    "roster-import-job":  "L   404 404 404 404 404 404 200 404 404 404 404",
    "roster-import-problems": "L   404 404 404 404 404 404 200 404 404 404 404",
    "hours-export":       "L   200 200 200 403 200 403 200 403 403 403 403",
    "api-root":           "404 404 404 404 404 404 404 404 404 404 404 404",
    "api-check-in":       "405 405 405 405 405 405 405 405 405 405 405 405",
    "reveal-volunteer-phone": "L   405 405 405 405 405 405 405 405 405 405 405",
}

POST_MATRIX = {
    "public-home":          "200 200 200 200 200 200 200 200 200 200 200 200",
    "healthz":              "200 200 200 200 200 200 200 200 200 200 200 200",
    "home":                 "L   200 200 200 200 200 200 200 200 200 200 200",
    "area-list":            "L   200 200 200 403 403 200 200 403 403 403 200",
    "area-wujin":           "L   200 200 404 404 404 200 404 404 404 404 200",
    "area-wujin-edit":      "L   200 200 404 404 404 403 404 404 404 404 403",
    "area-wujin-new":       "L   200 200 404 404 404 403 404 404 404 404 403",
    "area-shushan":         "L   200 404 200 404 404 404 404 404 404 404 404",
    "org-list":             "L   200 200 200 403 200 200 200 403 403 403 200",
    "org-new":              "L   200 200 200 403 403 403 200 403 403 403 403",
    "org-yineng":           "L   200 200 404 404 200 200 404 404 404 404 200",
    "org-yineng-edit":      "L   200 200 404 404 200 403 404 404 404 404 403",
    "org-yineng-flag":      "L   200 200 404 404 403 403 404 404 404 404 403",
    "org-agan":             "L   200 404 200 404 404 404 404 404 404 404 404",
    "audit-list":           "L   200 200 200 403 403 403 403 403 403 403 200",
    "audit-yineng":         "L   200 200 404 403 403 403 403 403 403 403 200",
    "admin":                "A   200 A   A   A   A   A   A   A   A   A   A",
    "program-list":         "L   200 200 200 403 403 200 403 403 403 403 200",
    "program-new":          "L   200 200 200 403 403 403 403 403 403 403 403",
    "program-wujin":        "L   200 200 404 404 404 200 404 404 404 404 200",
    "program-wujin-edit":   "L   200 200 404 404 404 403 404 404 404 404 403",
    "program-rubric":       "L   200 200 404 404 404 403 404 404 404 404 403",
    "program-workflow":     "L   200 200 404 404 404 200 404 404 404 404 200",
    "call-list":            "200 200 200 200 200 200 200 200 200 200 200 200",
    "call-open":            "200 200 200 200 200 200 200 200 200 200 200 200",
    "my-applications":      "L   403 403 403 403 200 403 403 403 403 403 403",
    "own-yineng":           "L   404 404 404 404 200 404 404 404 404 404 404",
    "edit-yineng":          "L   404 404 404 404 302 404 404 404 404 404 404",
    "staff-list":           "L   200 200 404 404 404 200 404 404 404 404 200",
    "staff-export":         "L   200 200 404 404 404 200 404 404 404 404 200",
    "staff-yineng":         "L   200 200 404 404 404 200 404 404 404 404 200",
    "pdf-yineng":           "L   200 200 404 404 200 200 404 404 404 404 200",
    "compare":              "L   200 200 404 404 404 200 404 404 404 404 200",
    "notice-new":           "L   200 200 404 404 404 403 404 404 404 404 403",
    "notice-manage":        "L   200 200 404 404 404 200 404 404 404 404 200",
    "notice-edit":          "L   302 302 404 404 404 403 404 404 404 404 403",
    "public-notices":       "200 200 200 200 200 200 200 200 200 200 200 200",
    "public-notice":        "200 200 200 200 200 200 200 200 200 200 200 200",
    "inbox":                "L   200 200 200 200 200 200 200 200 200 200 200",
    "expert-list":          "L   200 200 200 403 403 403 403 403 403 403 200",
    "expert-new":           "L   200 200 200 403 403 403 403 403 403 403 403",
    "expert-wujin":         "L   200 200 404 404 404 404 404 404 404 404 200",
    "expert-wujin-edit":    "L   200 200 404 404 404 404 404 404 404 404 403",
    "expert-import":        "L   200 200 200 403 403 403 403 403 403 403 403",
    "expert-template":      "L   200 200 200 403 403 403 403 403 403 403 403",
    "round":                "L   200 200 404 404 404 404 404 404 404 404 404",
    "round-assignments":    "L   200 200 404 404 404 404 404 404 404 404 404",
    "round-results":        "L   200 200 404 404 404 200 404 404 404 404 200",
    "round-explain":        "L   200 200 404 404 404 200 404 404 404 404 200",
    "roadshow":             "L   302 302 404 404 404 404 404 404 404 404 404",
    "roadshow-board":       "L   200 200 404 404 404 404 404 404 404 404 404",
    "my-reviews":           "L   403 403 403 200 403 403 403 403 403 403 403",
    "my-review":            "L   404 404 404 302 404 404 404 404 404 404 404",
    "my-confirm":           "L   404 404 404 302 404 404 404 404 404 404 404",
    "my-roadshow":          "L   404 404 404 200 404 404 404 404 404 404 404",
    "my-roadshow-now":      "L   404 404 404 200 404 404 404 404 404 404 404",
    "funding-decision":     "L   200 200 404 404 404 404 404 404 404 404 404",
    "program-projects":     "L   200 200 404 404 404 200 404 404 404 404 200",
    "my-projects":          "L   403 403 403 403 200 403 403 403 403 403 403",
    "vote-list":            "L   200 200 404 404 404 404 404 404 404 404 404",
    "vote-new":             "L   200 200 404 404 404 404 404 404 404 404 404",
    "my-votes":             "L   403 403 403 403 403 403 403 403 200 403 403",
    "xs-ballot":            "L   302 404 404 404 404 404 302 404 404 404 404",
    "xs-assisted":          "L   404 404 404 404 404 404 404 404 404 404 404",
    "xs-manage":            "L   200 404 404 404 404 404 404 404 404 404 404",
    "xs-paper-template":    "L   200 404 404 404 404 404 404 404 404 404 404",
    "xs-results":           "404 404 404 404 404 404 404 404 404 404 404 404",
    "ss-project":           "L   200 404 200 404 404 404 404 404 404 404 404",
    "ss-agreement":         "L   200 404 200 404 404 404 404 404 404 404 404",
    "ss-projects":          "L   200 404 200 404 404 404 404 404 404 404 404",
    "people-list":          "L   200 200 200 403 403 403 403 403 403 403 403",
    "people-invite":        "L   200 200 200 403 403 403 403 403 403 403 403",
    "people-org-member":    "L   200 200 404 403 403 403 403 403 403 403 403",
    "people-outbox":        "L   200 403 403 403 403 403 403 403 403 403 403",
    "join-unknown":         "410 410 410 410 410 410 410 410 410 410 410 410",
    "password-change":      "L   200 200 200 200 200 200 200 200 200 200 200",
    "password-reset":       "200 200 200 200 200 200 200 200 200 200 200 200",
    "password-reset-bad":   "200 200 200 200 200 200 200 200 200 200 200 200",
    "register-org":         "200 200 200 200 200 200 200 200 200 200 200 200",
    "registrations":        "L   200 200 200 403 403 403 403 403 403 403 403",
    "my-expert-profile":    "L   403 403 403 200 403 403 403 403 403 403 403",
    "audit-export":         "L   200 200 200 403 403 403 403 403 403 403 200",
    "resident-signup":      "200 200 200 200 200 200 200 200 200 200 200 200",
    "residents-verify":     "L   200 403 403 403 403 403 200 403 403 403 403",
    "colleagues":           "L   403 403 403 403 200 403 403 403 403 403 403",
    "wj-delivery":          "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-activity-new":      "L   403 403 404 404 200 403 404 404 404 404 403",
    "wj-beneficiaries":     "L   403 403 404 404 200 403 404 404 404 404 403",
    "wj-indicator-report":  "L   403 403 404 404 302 403 404 404 404 404 403",
    "wj-progress":          "L   200 200 404 404 404 200 404 404 404 404 200",
    "wj-activity":          "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-activity-photos":   "L   403 403 404 404 302 403 404 404 404 404 403",
    "wj-activity-correct":  "L   403 403 404 404 200 403 404 404 404 404 403",
    "wj-sign-in-sheet":     "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-photo":             "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-correction-decide": "L   302 302 404 404 403 403 404 404 404 404 403",
    "public-projects":      "200 200 200 200 200 200 200 200 200 200 200 200",
    "public-project":       "200 200 200 200 200 200 200 200 200 200 200 200",
    "wj-evaluations":       "L   200 200 404 404 404 403 404 404 404 404 403",
    "wj-evaluation":        "L   200 200 404 200 404 200 404 404 404 404 200",
    "wj-evaluation-sheet":  "L   403 403 404 400 404 400 404 404 404 404 403",
    "wj-evaluation-decide": "L   400 400 404 403 404 403 404 404 404 404 403",
    "my-evaluations":       "L   403 403 403 200 403 200 403 403 403 403 403",
    "wj-visit-new":         "L   200 403 404 404 403 200 404 404 404 404 403",
    "wj-visit":             "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-visit-photo":       "L   200 200 404 404 200 200 404 404 404 404 200",
    "wj-follow-up-done":    "L   403 403 404 404 302 403 404 404 404 404 403",
    "wj-follow-up-review":  "L   302 403 404 404 403 302 404 404 404 404 403",
    "dashboard":            "L   200 200 200 403 403 200 403 403 403 403 200",
    "wj-final-report":      "L   403 403 404 404 200 403 404 404 404 404 403",
    "wj-final-report-decide":"L   403 403 404 404 403 403 404 404 404 404 403",
    "reports":              "L   200 200 404 404 404 200 404 404 404 404 200",
    "report-request":       "L   302 302 404 404 404 302 404 404 404 404 302",
    "report-job":           "L   404 200 404 404 404 404 404 404 404 404 404",
    "report-download":      "L   404 302 404 404 404 404 404 404 404 404 404",
    "set-language":         "302 302 302 302 302 302 302 302 302 302 302 302",
    "js-catalog":           "405 405 405 405 405 405 405 405 405 405 405 405",
    "login":                "200 302 302 302 302 302 302 302 302 302 302 302",
    "logout":               "302 302 302 302 302 302 302 302 302 302 302 302",
    "language":             "302 302 302 302 302 302 302 302 302 302 302 302",
    "two-factor-setup":     "L   200 200 200 200 200 200 200 200 200 200 200",
    "two-factor-verify":    "L   200 200 200 200 200 200 200 200 200 200 200",
    "two-factor-codes":     "L   403 403 403 403 403 403 403 403 403 403 403",
    "two-factor-off":       "L   403 403 403 403 403 403 403 403 403 403 403",
    "reveal-org-phone":     "L   302 302 404 404 302 302 404 404 404 404 302",
    "invitation-revoke":    "L   302 302 404 404 404 404 404 404 404 404 404",
    "grant-add":            "L   400 400 404 403 403 403 403 403 403 403 403",
    "grant-remove":         "L   302 302 404 403 403 403 403 403 403 403 403",
    "set-active":           "L   400 400 404 403 403 403 403 403 403 403 403",
    "two-factor-reset":     "L   400 404 404 404 404 404 404 404 404 404 404",
    "registration":         "L   200 200 404 403 403 403 403 403 403 403 403",
    "registration-decide":  "L   302 302 404 403 403 403 403 403 403 403 403",
    "registration-certificate":"L   200 200 404 403 403 403 403 403 403 403 403",
    "resident-decide":      "L   302 404 404 404 404 404 302 404 404 404 404",
    "credit-flag-remove":   "L   200 200 404 404 404 403 404 404 404 404 403",
    "notification-open":    "L   404 302 404 404 404 404 404 404 404 404 404",
    "program-start":        "L   302 302 404 404 404 403 404 404 404 404 403",
    "workflow-copy":        "L   302 302 404 404 404 403 404 404 404 404 403",
    "transition-edit":      "L   200 200 404 404 404 403 404 404 404 404 403",
    "application-start":    "L   404 404 404 404 404 404 404 404 404 404 404",
    "autosave":             "L   404 404 404 404 200 404 404 404 404 404 404",
    "own-transition":       "L   404 404 404 404 302 404 404 404 404 404 404",
    "attachment-add":       "L   404 404 404 404 302 404 404 404 404 404 404",
    "attachment-remove":    "L   404 404 404 404 403 404 404 404 404 404 404",
    "attachment-download":  "L   200 200 404 404 200 200 404 404 404 404 200",
    "staff-transition":     "L   302 302 404 404 404 403 404 404 404 404 403",
    "version-diff":         "L   200 200 404 404 404 200 404 404 404 404 200",
    "notice-delete":        "L   302 302 404 404 404 403 404 404 404 404 403",
    "notice-withdraw":      "L   302 302 404 404 404 403 404 404 404 404 403",
    "notice-publish":       "L   302 302 404 404 404 403 404 404 404 404 403",
    "notice-finalize":      "L   302 302 404 404 404 403 404 404 404 404 403",
    "objection-answer":     "L   302 302 404 404 404 403 404 404 404 404 403",
    "objection-close":      "L   302 302 404 404 404 403 404 404 404 404 403",
    "expert-invite":        "L   302 302 404 404 404 404 404 404 404 404 403",
    "expert-invite-all":    "L   302 302 302 403 403 403 403 403 403 403 403",
    "roadshow-step":        "L   404 404 404 404 404 404 404 404 404 404 404",
    "my-roadshow-score":    "L   404 404 404 404 404 404 404 404 404 404 404",
    "round-assign":         "L   302 302 404 404 404 404 404 404 404 404 404",
    "round-step":           "L   302 302 404 404 404 404 404 404 404 404 404",
    "round-rule":           "L   302 302 404 404 404 404 404 404 404 404 404",
    "review-reopen":        "L   302 302 404 404 404 404 404 404 404 404 404",
    "my-declare":           "L   404 404 404 404 404 404 404 404 404 404 404",
    "funding-override":     "L   302 302 404 404 404 404 404 404 404 404 404",
    "funding-apply":        "L   302 302 404 404 404 404 404 404 404 404 404",
    "agreement-confirm":    "L   302 404 302 404 404 404 404 404 404 404 404",
    "expenditure-add":      "L   404 404 404 404 404 404 404 404 404 404 404",
    "adjustment-add":       "L   404 404 404 404 404 404 404 404 404 404 404",
    "adjustment-decide":    "L   302 404 302 404 404 404 404 404 404 404 404",
    "tranche-propose":      "L   302 404 302 404 404 404 404 404 404 404 404",
    "amendment-propose":    "L   400 404 400 404 404 404 404 404 404 404 404",
    "amendment-confirm":    "L   302 404 302 404 404 404 404 404 404 404 404",
    "voucher":              "L   200 404 200 404 404 404 404 404 404 404 404",
    "vote-open":            "L   302 404 404 404 404 404 404 404 404 404 404",
    "paper-import":         "L   400 404 404 404 404 404 404 404 404 404 404",
    "tally-publish":        "L   302 404 404 404 404 404 404 404 404 404 404",
    "vote-decision":        "L   302 404 404 404 404 404 404 404 404 404 404",
    "people-import":            "L   200 200 200 403 403 403 403 403 403 403 403",
    "people-import-template":   "L   200 200 200 403 403 403 403 403 403 403 403",
    "program-invite":           "L   200 200 404 404 404 403 404 404 404 404 403",
    "volunteers-home":    "L   302 302 302 302 302 302 302 302 302 302 302",
    "volunteer-register": "L   200 200 200 200 200 200 200 302 200 200 200",
    "volunteer-register-for": "L   200 200 200 403 200 403 200 403 403 403 403",
    "volunteer-me":       "L   302 302 302 302 302 302 302 200 302 302 302",
    "volunteer-my-data":  "L   403 403 403 403 403 403 403 200 403 403 403",
    "volunteer-delete-me": "L   403 403 403 403 403 403 403 200 403 403 403",
    "volunteer-roster":   "L   200 200 200 403 200 403 200 403 403 403 403",
    "volunteer-roster-export": "L   200 200 200 403 200 403 200 403 403 403 403",
    "volunteer-detail":   "L   200 404 404 404 404 404 200 404 404 404 404",
    "volunteer-reveal":   "L   302 404 404 404 404 404 302 404 404 404 404",
    "volunteer-honour":   "L   302 404 404 404 404 404 302 404 404 404 404",
    "team-list":          "L   200 200 200 200 200 200 200 200 200 200 200",
    "team-new":           "L   200 200 200 403 200 403 200 403 403 403 403",
    "team-weilao":        "L   200 200 200 200 200 200 200 200 200 200 200",
    "team-apply":         "L   302 302 302 302 302 302 302 302 302 302 302",
    "team-invite":        "L   302 404 404 404 404 404 302 404 404 404 404",
    "member-decide":      "L   302 404 404 404 404 404 302 403 404 404 404",
    "member-leader":      "L   302 404 404 404 404 404 302 404 404 404 404",
    "activity-list":      "L   200 200 200 200 200 200 200 200 200 200 200",
    "activity-new":       "L   200 200 200 403 200 403 200 403 403 403 403",
    "activity-meals":     "L   200 200 200 200 200 200 200 200 200 200 200",
    "activity-qr":        "L   200 404 404 404 404 404 200 404 404 404 404",
    "activity-close":     "L   302 404 404 404 404 404 302 404 404 404 404",
    "shift-meals":        "L   200 404 404 404 404 404 200 404 404 404 404",
    "shift-signup":       "L   302 302 302 302 302 302 302 302 302 302 302",
    "shift-scan":         "L   302 404 404 404 404 404 302 404 404 404 404",
    "shift-confirm":      "L   302 404 404 404 404 404 302 404 404 404 404",
    "signup-cancel":      "L   302 404 404 404 404 404 302 302 404 404 404",
    "scan-page":          "L   200 200 200 200 200 200 200 200 200 200 200",
    "records-work":       "L   200 200 200 403 200 403 200 403 403 403 403",
    "record-entry":       "L   200 200 200 403 200 403 200 403 403 403 403",
    "record-pending":     "L   403 404 404 404 404 404 403 404 404 404 404",
    "record-late":        "L   302 404 404 404 404 404 302 404 404 404 404",
    "vol-correction-decide": "L   302 404 404 404 404 404 302 404 404 404 404",
    "certificate-request": "L   302 302 302 302 302 302 302 200 302 302 302",
    "certificate-decide": "L   302 404 404 404 404 404 302 404 404 404 404",
    "certificate-pdf":    "L   200 404 404 404 404 404 200 200 404 404 404",
    "verify-form":        "200 200 200 200 200 200 200 200 200 200 200 200",
    "verify-number":      "200 200 200 200 200 200 200 200 200 200 200 200",
    "roster-import":      "L   200 200 200 403 200 403 200 403 403 403 403",
    "roster-import-template": "L   200 200 200 403 200 403 200 403 403 403 403",
    "roster-import-job":  "L   404 404 404 404 404 404 200 404 404 404 404",
    "roster-import-problems": "L   404 404 404 404 404 404 200 404 404 404 404",
    "hours-export":       "L   200 200 200 403 200 403 200 403 403 403 403",
    "api-root":           "404 404 404 404 404 404 404 404 404 404 404 404",
    "api-check-in":       "401 400 400 400 400 400 400 400 400 400 400 400",
    "reveal-volunteer-phone": "L   302 404 404 404 404 404 302 404 404 404 404",
}


def _urls() -> dict[str, str]:
    wujin = Area.objects.get(code="320412")
    shushan = Area.objects.get(code="340104")
    yineng = Organization.objects.get(name="武进区益能社会工作服务中心")
    agan = Organization.objects.get(name__contains="阿甘之家")
    wujin_program = Program.objects.get(code="WJ2026")  # the Wujin round in expert review
    open_program = open_calls().get()
    yineng_application = Application.objects.get(program=wujin_program, organization=yineng)
    duplicate = NearDuplicate.objects.select_related("version").first()
    notice = PublicNotice.objects.get(program=wujin_program)
    expert = Expert.objects.get(user__username="expert")
    unconfirmed = Assignment.objects.filter(expert=expert, confirmed_at=None).order_by("pk").first()
    session = RoadshowSession.objects.get(program=wujin_program)
    xs_vote = Vote.objects.get(program__code="XS2024")
    ss_project = Project.objects.filter(program__code="SS2025").order_by("number").first()
    wj_project = Project.objects.get(program__code="WJ2024", organization__name="武进区益能社会工作服务中心")
    wj_activity = wj_project.activities.order_by("number").first()
    # The mid-term evaluation that asked WJ2024-004 to rectify: still open to the evaluators and the officer.
    wj_evaluation = Project.objects.get(number="WJ2024-004").evaluations.get()
    wj_visit = wj_project.visits.get()  # the demo supervisor's visit, its follow-up open
    return {
        "public-home": reverse("portal:public-home"),
        "healthz": reverse("portal:healthz"),
        "home": reverse("portal:home"),
        "area-list": reverse("places:area-list"),
        "area-wujin": reverse("places:area-detail", args=[wujin.pk]),
        "area-wujin-edit": reverse("places:area-edit", args=[wujin.pk]),
        "area-wujin-new": reverse("places:area-create", args=[wujin.pk]),
        "area-shushan": reverse("places:area-detail", args=[shushan.pk]),
        "org-list": reverse("places:organization-list"),
        "org-new": reverse("places:organization-create"),
        "org-yineng": reverse("places:organization-detail", args=[yineng.pk]),
        "org-yineng-edit": reverse("places:organization-edit", args=[yineng.pk]),
        "org-yineng-flag": reverse("places:credit-flag-add", args=[yineng.pk]),
        "org-agan": reverse("places:organization-detail", args=[agan.pk]),
        "audit-list": reverse("audit:audit-list"),
        "audit-yineng": reverse("audit:object-history", args=["places", "organization", yineng.pk]),
        "admin": reverse("admin:index"),
        "program-list": reverse("programs:program-list"),
        "program-new": reverse("programs:program-create"),
        "program-wujin": reverse("programs:program-detail", args=[wujin_program.pk]),
        "program-wujin-edit": reverse("programs:program-edit", args=[wujin_program.pk]),
        "program-rubric": reverse("programs:rubric", args=[wujin_program.pk]),
        "program-workflow": reverse("programs:workflow", args=[wujin_program.pk]),
        "call-list": reverse("programs:call-list"),
        "call-open": reverse("programs:call-detail", args=[open_program.pk]),
        "my-applications": reverse("applications:mine"),
        "own-yineng": reverse("applications:own-detail", args=[yineng_application.pk]),
        "edit-yineng": reverse("applications:edit", args=[yineng_application.pk]),
        "staff-list": reverse("applications:staff-list", args=[wujin_program.pk]),
        "staff-export": reverse("applications:staff-export", args=[wujin_program.pk]),
        "staff-yineng": reverse("applications:staff-detail", args=[yineng_application.pk]),
        "pdf-yineng": reverse("applications:pdf", args=[yineng_application.pk]),
        "compare": reverse("applications:compare", args=[duplicate.version.application_id, duplicate.pk]),
        "notice-new": reverse("applications:notice-create", args=[wujin_program.pk]),
        "notice-manage": reverse("applications:notice-manage", args=[notice.pk]),
        "notice-edit": reverse("applications:notice-edit", args=[notice.pk]),
        "public-notices": reverse("applications:public-notices"),
        "public-notice": reverse("applications:public-notice", args=[notice.pk]),
        "inbox": reverse("notifications:inbox"),
        "expert-list": reverse("reviews:expert-list"),
        "expert-new": reverse("reviews:expert-create"),
        "expert-wujin": reverse("reviews:expert-detail", args=[expert.pk]),
        "expert-wujin-edit": reverse("reviews:expert-edit", args=[expert.pk]),
        "expert-import": reverse("reviews:expert-import"),
        "expert-template": reverse("reviews:expert-import-template"),
        "round": reverse("reviews:round", args=[wujin_program.pk]),
        "round-assignments": reverse("reviews:round-assignments", args=[wujin_program.pk]),
        "round-results": reverse("reviews:round-results", args=[wujin_program.pk]),
        "round-explain": reverse("reviews:round-explain", args=[wujin_program.pk, yineng_application.pk]),
        "roadshow": reverse("reviews:roadshow", args=[wujin_program.pk]),
        "roadshow-board": reverse("reviews:roadshow-board", args=[wujin_program.pk]),
        "my-reviews": reverse("reviews:my-list"),
        "my-review": reverse("reviews:my-review", args=[unconfirmed.pk]),
        "my-confirm": reverse("reviews:my-confirm", args=[unconfirmed.pk]),
        "my-roadshow": reverse("reviews:my-roadshow", args=[session.pk]),
        "my-roadshow-now": reverse("reviews:my-roadshow-current", args=[session.pk]),
        "funding-decision": reverse("funding:decision", args=[wujin_program.pk]),
        "program-projects": reverse("projects:program", args=[wujin_program.pk]),
        "my-projects": reverse("projects:mine"),
        "vote-list": reverse("voting:list", args=[wujin_program.pk]),
        "vote-new": reverse("voting:create", args=[wujin_program.pk]),
        "my-votes": reverse("voting:mine"),
        "xs-ballot": reverse("voting:ballot", args=[xs_vote.pk]),
        "xs-assisted": reverse("voting:assisted", args=[xs_vote.pk]),
        "xs-manage": reverse("voting:manage", args=[xs_vote.pk]),
        "xs-paper-template": reverse("voting:paper-template", args=[xs_vote.pk]),
        "xs-results": reverse("voting:results", args=[xs_vote.pk]),
        "ss-project": reverse("projects:detail", args=[ss_project.pk]),
        "ss-agreement": reverse("projects:agreement-pdf", args=[ss_project.pk]),
        "ss-projects": reverse("projects:program", args=[ss_project.program_id]),
        "people-list": reverse("people:list"),
        "people-invite": reverse("people:invite"),
        "people-org-member": reverse("people:detail", args=[User.objects.get(username="org").pk]),
        "people-outbox": reverse("people:outbox"),
        "join-unknown": reverse("people:join", args=["no-such-invitation"]),
        "password-change": reverse("accounts:password-change"),
        "password-reset": reverse("accounts:password-reset"),
        "password-reset-bad": reverse("accounts:password-reset-confirm", args=["MQ", "not-a-token"]),
        "register-org": reverse("people:register-organization"),
        "registrations": reverse("people:registrations"),
        "my-expert-profile": reverse("reviews:my-profile"),
        "audit-export": reverse("audit:audit-export"),
        "resident-signup": reverse("people:resident-signup"),
        "residents-verify": reverse("people:residents"),
        "colleagues": reverse("people:colleagues"),
        "wj-delivery": reverse("delivery:project", args=[wj_project.pk]),
        "wj-activity-new": reverse("delivery:activity-new", args=[wj_project.pk]),
        "wj-beneficiaries": reverse("delivery:beneficiaries", args=[wj_project.pk]),
        "wj-indicator-report": reverse("delivery:indicator-report", args=[wj_project.pk]),
        "wj-progress": reverse("delivery:program", args=[wj_project.program_id]),
        "wj-activity": reverse("delivery:activity", args=[wj_activity.pk]),
        "wj-activity-photos": reverse("delivery:activity-photos", args=[wj_activity.pk]),
        "wj-activity-correct": reverse("delivery:activity-correct", args=[wj_activity.pk]),
        "wj-evaluations": reverse("delivery:evaluations", args=[wj_project.program_id]),
        "wj-evaluation": reverse("delivery:evaluation", args=[wj_evaluation.pk]),
        "wj-evaluation-sheet": reverse("delivery:evaluation-sheet", args=[wj_evaluation.pk]),
        "wj-evaluation-decide": reverse("delivery:evaluation-decide", args=[wj_evaluation.pk]),
        "my-evaluations": reverse("delivery:my-evaluations"),
        "dashboard": reverse("delivery:dashboard"),
        "wj-final-report": reverse("delivery:final-report", args=[wj_project.pk]),
        "wj-final-report-decide": reverse("delivery:final-report-decide", args=[wj_project.pk]),
        "wj-visit-new": reverse("delivery:visit-new", args=[wj_project.pk]),
        "wj-visit": reverse("delivery:visit", args=[wj_visit.pk]),
        "wj-follow-up-done": reverse("delivery:follow-up-done", args=[wj_visit.issues.get().pk]),
        "wj-follow-up-review": reverse("delivery:follow-up-review", args=[wj_visit.issues.get().pk]),
        "public-projects": reverse("public-projects:list"),
        "public-project": reverse("public-projects:detail", args=[ss_project.number]),
    }


def _more_urls() -> dict[str, str]:
    """The URL patterns reached by POST steps or needing rows the demo lacks: the rows are made here,
    each in the scope it would have (Wujin's program, Shushan's project)."""
    from django.core.files.base import ContentFile

    from yichuang.accounts.models import RoleGrant
    from yichuang.applications.models import ApplicationVersion, Attachment, Objection
    from yichuang.funding.models import Decision
    from yichuang.notifications.models import Notification
    from yichuang.people.models import OrganizationRegistration, ResidentSignup
    from yichuang.people.services import invitation_create
    from yichuang.places.models import CreditFlag
    from yichuang.programs.models import WorkflowTransition
    from yichuang.projects.models import BudgetAdjustment, Expenditure, PlanAmendment, Tranche
    from yichuang.reviews.models import Review, ReviewRound

    admin = User.objects.get(username="admin")
    wujin_program = Program.objects.get(code="WJ2026")
    yineng_application = Application.objects.get(program=wujin_program, organization__name="武进区益能社会工作服务中心")
    notice = PublicNotice.objects.get(program=wujin_program)
    session = RoadshowSession.objects.get(program=wujin_program)
    xs_vote = Vote.objects.get(program__code="XS2024")
    ss_project = Project.objects.filter(program__code="SS2025").order_by("number").first()
    org_user = User.objects.get(username="org")
    flag = CreditFlag.objects.filter(organization__name="武进区益能社会工作服务中心").first() or CreditFlag.objects.first()
    invitation, _token = invitation_create(actor=admin, display_name="受邀者", address="matrix@example.org",
                                           role="program_officer", area=Area.objects.get(code="320412"))
    attachment = Attachment.objects.create(application=yineng_application, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="a.pdf"),
                                           original_name="a.pdf", size=14, uploaded_by=org_user)
    objection = Objection.objects.create(notice=notice, name="居民", contact="13900000000", text="异议内容")
    decision = Decision.objects.create(program=wujin_program, kind="computed", created_by=admin,
                                       parameters={"budget": wujin_program.total_budget.fen, "objective": "rank"},
                                       result={"funded": [], "unfunded": [], "optimal": True, "seconds": 0})
    lines = list(ss_project.budget_lines.all()[:2])
    adjustment = BudgetAdjustment.objects.create(project=ss_project, source=lines[0], target=lines[1], amount=100,
                                                 reason="调整", status="waiting", requested_by=admin)
    amendment = PlanAmendment.objects.create(project=ss_project, number=1, reason="补充协议", proposed_by=admin)
    versions = list(ApplicationVersion.objects.filter(application=yineng_application).order_by("number")[:2])
    tranche = Tranche.objects.filter(project=ss_project).order_by("position").first()
    voucher = Expenditure.objects.filter(project__program__code="SS2025").first()
    first_step = WorkflowTransition.objects.filter(version=wujin_program.workflow_version).order_by("pk").first()
    review = Review.objects.filter(assignment__round__program=wujin_program).first()
    review_round = ReviewRound.objects.get(program=wujin_program)
    expert = Expert.objects.get(user__username="expert")
    grant = RoleGrant.objects.filter(user=org_user).first()
    note = Notification.objects.filter(recipient__username="officer").first()
    sheet, photo, correction, visit_photo = _delivery_rows(admin, org_user)
    from yichuang.reports.models import ReportJob

    job = ReportJob.objects.create(program=Program.objects.get(code="WJ2024"), kind="program_xlsx",
                                   requested_by=User.objects.get(username="officer"))  # still queued
    return {
        **_volunteer_urls(admin),
        "reports": reverse("reports:program", args=[job.program_id]),
        "report-request": reverse("reports:request", args=[job.program_id]),
        "report-job": reverse("reports:job", args=[job.pk]),
        "report-download": reverse("reports:download", args=[job.pk]),
        "wj-sign-in-sheet": reverse("delivery:sign-in-sheet", args=[sheet.pk]),
        "wj-photo": reverse("delivery:photo", args=[photo.pk]),
        "wj-visit-photo": reverse("delivery:visit-photo", args=[visit_photo.pk]),
        "wj-correction-decide": reverse("delivery:correction-decide", args=[correction.pk]),
        "set-language": reverse("set_language"),
        "people-import": reverse("people:import"),
        "program-invite": reverse("programs:program-invite", args=[wujin_program.pk]),
        "people-import-template": reverse("people:import-template"),
        "js-catalog": reverse("javascript-catalog"),
        "login": reverse("accounts:login"),
        "logout": reverse("accounts:logout"),
        "language": reverse("accounts:language"),
        "two-factor-setup": reverse("accounts:two-factor-setup"),
        "two-factor-verify": reverse("accounts:two-factor-verify"),
        "two-factor-codes": reverse("accounts:two-factor-codes"),
        "two-factor-off": reverse("accounts:two-factor-disable"),
        "reveal-org-phone": reverse("portal:reveal", args=["organization-phone", yineng_application.organization_id]),
        "invitation-revoke": reverse("people:invitation-revoke", args=[invitation.pk]),
        "grant-add": reverse("people:grant-add", args=[org_user.pk]),
        "grant-remove": reverse("people:grant-remove", args=[org_user.pk, grant.pk]),
        "set-active": reverse("people:set-active", args=[org_user.pk]),
        "two-factor-reset": reverse("people:two-factor-reset", args=[org_user.pk]),
        "registration": reverse("people:registration", args=[OrganizationRegistration.objects.get().pk]),
        "registration-decide": reverse("people:registration-decide", args=[OrganizationRegistration.objects.get().pk]),
        "registration-certificate": reverse("people:registration-certificate",
                                            args=[OrganizationRegistration.objects.get().pk]),
        "resident-decide": reverse("people:resident-decide", args=[ResidentSignup.objects.get().pk]),
        "credit-flag-remove": reverse("places:credit-flag-remove", args=[flag.organization_id, flag.pk]),
        "notification-open": reverse("notifications:open", args=[note.pk]),
        "program-start": reverse("programs:program-start", args=[wujin_program.pk]),
        "workflow-copy": reverse("programs:workflow-copy", args=[wujin_program.pk]),
        "transition-edit": reverse("programs:transition-edit", args=[wujin_program.pk, first_step.pk]),
        "application-start": reverse("applications:start", args=[open_calls().get().pk]),
        "autosave": reverse("applications:autosave", args=[yineng_application.pk]),
        "own-transition": reverse("applications:own-transition", args=[yineng_application.pk]),
        "attachment-add": reverse("applications:attachment-add", args=[yineng_application.pk]),
        "attachment-remove": reverse("applications:attachment-remove", args=[yineng_application.pk, attachment.pk]),
        "attachment-download": reverse("applications:attachment-download", args=[yineng_application.pk, attachment.pk]),
        "staff-transition": reverse("applications:staff-transition", args=[yineng_application.pk]),
        "version-diff": reverse("applications:version-diff", args=[yineng_application.pk, versions[0].number,
                                                                   versions[-1].number]),
        "notice-delete": reverse("applications:notice-delete", args=[notice.pk]),
        "notice-withdraw": reverse("applications:notice-withdraw", args=[notice.pk]),
        "notice-publish": reverse("applications:notice-publish", args=[notice.pk]),
        "notice-finalize": reverse("applications:notice-finalize", args=[notice.pk]),
        "objection-answer": reverse("applications:objection-answer", args=[notice.pk, objection.pk]),
        "objection-close": reverse("applications:objection-close", args=[notice.pk, objection.pk]),
        "expert-invite": reverse("reviews:expert-invite", args=[expert.pk]),
        "expert-invite-all": reverse("reviews:expert-invite-all"),
        "roadshow-step": reverse("reviews:roadshow-step", args=[wujin_program.pk]),
        "my-roadshow-score": reverse("reviews:my-roadshow-score", args=[session.pk]),
        "round-assign": reverse("reviews:round-assign", args=[wujin_program.pk]),
        "round-step": reverse("reviews:round-step", args=[wujin_program.pk]),
        "round-rule": reverse("reviews:round-rule", args=[wujin_program.pk]),
        "review-reopen": reverse("reviews:review-reopen", args=[review.pk]),
        "my-declare": reverse("reviews:my-declare", args=[review_round.pk]),
        "funding-override": reverse("funding:override", args=[wujin_program.pk, decision.pk]),
        "funding-apply": reverse("funding:apply", args=[wujin_program.pk, decision.pk]),
        "agreement-confirm": reverse("projects:agreement-confirm", args=[ss_project.pk]),
        "expenditure-add": reverse("projects:expenditure-add", args=[ss_project.pk]),
        "adjustment-add": reverse("projects:adjustment-add", args=[ss_project.pk]),
        "adjustment-decide": reverse("projects:adjustment-decide", args=[adjustment.pk]),
        "tranche-propose": reverse("projects:tranche-action", args=[tranche.pk, "propose"]),
        "amendment-propose": reverse("projects:amendment-propose", args=[ss_project.pk]),
        "amendment-confirm": reverse("projects:amendment-step", args=[amendment.pk, "confirm"]),
        "voucher": reverse("projects:voucher", args=[voucher.pk]),
            "vote-open": reverse("voting:step", args=[xs_vote.pk, "open"]),
        "paper-import": reverse("voting:paper-import", args=[xs_vote.pk]),
        "tally-publish": reverse("voting:publish", args=[xs_vote.pk]),
        "vote-decision": reverse("voting:decision", args=[xs_vote.pk]),
    }


def _volunteer_urls(admin) -> dict[str, str]:
    """Volunteers: the demo volunteer's own rows, 安康社区's teams and activities, and the rows a
    POST step needs (a late entry, a correction, a certificate request) made here."""
    import datetime as dt

    from django.utils import timezone

    from yichuang.volunteers import certificates as certificate_services
    from yichuang.volunteers import records as record_services
    from yichuang.volunteers.models import (
        Certificate,
        Opportunity,
        RecordCorrection,
        RosterImport,
        ServiceRecord,
        Signup,
        Team,
        TeamMember,
        Volunteer,
    )

    me = Volunteer.objects.get(user__username="volunteer")
    weilao = Team.objects.get(name="为老志愿服务队")
    member = weilao.members.filter(volunteer__user__isnull=True).order_by("pk").first()
    applied = TeamMember.objects.get(volunteer=me, status=TeamMember.Status.APPLIED)
    meals = Opportunity.objects.get(title__startswith="为老助餐")
    later = meals.shifts.order_by("starts_at").last()
    zongzi = Opportunity.objects.get(title__startswith="包粽子").shifts.get()
    pending = ServiceRecord.objects.filter(shift=zongzi, status=ServiceRecord.Status.PENDING).first()
    community = User.objects.get(username="community")
    late = record_services.record_enter(actor=community, entry=record_services.Entry(
        volunteer=member.volunteer, organization=weilao.organization, activity_name="补录", served_on=timezone.localdate()
        - dt.timedelta(days=60), place="安康社区", content="补录", minutes=60, person_in_charge="李", nature="service",
        late_reason="补录"))
    correction = RecordCorrection.objects.create(record=me.records.filter(status="confirmed").first(), before={}, after={},
                                                 reason="更正", requested_by=me.user)
    issued = Certificate.objects.get(volunteer=me, status=Certificate.Status.ISSUED)
    job = RosterImport.objects.create(organization=weilao.organization, mode="skip", file="roster-imports/x.xlsx",
                                      filename="花名册.xlsx", status="done", requested_by=community)
    asked = certificate_services.certificate_request(actor=me.user, organization=weilao.organization,
                                                     period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31))
    return {
        "volunteers-home": reverse("volunteers:home"),
        "volunteer-register": reverse("volunteers:register"),
        "volunteer-register-for": reverse("volunteers:register-for"),
        "volunteer-me": reverse("volunteers:me"),
        "volunteer-my-data": reverse("volunteers:my-data"),
        "volunteer-delete-me": reverse("volunteers:delete-me"),
        "volunteer-roster": reverse("volunteers:roster"),
        "volunteer-roster-export": reverse("volunteers:roster-export"),
        "volunteer-detail": reverse("volunteers:detail", args=[member.volunteer_id]),
        "volunteer-reveal": reverse("volunteers:reveal", args=[member.volunteer_id]),
        "volunteer-honour": reverse("volunteers:honour-add", args=[member.volunteer_id, "training"]),
        "team-list": reverse("volunteers:teams"),
        "team-new": reverse("volunteers:team-new"),
        "team-weilao": reverse("volunteers:team", args=[weilao.pk]),
        "team-apply": reverse("volunteers:team-apply", args=[weilao.pk]),
        "team-invite": reverse("volunteers:team-invite", args=[weilao.pk]),
        "member-decide": reverse("volunteers:member-decide", args=[applied.pk]),
        "member-leader": reverse("volunteers:member-leader", args=[member.pk]),
        "activity-list": reverse("volunteers:activities"),
        "activity-new": reverse("volunteers:activity-new"),
        "activity-meals": reverse("volunteers:activity", args=[meals.pk]),
        "activity-qr": reverse("volunteers:activity-qr", args=[meals.pk]),
        "activity-close": reverse("volunteers:activity-close", args=[meals.pk]),
        "shift-meals": reverse("volunteers:shift", args=[later.pk]),
        "shift-signup": reverse("volunteers:signup", args=[later.pk]),
        "shift-scan": reverse("volunteers:shift-scan", args=[zongzi.pk]),
        "shift-confirm": reverse("volunteers:shift-confirm", args=[zongzi.pk]),
        "signup-cancel": reverse("volunteers:signup-cancel", args=[Signup.objects.get(volunteer=me, shift=later).pk]),
        "scan-page": reverse("volunteers:scan", args=[meals.check_in_code]),
        "records-work": reverse("volunteers:work"),
        "record-entry": reverse("volunteers:entry"),
        "record-pending": reverse("volunteers:record", args=[pending.pk]),
        "record-late": reverse("volunteers:record-late", args=[late.pk]),
        "vol-correction-decide": reverse("volunteers:correction-decide", args=[correction.pk]),
        "certificate-request": reverse("volunteers:certificate-request"),
        "certificate-decide": reverse("volunteers:certificate-decide", args=[asked.pk]),
        "certificate-pdf": reverse("volunteers:certificate-pdf", args=[issued.pk]),
        "verify-form": reverse("verify:form"),
        "verify-number": reverse("verify:number", args=[issued.number]),
        "api-check-in": reverse("api:check_in"),
        "api-root": reverse("api:api-root"),
        "roster-import": reverse("volunteers:import"),
        "roster-import-template": reverse("volunteers:import-template"),
        "roster-import-job": reverse("volunteers:import-job", args=[job.pk]),
        "roster-import-problems": reverse("volunteers:import-problems", args=[job.pk]),
        "hours-export": reverse("volunteers:hours-export"),
        "reveal-volunteer-phone": reverse("portal:reveal", args=["volunteer-phone", member.volunteer_id]),
    }


def _delivery_rows(admin, org_user):
    """An activity of 益能's Wujin project with a sign-in sheet, a photo and a correction waiting."""
    from django.core.files.base import ContentFile

    from yichuang.delivery.models import ActivityCorrection, ActivityPhoto, VisitPhoto

    project = Project.objects.get(program__code="WJ2024", organization__name="武进区益能社会工作服务中心")
    activity = project.activities.order_by("number").first()
    activity.sign_in_sheet.save("sheet.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    type(activity).objects.filter(pk=activity.pk).update(sign_in_sheet=activity.sign_in_sheet.name,
                                                           sign_in_sheet_name="签到表.pdf")
    photo = ActivityPhoto(activity=activity, name="p.jpg", width=1, height=1, uploaded_by=org_user)
    photo.image.save("p.jpg", ContentFile(b"\xff\xd8\xff\xe0 not decoded here"), save=False)
    photo.save()
    correction = ActivityCorrection.objects.create(activity=activity, before={}, after={}, reason="更正",
                                                   requested_by=org_user)
    visit_photo = VisitPhoto(visit=project.visits.get(), name="v.jpg", width=1, height=1, uploaded_by=org_user)
    visit_photo.image.save("v.jpg", ContentFile(b"\xff\xd8\xff\xe0 not decoded here"), save=False)
    visit_photo.save()
    return activity, photo, correction, visit_photo


def _expected(code: str) -> tuple[int, str | None]:
    if code == "?":  # recording a new row (YICHUANG_MATRIX_RECORD): anything goes
        return 0, None
    if code == "L":
        return 302, "/accounts/login/"
    if code == "A":
        return 302, "/admin/login/"
    return int(code), None


def _code(response) -> str:
    """The matrix's code for a response (the inverse of ``_expected``)."""
    location = response.get("Location", "") if response.status_code == 302 else ""
    if location.startswith("/accounts/login/"):
        return "L"
    if location.startswith("/admin/login/"):
        return "A"
    return str(response.status_code)


def _check(client, role: str, method: str, urls: dict[str, str]) -> list[str]:
    user = None if role == "anonymous" else User.objects.get(username=role)
    column = ROLES.index(role)
    table = MATRIX if method == "get" else POST_MATRIX
    wrong, seen = [], []
    for name, row in table.items():
        if user is not None:
            client.force_login(user)  # a POST may have logged the client out (logout) or changed its session
        else:
            client.logout()
        response = getattr(client, method)(urls[name])
        seen.append(f"{name}: {_code(response)}")
        status, location = _expected(row.split()[column])
        if status and response.status_code != status or (location and not response["Location"].startswith(location)):
            wrong.append(f"{name}: expected {status}, got {response.status_code}")
    if os.environ.get("YICHUANG_MATRIX_RECORD"):
        print(f"\n{method} {role} " + " | ".join(seen))
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_every_page_and_post_answers_as_decided_for_role(client, role):
    """Every URL for GET, then an empty POST to every URL: refused (L, 403, 404, 405) exactly where the
    matrix says; where a POST is allowed, the view answers its own way (a form error 400, or a redirect
    with a message). One test per role for both methods: the demo is restored once for the two."""
    demo_load()
    urls = {**_urls(), **_more_urls()}
    wrong = [f"GET {w}" for w in _check(client, role, "get", urls)] + [f"POST {w}" for w in _check(client, role, "post", urls)]

    assert not wrong, f"{role}: " + "; ".join(wrong)


def _view_names(urls: dict[str, str]) -> set[str]:
    from django.urls import resolve

    return {resolve(url.split("?")[0]).view_name for url in urls.values()}


def _ours() -> set[str]:
    from django.urls import get_resolver

    names = set()
    for ns, (_prefix, resolver) in get_resolver().namespace_dict.items():
        if ns != "admin":
            names |= {f"{ns}:{name}" for name in resolver.reverse_dict if isinstance(name, str)}
    return names | {name for name in get_resolver().reverse_dict if isinstance(name, str)}


def test_permission_matrix_covers_every_url_pattern_for_get_and_post():
    demo_load()
    urls = {**_urls(), **_more_urls()}
    get_names = _view_names({label: urls[label] for label in MATRIX})
    post_names = _view_names({label: urls[label] for label in POST_MATRIX})

    assert _ours() - get_names == set(), "URL patterns missing from the GET matrix"
    assert _ours() - post_names == set(), "URL patterns missing from the POST matrix"


def test_permission_matrix_admin_pages_send_everyone_but_the_operator_to_the_admin_log_in(client):
    """Django's admin (read-only) is covered as a whole: every admin URL pattern, for every role."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name not in {"login", "logout"}:
                yield prefix + str(pattern.pattern)

    demo_load()
    admin_patterns = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "admin")
    paths = sorted({re.sub(r"<[^>]+>", "1", path) for path in walk(admin_patterns.url_patterns, "/admin/")
                    if "(?P" not in path and "^" not in path})
    wrong = []
    for role in ROLES[2:]:
        client.force_login(User.objects.get(username=role))
        for path in paths:
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                if response.status_code != 302 or not response["Location"].startswith("/admin/login/"):
                    wrong.append(f"{role} {method} {path}: {response.status_code}")

    assert len(paths) > 30 and not wrong
