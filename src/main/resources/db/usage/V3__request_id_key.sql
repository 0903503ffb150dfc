-- The request id is the key: the surrogate id cost every recorded request a sequence number and an insert into
-- its own index, and nothing reads it (recent requests and exports order by time, then request id). Dropping a
-- column and taking an existing unique index as the primary key rewrite no row.
ALTER TABLE usage_records DROP COLUMN id;
ALTER TABLE usage_records ADD CONSTRAINT usage_records_request_id PRIMARY KEY USING INDEX usage_records_request_id;
