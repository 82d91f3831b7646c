from django.contrib.auth import views as auth_views
from django.urls import path

from dearly.desk import two_factor_views, views
from dearly.lib.signin import SignInForm

app_name = "desk"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("login/", auth_views.LoginView.as_view(template_name="desk/login.html", next_page="desk:inbox",
                                                authentication_form=SignInForm),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="desk:login"), name="logout"),
    path("two-factor/", two_factor_views.two_factor, name="two_factor"),
    path("two-factor/recovery-codes/", two_factor_views.new_recovery_codes, name="new_recovery_codes"),
    path("letters/<int:pk>/", views.letter, name="letter"),
    path("letters/<int:pk>/move/", views.move, name="move"),
    path("letters/<int:pk>/note/", views.note, name="note"),
    path("letters/<int:pk>/topics/", views.topics, name="topics"),
    path("letters/<int:pk>/answer/", views.answer, name="answer"),
    path("letters/<int:pk>/draft/", views.draft, name="draft"),
    path("access-log/", views.access_log, name="access_log"),
    path("settings/", views.intake_settings, name="intake_settings"),
]
