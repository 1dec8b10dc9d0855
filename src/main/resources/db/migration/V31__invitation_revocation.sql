-- An invitation link revoked before it was used: its page then says it was withdrawn.
alter table one_time_link add column revoked_at timestamp with time zone;
