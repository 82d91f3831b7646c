from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from dearly import views
from dearly.column.feeds import LatestArticlesFeed
from dearly.column.sitemaps import ArticleSitemap, PageSitemap, TopicSitemap

sitemaps = {"pages": PageSitemap, "articles": ArticleSitemap, "topics": TopicSitemap}

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("admin/", admin.site.urls),
    path("", include("dearly.safety.urls")),
    path("", include("dearly.letters.urls")),
    path("", include("dearly.mailing.urls")),
    path("", include("dearly.members.urls")),
    path("", include("dearly.tools.urls")),
    path("", include("dearly.email.urls")),
    path("", include("dearly.issues.urls")),
    path("", include("dearly.resources.urls")),
    path("", include("dearly.cyclemap.urls")),
    path("desk/", include("dearly.desk.urls")),
    path("", include("dearly.column.urls")),
]
