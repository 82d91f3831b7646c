from django.urls import path

from dearly.resources import views

app_name = "resources"
urlpatterns = [
    path("resources/", views.index, name="index"),
    path("resources/<slug:slug>/", views.detail, name="detail"),
    path("resources/<slug:slug>/go/", views.go, name="go"),
]
