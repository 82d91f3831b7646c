from django.urls import path
from django.views.generic import TemplateView

app_name = "letters"
urlpatterns = [path("ask/", TemplateView.as_view(template_name="base.html"), name="ask")]
