-- Deactivating a member (the access module): the membership stays, with its role, overrides, scope and inboxes, but
-- grants nothing and cannot be signed into until it is reactivated. Removal (removed_at) is the end of a membership;
-- deactivation is a pause of it.

alter table member add column deactivated_at timestamp with time zone;
