"""The sign-up form: allauth's, with the same slow work whether or not the e-mail is known.

allauth already answers a sign-up with a taken e-mail exactly like a new one (the same redirect,
one mail to the address) and creates nothing. But only a new account hashes its password, which
costs most of the request (Django's PBKDF2 takes roughly half a second), so the time of the
answer told which e-mails have accounts. For a taken e-mail the password is hashed here too,
with the same hasher, and thrown away.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The work ``set_password`` does for a new account; the result is not kept.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
