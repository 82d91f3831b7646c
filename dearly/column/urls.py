from django.urls import path

from dearly.column import views

app_name = "column"
urlpatterns = [
    path("", views.home, name="home"),
    path("qa/", views.archive, name="archive"),
    path("qa/<slug:slug>/", views.article, name="article"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("search/", views.search, name="search"),
]
