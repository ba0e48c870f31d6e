from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from cangnan_yingji.api import router
from org.api.auth import TokenView
from plan.api.monthly import AttainmentView, IndicatorListView

admin.site.site_header = _("苍南应急 管理后台")
admin.site.site_title = _("苍南应急")
admin.site.index_title = _("数据与配置管理")

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/auth/token/", TokenView.as_view(), name="api-token"),
    path("api/v1/indicators/", IndicatorListView.as_view(), name="indicator-list"),
    path("api/v1/attainment/", AttainmentView.as_view(), name="attainment"),
    path("api/v1/", include(router.urls)),
    # The API's description is for signed-in users (a token or a session), like the API itself.
    path("api/schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="api-schema"),
    path(
        "api/docs/",
        login_required(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema", permission_classes=[IsAuthenticated])
        ),
        name="api-docs",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("org.urls")),
    path("", include("hazards3030.urls")),
    path("", include("flood1833.urls")),
    path("", include("stations.urls")),
    path("", include("campaigns.urls")),
    path("", include("forestfire.urls")),
    path("", include("governance.urls")),
    path("", include("plan.urls")),
]
