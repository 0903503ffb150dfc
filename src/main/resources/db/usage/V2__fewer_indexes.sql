-- Every index costs each recorded request an insert. The admin queries by model or by front scan a time range
-- (usage_records_time) and filter; by key they keep their own index (the most common filter, and budgets').
DROP INDEX IF EXISTS usage_records_model_time;
DROP INDEX IF EXISTS usage_records_front_time;
