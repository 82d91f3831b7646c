from django.urls import path

from dearly.issues import views

app_name = "issues"
urlpatterns = [
    path("newsletter/", views.archive, name="archive"),
    path("newsletter/<int:pk>-<slug:slug>/", views.issue, name="issue"),
]
