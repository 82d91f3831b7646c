from django.urls import path

from dearly.members import feeds, views

app_name = "members"
urlpatterns = [
    path("signin/", views.signin_start, name="signin"),
    path("signin/code/", views.signin_code, name="signin_code"),
    path("signin/link/<str:token>/", views.signin_link, name="signin_link"),
    path("signout/", views.signout, name="signout"),
    path("signout/everywhere/", views.signout_everywhere, name="signout_everywhere"),
]
urlpatterns += [
    path("account/", views.account, name="account"),
]
urlpatterns += [
    path("account/billing/", views.billing_portal, name="billing"),
    path("account/my-data.json", views.export, name="export"),
    path("account/feed/", views.rotate_feed, name="rotate_feed"),
    path("feed/member/<str:token>/", feeds.member_feed, name="member_feed"),
    path("account/delete/", views.delete, name="delete"),
    path("account/email/", views.change_email, name="change_email"),
    path("account/email/confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("join/", views.join, name="join"),
    path("join/<slug:slug>/<str:interval>/", views.checkout, name="checkout"),
    path("webhooks/stripe/", views.stripe_webhook, name="stripe_webhook"),
]
