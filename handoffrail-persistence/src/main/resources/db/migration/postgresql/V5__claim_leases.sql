-- Claim leases (issue 14): when the lease held on a claimed or in-progress packet runs out, in microseconds since
-- the epoch like every timestamp here; NULL when no lease is held. The lease itself (token hash, length, release
-- count, previous claimant) lives in the packet document; this column is what the sweeper searches.
ALTER TABLE packets ADD COLUMN lease_expires_at BIGINT;
-- the sweeper: only packets holding a lease
CREATE INDEX packets_lease_expiry ON packets (lease_expires_at) WHERE lease_expires_at IS NOT NULL;
