-- Lead forms, leads with their quality verdict, their lifecycle (status, owner, notes, tasks,
-- activity) and the contacts they convert into. Every table carries org_id.

CREATE TABLE lead_forms (
  id                       TEXT PRIMARY KEY,
  org_id                   TEXT NOT NULL REFERENCES organisations(id),
  site_id                  TEXT NOT NULL REFERENCES sites(id),
  name                     TEXT NOT NULL,
  fields                   TEXT NOT NULL,          -- JSON FormField[] (server/schemas/leads.ts)
  business_email_required  INTEGER NOT NULL DEFAULT 0,
  submit_label             TEXT NOT NULL,          -- JSON {fr, en}
  success_message          TEXT NOT NULL,          -- JSON {fr, en}
  redirect_url             TEXT,
  archived_at              INTEGER,
  created_at               INTEGER NOT NULL,
  updated_at               INTEGER NOT NULL
);
CREATE INDEX lead_forms_org ON lead_forms(org_id, site_id);

-- The key that signs render tokens. One row, created on first use; never leaves the server.
CREATE TABLE lead_secrets (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  secret      TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE TABLE leads (
  id                  TEXT PRIMARY KEY,
  org_id              TEXT NOT NULL REFERENCES organisations(id),
  site_id             TEXT NOT NULL,
  form_id             TEXT NOT NULL REFERENCES lead_forms(id),
  email               TEXT NOT NULL,             -- lower case
  email_domain        TEXT NOT NULL,
  first_name          TEXT,
  last_name           TEXT,
  phone               TEXT,                      -- E.164 when it parsed, else as typed
  phone_valid         INTEGER,
  company_name        TEXT,
  job_title           TEXT,
  message             TEXT,
  consent             INTEGER,
  custom              TEXT NOT NULL DEFAULT '{}', -- JSON answers of custom fields
  quality             TEXT NOT NULL CHECK (quality IN ('valid', 'suspect', 'spam')),
  quality_reasons     TEXT NOT NULL DEFAULT '[]', -- JSON [{code, detail?}]
  restored_at         INTEGER,                   -- spam a user put back in the inbox
  status              TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'qualified', 'contacted', 'converted', 'refused')),
  refused_reason      TEXT,
  owner_id            TEXT,
  temperature         TEXT NOT NULL DEFAULT 'cold' CHECK (temperature IN ('cold', 'warm', 'hot')),
  temperature_manual  INTEGER NOT NULL DEFAULT 0,
  company_id          TEXT REFERENCES companies(id) ON DELETE SET NULL,
  contact_id          TEXT,
  visitor_id          INTEGER,
  session_id          INTEGER,
  ip_prefix           TEXT,
  page_url            TEXT,
  locale              TEXT,
  source              TEXT,                      -- first touch: utm_source, else referrer host, else '(direct)'
  medium              TEXT,
  campaign            TEXT,
  submissions         INTEGER NOT NULL DEFAULT 1,
  created_at          INTEGER NOT NULL,
  last_submitted_at   INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  qualified_at        INTEGER,
  converted_at        INTEGER
);
CREATE INDEX leads_org_time ON leads(org_id, created_at);
CREATE INDEX leads_dedupe ON leads(org_id, form_id, email, last_submitted_at);
CREATE INDEX leads_company ON leads(org_id, company_id) WHERE company_id IS NOT NULL;

-- Every submission, merged duplicates included, with its own verdict.
CREATE TABLE lead_submissions (
  id          INTEGER PRIMARY KEY,
  org_id      TEXT NOT NULL,
  lead_id     TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  quality     TEXT NOT NULL,
  reasons     TEXT NOT NULL,
  ip_prefix   TEXT,
  answers     TEXT NOT NULL                      -- JSON of the cleaned answers
);
CREATE INDEX lead_submissions_lead ON lead_submissions(lead_id, at);

-- Full history of a lead: submissions, status changes, owner, notes, tasks, conversion.
CREATE TABLE lead_activity (
  id          INTEGER PRIMARY KEY,
  org_id      TEXT NOT NULL,
  lead_id     TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL CHECK (actor IN ('user', 'visitor', 'system')),
  actor_id    TEXT,
  kind        TEXT NOT NULL,
  detail      TEXT                               -- JSON
);
CREATE INDEX lead_activity_lead ON lead_activity(lead_id, at);

CREATE TABLE lead_notes (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL,
  lead_id     TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  author_id   TEXT,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX lead_notes_lead ON lead_notes(lead_id, created_at);

CREATE TABLE lead_tasks (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL,
  lead_id      TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  title        TEXT NOT NULL,
  due_at       INTEGER NOT NULL,
  done_at      INTEGER,
  assignee_id  TEXT,
  created_by   TEXT,
  created_at   INTEGER NOT NULL
);
CREATE INDEX lead_tasks_lead ON lead_tasks(lead_id, due_at);
CREATE INDEX lead_tasks_org_due ON lead_tasks(org_id, due_at) WHERE done_at IS NULL;

-- People who became customers. A contact is separate from the lead it came from (a lead is a
-- request; a contact is a relationship) and keeps the link and the conversion date.
CREATE TABLE contacts (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organisations(id),
  company_id    TEXT REFERENCES companies(id) ON DELETE SET NULL,
  lead_id       TEXT REFERENCES leads(id) ON DELETE SET NULL,
  first_name    TEXT,
  last_name     TEXT,
  email         TEXT NOT NULL,
  phone         TEXT,
  job_title     TEXT,
  converted_at  INTEGER NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX contacts_org ON contacts(org_id, created_at);
CREATE INDEX contacts_company ON contacts(org_id, company_id) WHERE company_id IS NOT NULL;

-- The notification bell: each user's "seen up to" mark; new valid leads after it are unread.
CREATE TABLE lead_notification_marks (
  user_id  TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  org_id   TEXT NOT NULL,
  seen_at  INTEGER NOT NULL
);

-- Which business e-mail submitted from which network prefix: the evidence behind learned mappings.
CREATE TABLE lead_prefix_evidence (
  id          INTEGER PRIMARY KEY,
  org_id      TEXT NOT NULL,
  company_id  TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  ip_prefix   TEXT NOT NULL,
  email       TEXT NOT NULL,
  lead_id     TEXT,
  at          INTEGER NOT NULL
);
CREATE INDEX lead_prefix_evidence_key ON lead_prefix_evidence(org_id, ip_prefix, company_id, at);

-- A visitor who filled a form: their later sessions are attributed to the lead as well.
ALTER TABLE visitors ADD COLUMN lead_id TEXT;
