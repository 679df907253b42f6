"""Celery tasks of the accounts app: thin wrappers (tests call ``retention`` directly)."""

from celery import shared_task

from learning.accounts import retention


@shared_task(name="learning.accounts.tasks.thin_detail_statements", ignore_result=True)
def thin_detail_statements():
    """Daily: delete fine-grained xAPI statements past their retention age."""
    return retention.thin_detail_statements()
