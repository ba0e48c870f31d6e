app_name = "forestfire"

urlpatterns = []
