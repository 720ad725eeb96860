from django.urls import path

from yichuang.charity import views

app_name = "charity"

urlpatterns = [
    path("", views.fund_list, name="fund-list"),
    path("new/", views.fund_new, name="fund-new"),
    path("trace/", views.trace, name="trace"),
    path("<int:pk>/", views.fund, name="fund"),
    path("<int:pk>/donations/", views.donations, name="donations"),
    path("<int:pk>/donations/new/", views.donation_new, name="donation-new"),
    path("receipts/<int:pk>.pdf", views.receipt, name="receipt"),
]
