"""Celery tasks for forwarding and retention: thin wrappers around ``forwarding`` and
``retention`` (which tests call directly)."""

from celery import current_app, shared_task

from learning.xapi import forwarding, retention

FORWARD = "learning.xapi.tasks.forward_statements"


@shared_task(name=FORWARD, bind=True, ignore_result=True)
def forward_statements(self, destination_id):
    """Send one batch to one destination; queue the next batch or the retry."""
    result = forwarding.forward_batch(destination_id)
    # Only a task received from a broker queues follow-ups. Run eagerly (no broker: the
    # embedded setup and unit tests) a countdown would run at once and spin; the sweep or the
    # next stored statement carries on there. send_task goes to the broker even when the
    # worker's own settings say eager (the test settings do).
    if not self.request.is_eager:
        if result.more:
            current_app.send_task(FORWARD, args=(destination_id,))
        if result.retry_in is not None:
            current_app.send_task(FORWARD, args=(destination_id,), countdown=result.retry_in)
    return {"sent": result.sent, "failed": result.failed, "dead": result.dead}


@shared_task(name="learning.xapi.tasks.sweep_outbox", ignore_result=True)
def sweep_outbox():
    """Periodic: start a batch for every destination with due rows (missed dispatches, retries
    whose countdown was lost with a worker)."""
    for destination_id in forwarding.due_destinations():
        forward_statements.delay(destination_id)


@shared_task(name="learning.xapi.tasks.thin_detail_statements", ignore_result=True)
def thin_detail_statements():
    """Daily: delete fine-grained xAPI statements past their retention age."""
    return retention.thin_detail_statements()
