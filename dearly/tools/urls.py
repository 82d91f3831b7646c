from django.urls import path

from dearly.tools import checkins, checkups, views

app_name = "tools"
urlpatterns = [
    path("tools/", views.index, name="index"),
    path("tools/partner/", views.partner, name="partner"),
    path("tools/partner/invite/", views.invite, name="invite"),
    path("tools/partner/link/", views.link, name="link"),
    path("tools/partner/unlink/", views.unlink, name="unlink"),
    path("tools/entries/<slug:tool>/<int:pk>/share/", views.share, name="share"),
    path("tools/entries/<slug:tool>/<int:pk>/unshare/", views.unshare, name="unshare"),
    path("tools/entries/<slug:tool>/<int:pk>/delete/", views.delete, name="delete"),
    path("tools/safety/resume/", views.resume, name="resume"),
    path("tools/reminder/", views.reminder, name="reminder"),
    path("tools/check-in/", checkins.check_in, name="check_in"),
    path("tools/check-up/", checkups.check_up, name="check_up"),
    # /tools/cycle/ belongs to the cycle map (its own URLs).
]
