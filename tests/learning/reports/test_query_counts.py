"""Issue 16: the coverage pages of the manager's walk answer in a fixed number of queries,
however many people are in scope (the caps are today's counts; docs/performance.md has the
figures and the time, bench/walk_pages.py measures them on the demo)."""

from django.urls import reverse

from tests.walks import Page, assert_pages


def test_the_coverage_pages_answer_in_few_queries(
    client, manager, tree, django_assert_max_num_queries
):
    client.force_login(manager)
    south, frida = tree["south"], tree["people"]["frida"]
    pages = [
        Page("dashboard", reverse("reports:dashboard"), 13, "Hjemmeplejen"),
        Page(
            "dashboard, one unit", f"{reverse('reports:dashboard')}?unit={south.pk}", 15, "Team Syd"
        ),
        Page(
            "dashboard, overdue",
            f"{reverse('reports:dashboard')}?status=overdue",
            13,
            "Hjemmeplejen",
        ),
        Page("people", reverse("reports:people", args=[south.pk]), 17, "Frida"),
        Page("person", reverse("reports:person", args=[frida.pk]), 11, "Frida"),
    ]
    for fmt, shows in (("csv", b"Filter: Status:"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        url = reverse("reports:export", args=[fmt]) + "?status=overdue"
        pages.append(Page(f"dashboard export {fmt}", url, 10, shows))
    for fmt, shows in (("csv", b"Frida"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        url = reverse("reports:people_export", args=[south.pk, fmt])
        pages.append(Page(f"people export {fmt}", url, 15, shows))
    assert_pages(client, pages, django_assert_max_num_queries)
