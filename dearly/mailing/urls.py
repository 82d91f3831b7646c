from django.urls import path

from dearly.mailing import views

app_name = "mailing"
urlpatterns = [
    path("free/<slug:slug>/", views.landing, name="landing"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("download/<str:token>/", views.download, name="download"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("my-data/<str:token>/", views.my_data, name="my_data"),
    path("delete-me/<str:token>/", views.erase_me, name="erase_me"),
]
