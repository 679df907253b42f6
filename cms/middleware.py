from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    """Danish unless the person chose otherwise with the language switcher.

    Django's own middleware follows the browser's Accept-Language, so a ward PC or a phone set up
    in English would show English to everyone. Here only the switcher's cookie changes the
    language; everything else gets settings.LANGUAGE_CODE.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = settings.LANGUAGE_CODE
        if chosen:
            try:
                language = translation.get_supported_language_variant(chosen)
            except LookupError:
                pass
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
