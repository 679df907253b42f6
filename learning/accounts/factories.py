import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

# Tests log personas in with this; the test settings hash it with MD5 to stay fast.
TEST_PASSWORD = "Korrekt-hest-batteri-42"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified e-mail address who can log in with TEST_PASSWORD."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Testesen"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, verified=extracted is not False, primary=True
            )
