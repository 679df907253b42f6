"""Property-based fuzzing of the site's forms (sign-in, sign-up, language, the manager's
requirement, delegation and coverage forms): no form data may cause a 5xx. A 4xx or the form
again with its errors is a fine answer; a 500 is a bug. (The LRS's fuzzing:
tests/learning/xapi/test_fuzzing.py.)"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


form_data = st.dictionaries(
    st.sampled_from(
        [
            "login",
            "password",
            "email",
            "password1",
            "password2",
            "remember",
            "language",
            "next",
            "competence",
            "level",
            "note",
            "unit",
            "role",
            "due_within_days",
            "renew_every_months",
            "include_subtree",
            "deputy_email",
            "starts_on",
            "ends_on",
        ]
    ),
    st.one_of(st.text(max_size=40), st.integers().map(str)),
    max_size=6,
)


@FUZZ
@given(
    url=st.sampled_from(
        [
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            "/i18n/setlang/",
            "/manage/requirements/new/",
            "/manage/delegations/",
            "/manage/coverage/",
        ]
    ),
    data=form_data,
)
def test_any_form_post_never_causes_a_server_error(client, manager, url, data):
    client.force_login(manager)
    response = client.post(url, data)
    assert response.status_code < 500, (url, data)
