from django.urls import path

from plan import views

app_name = "plan"

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/<int:year>/", views.plan_detail, name="plan"),
    path("plan/<int:year>/<str:code>/", views.part_detail, name="part"),
]
