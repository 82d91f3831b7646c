import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dearly.settings")
application = get_wsgi_application()

# The letter form screens words as they are typed: load the sentence encoder and the screen's
# classifier now, not in the first writer's request (a second or so on a small server).
if os.environ.get("DEARLY_PRELOAD_MODELS", "1") != "0":
    from dearly.language.preload import for_web, in_background

    in_background(for_web)
