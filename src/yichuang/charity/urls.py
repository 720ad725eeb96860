from django.urls import path

from yichuang.charity import views, views_bank, views_disclosure, views_grants

app_name = "charity"

urlpatterns = [
    path("", views.fund_list, name="fund-list"),
    path("new/", views.fund_new, name="fund-new"),
    path("trace/", views.trace, name="trace"),
    path("mine/", views_bank.mine, name="mine"),
    path("<int:pk>/", views.fund, name="fund"),
    path("<int:pk>/donations/", views.donations, name="donations"),
    path("<int:pk>/donations/new/", views.donation_new, name="donation-new"),
    path("receipts/<int:pk>.pdf", views.receipt, name="receipt"),
    path("donations/<int:pk>/refund/", views.donation_refund, name="donation-refund"),
    path("<int:pk>/grants/new/", views_grants.grant_new, name="grant-new"),
    path("<int:pk>/committee/", views_grants.committee, name="committee"),
    path("grants/<int:pk>/", views_grants.grant, name="grant"),
    path("grants/<int:pk>/vote/", views_grants.grant_vote, name="grant-vote"),
    path("grants/<int:pk>/pay/", views_grants.grant_pay, name="grant-pay"),
    path("<int:pk>/pledge/", views_bank.pledge_new, name="pledge"),
    path("<int:pk>/bank/", views_bank.statement, name="statement"),
    path("bank-lines/<int:pk>/set-aside/", views_bank.line_set_aside, name="line-set-aside"),
    path("<int:pk>/disclosures/", views_disclosure.disclosures, name="disclosures"),
    path("<int:pk>/disclosures/<int:year>-q<int:quarter>.pdf", views_disclosure.report_pdf, name="disclosure-pdf"),
    path("<int:pk>/disclosures/<int:year>-q<int:quarter>.xlsx", views_disclosure.report_xlsx, name="disclosure-xlsx"),
    path("<int:pk>/disclosures/<int:year>-q<int:quarter>/publish/", views_disclosure.publish, name="disclosure-publish"),
    path("<int:pk>/disclosures/project-<int:project>.pdf", views_disclosure.project_pdf, name="project-report-pdf"),
    path("<int:pk>/disclosures/project-<int:project>.xlsx", views_disclosure.project_xlsx, name="project-report-xlsx"),
    path("<int:pk>/disclosures/project-<int:project>/publish/", views_disclosure.project_publish,
         name="project-report-publish"),
]
