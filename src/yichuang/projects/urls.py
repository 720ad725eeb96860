from django.urls import path

from yichuang.projects import views, views_money

app_name = "projects"

urlpatterns = [
    path("mine/", views.my_projects, name="mine"),
    path("program/<int:program_pk>/", views.program_projects, name="program"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement-pdf"),
    path("<int:pk>/agreement/confirm/", views.agreement_confirm, name="agreement-confirm"),
    path("<int:pk>/spending/", views_money.expenditure_add, name="expenditure-add"),
    path("<int:pk>/adjustments/", views_money.adjustment_add, name="adjustment-add"),
    path("adjustments/<int:pk>/decide/", views_money.adjustment_decide, name="adjustment-decide"),
    path("tranches/<int:pk>/<slug:action>/", views_money.tranche_action, name="tranche-action"),
    path("<int:pk>/amendments/", views_money.amendment_propose, name="amendment-propose"),
    path("amendments/<int:pk>/<slug:action>/", views_money.amendment_step, name="amendment-step"),
    path("vouchers/<int:pk>/", views.voucher, name="voucher"),
]
