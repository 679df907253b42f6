"""The LRS tables: statements (immutable), their filter side tables, attachments, documents and
the credentials that may talk to the LRS.

A statement row keeps the statement exactly as stored (``data``) next to denormalised columns
that serve the xAPI query filters; the side tables hold every agent and activity a statement
mentions so that ``related_agents`` and ``related_activities`` are index lookups, not JSON scans.
Only ``voided`` ever changes after insert, and only through ``store.void``.
"""

import hashlib
import hmac
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from learning.xapi.actors import homepage
from learning.xapi.secretbox import decrypt, encrypt


class ImmutableRowError(RuntimeError):
    """Raised when code tries to update a stored statement: the statement log is append-only."""


class Statement(models.Model):
    statement_id = models.UUIDField(unique=True)
    data = models.JSONField()
    # SHA-256 of the statement as the client sent it, minus what the LRS adds or may rewrite
    # (stored, authority, version; timestamp normalised). Equal ids with equal hashes are
    # duplicates (no error); equal ids with different hashes are 409 Conflict.
    content_hash = models.CharField(max_length=64)
    stored = models.DateTimeField()
    timestamp = models.DateTimeField()
    actor_key = models.CharField(max_length=400)
    verb_id = models.CharField(max_length=400)
    object_activity_id = models.CharField(max_length=400, null=True, blank=True)
    # Set when the object is a StatementRef (including voiding statements): the filters must
    # also return statements that refer to a matching statement.
    object_statement_id = models.UUIDField(null=True, blank=True)
    registration = models.UUIDField(null=True, blank=True)
    voided = models.BooleanField(default=False)
    credential = models.ForeignKey(
        "xapi.Credential", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        indexes = [
            # Every query is ordered by (stored, id); each filter column leads a composite index
            # so that "newest N for X" is an index range scan on PostgreSQL and SQLite alike.
            models.Index(fields=["stored", "id"], name="xapi_stmt_stored"),
            models.Index(fields=["actor_key", "stored"], name="xapi_stmt_actor"),
            models.Index(fields=["verb_id", "stored"], name="xapi_stmt_verb"),
            models.Index(fields=["object_activity_id", "stored"], name="xapi_stmt_activity"),
            models.Index(fields=["registration", "stored"], name="xapi_stmt_registration"),
            models.Index(fields=["object_statement_id"], name="xapi_stmt_ref"),
            models.Index(fields=["credential", "stored"], name="xapi_stmt_credential"),
        ]

    def __str__(self):
        return str(self.statement_id)

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableRowError("Stored statements are immutable.")
        super().save(*args, **kwargs)


class StatementAgent(models.Model):
    """One row per agent or identified group a statement mentions.

    ``direct`` rows (actor, object, members of an actor or object group) serve the ``agent``
    filter; all rows serve ``related_agents=true``.
    """

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    agent_key = models.CharField(max_length=400)
    direct = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["agent_key", "direct"], name="xapi_agent_key")]

    def __str__(self):
        return self.agent_key


