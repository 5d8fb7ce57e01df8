-- The e-mails behind learned IP mappings are kept by identification now (learned_evidence, 0011),
-- the only writer of learned mappings; the leads slice's own copy is no longer written nor read.
DROP INDEX lead_prefix_evidence_key;
DROP TABLE lead_prefix_evidence;
