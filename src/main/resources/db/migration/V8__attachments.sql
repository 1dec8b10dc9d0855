-- Attachments: files that visitors and agents send in a conversation. The content is encrypted under the
-- workspace's key and kept in the attachment store (a folder, or another store through the SPI) under storage_key;
-- the row holds what is needed to find, show, count and authorise it. The file name is encrypted like a message body.
-- A deleted attachment keeps its row (deleted_at, no storage key) so that quotas still count it and its message can
-- say it is gone.
create table attachment (
    id                  uuid primary key,
    workspace_id        uuid not null references workspace (id),
    conversation_id     uuid not null references conversation (id),
    contact_id          uuid not null references contact (id),
    uploader_kind       varchar(16) not null,
    uploader_member_id  uuid references member (id),
    file_name           bytea not null,
    content_type        varchar(100) not null,
    size_bytes          bigint not null,
    storage_key         varchar(200),
    created_at          timestamp with time zone not null,
    deleted_at          timestamp with time zone
);

-- the per-visitor quota: uploads of one contact in the last day
create index attachment_contact_created on attachment (workspace_id, contact_id, created_at);

-- A file message: the attachment it carries (its name is the message's text). No foreign key: the message is written
-- first, in the same transaction, and the attachment module removes its rows before the conversation module does.
alter table message add column attachment_id uuid;
alter table message add column attachment_type varchar(100);
alter table message add column attachment_size bigint;
