import os

from celery import shared_task

from cms.health import database_status


@shared_task
def report_worker_health():
    """Answer from inside a worker: which process ran the task, and can it reach the database."""
    return {"pid": os.getpid(), "database": database_status()}
