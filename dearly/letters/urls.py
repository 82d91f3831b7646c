from django.urls import path

from dearly.letters import views

app_name = "letters"
urlpatterns = [
    path("ask/", views.ask, name="ask"),
    path("ask/sent/", views.sent, name="sent"),
    path("ask/similar/", views.similar, name="similar"),
]
