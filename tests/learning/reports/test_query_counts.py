"""Query counts of the manager's pages stay fixed (issue 16): they must not grow with the people
in scope. The caps are today's counts (issue 16 asks for 10; see docs/performance.md), so a
change that adds queries fails here; bench/walk_pages.py measures the time."""

import pytest
from django.urls import reverse

# (url name, args from the tree, cap)
PAGES = [
    ("reports:dashboard", None, 22),
    ("reports:people", "south", 23),
    ("reports:person", "frida", 19),
    ("competences:staff", None, 16),
    ("competences:person", "frida", 20),
    ("competences:requirements", None, 12),
    ("manage_org:delegations", None, 14),
]


@pytest.mark.parametrize(("name", "arg", "cap"), PAGES, ids=[p[0] for p in PAGES])
def test_a_manager_page_answers_in_a_fixed_number_of_queries(
    client, manager, tree, django_assert_max_num_queries, name, arg, cap
):
    if arg in tree:
        args = [tree[arg].pk]
    elif arg:
        args = [tree["people"][arg].pk]
    else:
        args = []
    client.force_login(manager)
    url = reverse(name, args=args)
    client.get(url)  # warm: the session and the site's first lookups
    with django_assert_max_num_queries(cap):
        assert client.get(url).status_code == 200
