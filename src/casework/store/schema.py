"""The store's tables, in SQLAlchemy Core: plain, well-named, with foreign keys.

Every extracted fact is a row that points back to its document and carries its
character offsets, so a SQLite store opens as it is in Datasette or sqlite-utils.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 9  # raise it with a step in migrations.py

metadata = MetaData()

casework_meta = Table(
    "casework_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True, comment="sha256 of the normalised text, first 16 hex digits"),
    Column("title", Text),
    Column("byline", Text, nullable=False, default="[]", comment="JSON list of names"),
    Column("published", String(10)),
    Column("language", String(8), nullable=False),
    Column("site", Text),
    Column("url", Text),
    Column("path", Text),
    Column("format", String(16), nullable=False),
    Column("kind", String(16), nullable=False, comment="file, stdin, url, warc, feed or jsonl"),
    Column("encoding", String(32)),
    Column("captured", Text, comment="WARC capture time"),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False, comment="extracted, or skipped with skip_reason"),
    Column("skip_reason", Text),
    Column("near_duplicate_of", String(32), ForeignKey("documents.id")),
    Column("similarity", Float, comment="estimated Jaccard similarity to near_duplicate_of"),
    Column(
        "ingested_at",
        String(32),
        nullable=False,
        comment="UTC, ISO 8601 to the microsecond: the first copy is the earliest",
    ),
    Index("ix_documents_ingested_at", "ingested_at"),
    Index("ix_documents_near_duplicate_of", "near_duplicate_of"),
)

entities = Table(
    "entities",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(32), primary_key=True),
    Column("seq", Integer, nullable=False, comment="order within the document"),
    Column("kind", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases", Text, nullable=False, comment="JSON list"),
    Column("attributes", Text, nullable=False, comment="JSON object"),
    Column("component", String(64), comment="the registered component that made it; null before v6"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("document_id", String(32), primary_key=True),
    Column("entity_id", String(32), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    ForeignKeyConstraint(
        ["document_id", "entity_id"], ["entities.document_id", "entities.id"], ondelete="CASCADE"
    ),
)

timexes = Table(
    "timexes",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(10), nullable=False),
    Column("value", Text),
    Column("anchor", String(10), nullable=False),
    Column("component", String(64), comment="the registered component that made it; null before v6"),
)

events = Table(
    "events",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(32), primary_key=True),
    Column("seq", Integer, nullable=False, comment="order within the document"),
    Column("type", String(32), nullable=False),
    Column("subject", Text, nullable=False, comment="JSON list of entity ids"),
    Column("agent", Text, nullable=False, comment="JSON list of entity ids"),
    Column("place", Text, comment="the place as the report names it"),
    Column("date_text", Text),
    Column("date_value", Text),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("source", String(32), comment="entity id of who says so"),
    Column("attributes", Text, nullable=False, comment="JSON object"),
    Column("component", String(64), comment="the registered component that made it; null before v6"),
    Index("ix_events_type", "type"),
)

claims = Table(
    "claims",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(32), primary_key=True),
    Column("seq", Integer, nullable=False, comment="order within the document"),
    Column("speaker", String(32)),
    Column("speaker_text", Text, nullable=False),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue", Text, nullable=False),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("content", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("flags", Text, nullable=False, comment="JSON list"),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("component", String(64), comment="the registered component that made it; null before v6"),
    Column("about", Text, comment="JSON list: entity ids of the people the words are about; null before v9"),
)

accounts = Table(
    "accounts",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("aspect", String(32), nullable=False),
    Column("subject", String(32), nullable=False),
    Column("value", Text, nullable=False),
    Column("keys", Text, nullable=False, comment="JSON list"),
    Column("claim", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("date", Text),
    Column("component", String(64), comment="the registered component that made it; null before v6"),
)

findings = Table(
    "findings",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("message", Text, nullable=False),
    Column("refs", Text, nullable=False, comment="JSON list of event or claim ids"),
    Column("spans", Text, nullable=False, comment="JSON list of [start, end]"),
    Column("component", String(64), comment="the registered component that made it; null before v6"),
)

minhashes = Table(
    "minhashes",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("band", Integer, primary_key=True),
    Column("key", String(32), primary_key=True),
    Column("document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)

# --- across documents: who is who (recomputed by `casework resolve`; user judgements are kept) ---

person_links = Table(
    "person_links",
    metadata,
    Column("document_id", String(32), primary_key=True),
    Column("entity_id", String(32), primary_key=True),
    Column("person_id", String(16), nullable=False, comment="one person across all reports"),
    Column("name", Text, nullable=False, comment="the person's fullest name in any report"),
    ForeignKeyConstraint(
        ["document_id", "entity_id"], ["entities.document_id", "entities.id"], ondelete="CASCADE"
    ),
    Index("ix_person_links_person", "person_id"),
)

judgements = Table(
    "judgements",
    metadata,
    Column("left_key", String(80), primary_key=True, comment="<document id>:<entity id>"),
    Column("right_key", String(80), primary_key=True),
    Column("source", String(8), primary_key=True, comment="auto, or user (merge/split): user wins"),
    Column("decision", String(10), nullable=False, comment="same, different or unsure"),
    Column("score", Float, nullable=False),
    Column("features", Text, nullable=False, comment="JSON: score per feature"),
    Column("created_at", String(32), nullable=False),
)

entity_links = Table(
    "entity_links",
    metadata,
    Column("document_id", String(32), primary_key=True),
    Column("entity_id", String(32), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("global_id", String(16), nullable=False, comment="one organisation or place across all reports"),
    Column("name", Text, nullable=False, comment="its fullest name in any report"),
    Column("name_key", Text, nullable=False, comment="what the names were compared by"),
    ForeignKeyConstraint(
        ["document_id", "entity_id"], ["entities.document_id", "entities.id"], ondelete="CASCADE"
    ),
    Index("ix_entity_links_global", "global_id"),
)

case_summaries = Table(
    "case_summaries",
    metadata,
    Column("case_id", String(16), primary_key=True, comment="the person id"),
    Column("name", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("since", String(10)),
    Column("place", Text, comment="where the person is last reported held"),
    Column("nationality", Text, comment="as reports give it, comma-separated"),
    Column("sources", Integer, nullable=False, comment="near-duplicate groups, each counted once"),
    Column("findings", Integer, nullable=False),
    Column("consular_days", Integer),
    Index("ix_case_summaries_status", "status"),
    Index("ix_case_summaries_since", "since"),
)

# --- what people decided (review/): kept apart from extraction, which may be redone at any time ---
# No foreign key to documents: a decision outlives the rows it was made on and is re-attached to the
# fact that stands on the same evidence (document id, character span, type) after every re-run.

review_decisions = Table(
    "review_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "action",
        String(16),
        nullable=False,
        comment="confirm, reject, correct, note, tag, field, merge or split",
    ),
    Column(
        "fact", String(16), nullable=False, comment="event, claim, timex, finding, case, document or person"
    ),
    Column("document_id", String(32), comment="the evidence: document ..."),
    Column("start", Integer, comment="... and character span (an event's trigger, a claim, a mention)"),
    Column("end", Integer),
    Column("fact_type", String(32), comment="the fact's type as extracted: event type, finding kind, ..."),
    Column("field", String(32), comment="what a correction or a case field sets"),
    Column("value", Text, comment="JSON: the value a reviewer gave"),
    Column("original", Text, comment="JSON: the extracted value it replaces"),
    Column("reason", Text, comment="a reject's reason: not an event, not a detainee, wrong speaker, ..."),
    Column("note", Text, comment="why, in the reviewer's words"),
    Column("case_id", String(16), comment="the case when decided (a case id may change on re-resolution)"),
    Column("payload", Text, nullable=False, default="{}", comment="JSON: what an undo needs"),
    Column("reviewer", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("undone_at", String(32)),
    Column("undone_by", String(64)),
    Index("ix_review_decisions_document", "document_id"),
    Index("ix_review_decisions_case", "case_id"),
)

review_queue = Table(
    "review_queue",
    metadata,
    Column("case_id", String(16), primary_key=True),
    Column("ref", String(120), primary_key=True, comment="what confirm, reject and correct take"),
    Column("fact", String(16), nullable=False, comment="event, claim or finding"),
    Column("case_name", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("score", Integer, nullable=False, comment="how much the case stands on it: higher first"),
    Column("why", Text, nullable=False, comment="JSON list: opens the case, one source, disputed, ..."),
    Column("document_id", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False, comment="the sentence, as the case cites it"),
    Column("published", String(10)),
    Index("ix_review_queue_score", "score"),
)

users = Table(
    "users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False, comment="reviewer or admin"),
    Column(
        "token_hash", String(64), nullable=False, unique=True, comment="sha256 of the token; never the token"
    ),
    Column("created_at", String(32), nullable=False),
    Column("removed_at", String(32)),
)

# --- incremental updates, watching and alerts (v8) ---

pending_documents = Table(
    "pending_documents",
    metadata,
    Column("document_id", String(32), primary_key=True, comment="stored, not yet in the cases"),
)

person_blocks = Table(
    "person_blocks",
    metadata,
    Column("document_id", String(32), primary_key=True),
    Column("entity_id", String(32), primary_key=True),
    Column("block", Text, nullable=False, comment="the resolver's blocking key of the surname"),
    Column(
        "form", Text, nullable=False, comment="JSON [name, nationality, occupation] as the resolver sees them"
    ),
    ForeignKeyConstraint(
        ["document_id", "entity_id"], ["entities.document_id", "entities.id"], ondelete="CASCADE"
    ),
    Index("ix_person_blocks_block_form", "block", "form"),
)

person_firsts = Table(
    "person_firsts",
    metadata,
    Column("person_id", String(16), primary_key=True),
    Column(
        "first_key",
        Text,
        nullable=False,
        comment="DOCUMENT:ENTITY of the person's first mention; a person id is a hash of it, so a row "
        "stays right for as long as its person id exists",
    ),
)

case_snapshots = Table(
    "case_snapshots",
    metadata,
    Column("case_id", String(16), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("since", String(10)),
    Column("nationality", Text, nullable=False, comment="JSON list, as reports give it"),
    Column("held_in", Text, nullable=False, comment="JSON list of countries the detention names"),
    Column("findings", Text, nullable=False, comment="JSON list of 'kind: message'"),
    Column(
        "mentions",
        Text,
        nullable=False,
        comment="JSON list of document ids, to follow a case whose id changed",
    ),
    Column("detained_on", String(10), comment="the consular clock's detention day"),
    Column("detained_evidence", Text, comment="JSON: the sentence that dates the detention"),
    Column("home_acted", Boolean, nullable=False),
)

case_changes = Table(
    "case_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(16), nullable=False),
    Column(
        "kind", String(20), nullable=False, comment="new-case, status-change, new-finding, consular-overdue"
    ),
    Column("key", Text, nullable=False, comment="what makes this change itself: it is logged once"),
    Column("name", Text, nullable=False, comment="the person's name when it happened"),
    Column("summary", Text, nullable=False),
    Column("detail", Text, nullable=False, comment="JSON: the change, the case, the sentences"),
    Column("at", String(32), nullable=False),
    Index("ix_case_changes_case_key", "case_id", "key", unique=True),
    Index("ix_case_changes_at", "at"),
)

alert_rules = Table(
    "alert_rules",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("nationality", Text),
    Column("country", Text),
    Column("person", Text),
    Column("days", Integer),
    Column("created_at", String(32), nullable=False),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule", String(64), nullable=False),
    Column("change_id", Integer, ForeignKey("case_changes.id"), nullable=False),
    Column("created_at", String(32), nullable=False),
    Index("ix_alerts_rule_change", "rule", "change_id", unique=True),
)

delivery_cursors = Table(
    "delivery_cursors",
    metadata,
    Column("channel", Text, primary_key=True, comment="webhook URL or mail address, never a secret"),
    Column("last_alert_id", Integer, nullable=False, comment="every alert up to this one was delivered"),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_try", String(32)),
    Column("last_error", Text),
)

watch_sources = Table(
    "watch_sources",
    metadata,
    Column("source", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_try", String(32), comment="UTC: a failing source waits until then"),
    Column("last_error", Text),
    Column("checked_at", String(32)),
)

watch_items = Table(
    "watch_items",
    metadata,
    Column("source", Text, primary_key=True),
    Column("item", Text, primary_key=True, comment="feed item id, file path and content hash, or URL"),
    Column("seen_at", String(32), nullable=False),
)
