from django.urls import path

from dearly.safety import views

app_name = "safety"
urlpatterns = [path("help-now/", views.help_now, name="help_now")]
