"""Every /desk/ page, whichever part of the practice it serves: letters, the mailing list,
the mailbox. Each view is wrapped in dearly.desk.access.desk_required (permission + no-store)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from dearly.desk.views import (
    letters,
    mailing,
    members,
    newsletter,
    resources,
    tools,
    two_factor,
    welcome,
)
from dearly.lib.signin import SignInForm

app_name = "desk"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="desk/login.html", next_page="desk:inbox",
                                                authentication_form=SignInForm),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="desk:login"), name="logout"),
    path("two-factor/", two_factor.two_factor, name="two_factor"),
    path("two-factor/recovery-codes/", two_factor.new_recovery_codes, name="new_recovery_codes"),
    # Letters
    path("", letters.inbox, name="inbox"),
    path("letters/<int:pk>/", letters.letter, name="letter"),
    path("letters/<int:pk>/move/", letters.move, name="move"),
    path("letters/<int:pk>/note/", letters.note, name="note"),
    path("letters/<int:pk>/topics/", letters.topics, name="topics"),
    path("letters/<int:pk>/follow-up/", letters.follow_up, name="follow_up"),
    path("letters/<int:pk>/triage/", letters.triage, name="triage"),
    path("letters/<int:pk>/answer/", letters.answer, name="answer"),
    path("letters/<int:pk>/draft/", letters.draft, name="draft"),
    path("letters/<int:pk>/draft/preview/", letters.draft_preview, name="draft_preview"),
    path("letters/<int:pk>/draft/autosave/", letters.draft_autosave, name="draft_autosave"),
    path("letters/<int:pk>/publish/", letters.publish, name="publish"),
    path("access-log/", letters.access_log, name="access_log"),
    path("settings/", letters.intake_settings, name="intake_settings"),
    # The mailing list: guides and forms, subscribers, the demo mailbox
    path("guides/", mailing.guides, name="guides"),
    path("guides/new/", mailing.guide_edit, name="guide_new"),
    path("guides/<int:pk>/", mailing.guide_edit, name="guide_edit"),
    path("guides/forms/new/", mailing.form_edit, name="form_new"),
    path("guides/forms/<int:pk>/", mailing.form_edit, name="form_edit"),
    path("subscribers/", mailing.subscribers, name="subscribers"),
    path("subscribers/export.csv", mailing.subscribers_csv, name="subscribers_csv"),
    path("subscribers/suppress/", mailing.suppress_address, name="suppress"),
    path("subscribers/import/", mailing.import_upload, name="import"),
    path("subscribers/import/<int:pk>/", mailing.import_preview, name="import_preview"),
    path("subscribers/<int:pk>/", mailing.subscriber_detail, name="subscriber"),
    path("subscribers/<int:pk>/consent.csv", mailing.subscriber_record_csv, name="subscriber_csv"),
    # Membership: members, revenue, tiers, questions on /join/, complimentary memberships
    path("members/", members.members, name="members"),
    path("members/<int:pk>/end-complimentary/", members.end_complimentary, name="end_complimentary"),
    path("members/tiers/new/", members.tier_edit, name="tier_new"),
    path("members/tiers/<int:pk>/", members.tier_edit, name="tier_edit"),
    path("members/questions/new/", members.question_edit, name="question_new"),
    path("members/questions/<int:pk>/", members.question_edit, name="question_edit"),
    # The newsletter
    path("newsletter/", newsletter.broadcasts, name="newsletter"),
    path("newsletter/new/", newsletter.compose, name="newsletter_new"),
    path("newsletter/digest/", newsletter.draft_digest, name="newsletter_digest"),
    path("newsletter/preview/", newsletter.preview, name="newsletter_preview"),
    path("newsletter/count/", newsletter.count, name="newsletter_count"),
    path("newsletter/<int:pk>/", newsletter.issue, name="newsletter_issue"),
    path("newsletter/<int:pk>/edit/", newsletter.compose, name="newsletter_edit"),
    path("newsletter/<int:pk>/email.html", newsletter.email_html, name="newsletter_email_html"),
    path("newsletter/<int:pk>/test/", newsletter.send_test, name="newsletter_test"),
    path("newsletter/<int:pk>/send/", newsletter.send_now, name="newsletter_send"),
    path("newsletter/<int:pk>/schedule/", newsletter.schedule, name="newsletter_schedule"),
    path("newsletter/<int:pk>/retry/", newsletter.retry, name="newsletter_retry"),
    path("newsletter/<int:pk>/progress/", newsletter.progress, name="newsletter_progress"),
    path("newsletter/<int:pk>/pause/", newsletter.act, {"action": "pause"}, name="newsletter_pause"),
    path("newsletter/<int:pk>/resume/", newsletter.act, {"action": "resume"}, name="newsletter_resume"),
    path("newsletter/<int:pk>/cancel/", newsletter.act, {"action": "cancel"}, name="newsletter_cancel"),
    path("newsletter/<int:pk>/unschedule/", newsletter.act, {"action": "unschedule"}, name="newsletter_unschedule"),
    # The welcome sequence
    path("welcome/", welcome.steps, name="welcome"),
    path("welcome/new/", welcome.step_edit, name="welcome_new"),
    path("welcome/<int:pk>/", welcome.step_edit, name="welcome_edit"),
    path("welcome/<int:pk>/test/", welcome.send_test, name="welcome_test"),
    # Couples' tools: aggregates only
    path("tools/", tools.overview, name="tools"),
    # Where to get help: the resources /resources/ shows and answers link to
    path("resources/", resources.resources, name="resources"),
    path("resources/new/", resources.resource_edit, name="resource_new"),
    path("resources/<int:pk>/", resources.resource_edit, name="resource_edit"),
    path("resources/<int:pk>/delete/", resources.resource_delete, name="resource_delete"),
    path("mailbox/", mailing.mailbox, name="mailbox"),
    path("mailbox/<int:pk>/", mailing.mailbox_message, name="mailbox_message"),
    path("mailbox/<int:pk>/html/", mailing.mailbox_message_html, name="mailbox_html"),
]
