from django.urls import path

from dearly.cyclemap import views

app_name = "cycle"
urlpatterns = [
    path("tools/cycle/", views.index, name="index"),
    path("tools/cycle/new/", views.start, name="start"),
    path("tools/cycle/<int:pk>/", views.map_page, name="map"),
    path("tools/cycle/<int:pk>/step/<int:number>/", views.step, name="step"),
]
