from django.urls import include, path

from dearly.email import webhooks

app_name = "email"
urlpatterns = [
    path("webhooks/anymail/", include((webhooks.tracking_urls(), "anymail"))),
]
