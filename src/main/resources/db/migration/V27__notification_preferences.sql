-- The agent's day, identity module: what notifies each member. Written for both H2 (MODE=PostgreSQL) and PostgreSQL 15+.

-- One row per member who changed the defaults (no row: new conversations and messages in their own conversations
-- notify, with sound, without the message's text). Nothing personal: flags only, so nothing is encrypted.
create table notification_preference (
    member_id          uuid primary key references member (id),
    workspace_id       uuid not null references workspace (id),
    new_conversations  boolean not null,
    my_conversations   boolean not null,
    inbox_messages     boolean not null,
    sound              boolean not null,
    previews           boolean not null,
    updated_at         timestamp with time zone not null
);
create index notification_preference_workspace on notification_preference (workspace_id);
