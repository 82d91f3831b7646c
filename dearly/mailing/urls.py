from django.urls import include, path

from dearly.mailing import desk_views, views, webhooks

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
    path("webhooks/anymail/", include((webhooks.tracking_urls(), "anymail"))),
    # The desk
    path("desk/guides/", desk_views.guides, name="desk_guides"),
    path("desk/guides/new/", desk_views.guide_edit, name="desk_guide_new"),
    path("desk/guides/<int:pk>/", desk_views.guide_edit, name="desk_guide_edit"),
    path("desk/guides/forms/new/", desk_views.form_edit, name="desk_form_new"),
    path("desk/guides/forms/<int:pk>/", desk_views.form_edit, name="desk_form_edit"),
    path("desk/subscribers/", desk_views.subscribers, name="desk_subscribers"),
    path("desk/subscribers/export.csv", desk_views.subscribers_csv, name="desk_subscribers_csv"),
    path("desk/subscribers/suppress/", desk_views.suppress_address, name="desk_suppress"),
    path("desk/subscribers/import/", desk_views.import_upload, name="desk_import"),
    path("desk/subscribers/import/<int:pk>/", desk_views.import_preview, name="desk_import_preview"),
    path("desk/subscribers/<int:pk>/", desk_views.subscriber_detail, name="desk_subscriber"),
    path("desk/subscribers/<int:pk>/consent.csv", desk_views.subscriber_record_csv, name="desk_subscriber_csv"),
    path("desk/mailbox/", desk_views.mailbox, name="desk_mailbox"),
    path("desk/mailbox/<int:pk>/", desk_views.mailbox_message, name="desk_mailbox_message"),
    path("desk/mailbox/<int:pk>/html/", desk_views.mailbox_message_html, name="desk_mailbox_html"),
]