class StatementActivity(models.Model):
    """One row per activity a statement mentions (object, context activities, sub-statement)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    activity_id = models.CharField(max_length=400)

    class Meta:
        indexes = [models.Index(fields=["activity_id"], name="xapi_activity_id")]

    def __str__(self):
        return self.activity_id


class Attachment(models.Model):
    """Attachment content, stored once per SHA-2 hash however many statements use it."""

    sha2 = models.CharField(max_length=128, primary_key=True)
    content_type = models.CharField(max_length=255)
    content = models.BinaryField()

    def __str__(self):
        return self.sha2


class DocumentKind(models.TextChoices):
    STATE = "state", _("activity state")
    ACTIVITY_PROFILE = "activity_profile", _("activity profile")
    AGENT_PROFILE = "agent_profile", _("agent profile")


class Document(models.Model):
    """A state, activity-profile or agent-profile document. Unused scope parts are ''."""

    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    activity_id = models.CharField(max_length=400, default="", blank=True)
    agent_key = models.CharField(max_length=400, default="", blank=True)
    registration = models.CharField(max_length=36, default="", blank=True)
    document_id = models.CharField(max_length=400)
    content = models.BinaryField()
    content_type = models.CharField(max_length=255)
    etag = models.CharField(max_length=40)
    updated = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "activity_id", "agent_key", "registration", "document_id"],
                name="xapi_document_unique",
            )
        ]

    def __str__(self):
        return self.document_id

    @staticmethod
    def etag_for(content):
        return hashlib.sha1(content).hexdigest()  # noqa: S324 - an ETag, not a security hash


class Scope(models.TextChoices):
    WRITE_STATEMENTS = "statements/write", _("write statements")
    READ_OWN = "statements/read/mine", _("read own statements")
    READ_ALL = "statements/read", _("read all statements")
    DOCUMENTS = "documents", _("state and profile documents")


def _hash_secret(secret):
    # The secret is 32 random bytes, not a password: a fast hash is as safe as PBKDF2 here and
    # keeps Basic auth from costing tens of milliseconds per request.
    return hashlib.sha256(secret.encode()).hexdigest()


class Credential(models.Model):
    """A key and secret for HTTP Basic auth against the LRS, with scopes. Only a hash of the
    secret is stored; the secret is shown once, when the credential is created."""

    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lrs_credentials",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("LRS credential")
        verbose_name_plural = _("LRS credentials")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def issue(cls, name, scopes, organisation=None):
        """Create a credential (one INSERT) and return it with its one-time ``secret``."""
        secret = secrets.token_urlsafe(32)
        credential = cls.objects.create(
            name=name,
            key=secrets.token_hex(16),
            secret_hash=_hash_secret(secret),
            scopes=list(scopes),
            organisation=organisation,
        )
        credential.secret = secret
        return credential

    def reset_secret(self):
        """A new secret (one UPDATE); returns it. The old one stops working at once."""
        secret = secrets.token_urlsafe(32)
        self.secret_hash = _hash_secret(secret)
        self.save(update_fields=["secret_hash"])
        return secret

    def check_secret(self, secret):
        return hmac.compare_digest(self.secret_hash, _hash_secret(secret))

    def has_scope(self, scope):
        return scope in self.scopes

    @property
    def authority(self):
        """The agent stored as every statement's authority: the LRS's own account for this key."""

        return {
            "objectType": "Agent",
            "name": self.name,
            "account": {"homePage": homepage(), "name": f"lrs-credential:{self.key}"},
        }


class Selection(models.TextChoices):
    ALL = "all", _("all statements")
    COMPLETIONS = "completions", _("completions only")


class Destination(models.Model):
    """An external LRS that receives a copy of stored statements (see ``forwarding``).

    The secret must be sent in clear to the external LRS, so it cannot be hashed like a
    credential's; it is stored encrypted (``secretbox``) and never shown again after saving.
    """

    name = models.CharField(_("name"), max_length=200)
    endpoint = models.URLField(
        _("endpoint"),
        max_length=500,
        help_text=_(
            "The LRS's xAPI base URL, e.g. https://lrs.example.org/xAPI/ (statements "
            "are posted to its “statements” resource)."
        ),
    )
    username = models.CharField(_("key (username)"), max_length=200)
    secret_encrypted = models.TextField(editable=False, default="")
    selection = models.CharField(
        _("statements to forward"), max_length=20, choices=Selection.choices, default=Selection.ALL
    )
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("forwarding destination")
        verbose_name_plural = _("forwarding destinations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def set_secret(self, secret):
        self.secret_encrypted = encrypt(secret)

    def get_secret(self):
        return decrypt(self.secret_encrypted) if self.secret_encrypted else ""

    @property
    def statements_url(self):
        return self.endpoint.rstrip("/") + "/statements"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    SENT = "sent", _("sent")
    DEAD = "dead", _("failed (dead letter)")


class OutboxEntry(models.Model):
    """One statement to send to one destination: the transactional outbox.

    Written in the transaction that stores the statement, so a statement is queued exactly when
    it is stored. ``claim`` marks the rows a worker is sending; ``next_attempt_at`` is both the
    retry time and the lease of a claim (a worker that dies mid-send releases its rows when the
    lease runs out).
    """

    destination = models.ForeignKey(
        Destination, verbose_name=_("destination"), on_delete=models.CASCADE, related_name="outbox"
    )
    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    claim = models.UUIDField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, default="")
    created = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("forwarded statement")
        verbose_name_plural = _("forwarded statements")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["destination", "statement"], name="xapi_outbox_once_per_destination"
            ),
        ]
        indexes = [
            models.Index(
                fields=["destination", "status", "next_attempt_at"], name="xapi_outbox_due"
            ),
        ]

    def __str__(self):
        return f"{self.statement_id} → {self.destination_id}"
